import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../../functions/core/auth/roles.ts';
import { panelClient } from './panel-client.ts';

export type AgentDirectoryProps = {
  protectData: boolean;
  /** The hosted sign-in page's prefix (<prefix>.auth.<region>.amazoncognito.com). */
  signInDomainPrefix: string;
  /** The case panel's URL, where the sign-in page sends staff back; unknown before the first deploy without one. */
  panelUrl?: string;
};

/**
 * Staff accounts: a Cognito user pool whose groups are Nidaa's roles. Department staff also carry a
 * `custom:departments` claim (comma-separated department codes) that scopes what they may see.
 */
export class AgentDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  /** The CasePanel app client's id: the audience the API's JWT authorizer accepts. */
  readonly panelClientId: string;
  readonly signIn: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: AgentDirectoryProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: { departments: new cognito.StringAttribute({ mutable: true, maxLen: 256 }) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.protectData,
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
      });
    }
    this.signIn = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
    });
    // The panel signs in through the hosted page (docs/decisions/0061); without its URL yet, the edge
    // stack registers the distribution's address once it exists (PanelSignInCallback).
    this.panelClientId = panelClient(
      this.userPool,
      'CasePanel',
      this.userPool.userPoolId,
      props.panelUrl,
    ).ref;
  }

  get issuerUrl() {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
