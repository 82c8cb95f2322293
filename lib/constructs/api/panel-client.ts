import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeCdkHandler } from '../shared/cdk-handlers.ts';

/**
 * The CasePanel app client's settings, in the shape CloudFormation's AWS::Cognito::UserPoolClient and
 * Cognito's UpdateUserPoolClient share, so the stack that creates the client and the one that later points
 * it at the panel (PanelSignInCallback) say the same thing. Sign-in is the hosted page's authorization code
 * with PKCE, no client secret, and never the implicit flow. Without the panel's URL the client has no OAuth
 * at all (CDK's L2 would otherwise register https://example.com with the implicit flow).
 */
export function panelClientSettings(panelUrl: string | undefined): Record<string, unknown> {
  return {
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    SupportedIdentityProviders: ['COGNITO'],
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 720,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    AuthSessionValidity: 3,
    EnableTokenRevocation: true,
    PreventUserExistenceErrors: 'ENABLED',
    ...(panelUrl
      ? {
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid', 'email', 'profile'],
          CallbackURLs: [panelUrl],
          LogoutURLs: [panelUrl],
        }
      : { AllowedOAuthFlowsUserPoolClient: false }),
  };
}

/** The CasePanel client in `userPoolId`, from panelClientSettings (CloudFormation's own property names). */
export function panelClient(scope: Construct, id: string, userPoolId: string, panelUrl: string | undefined) {
  // The same construct path as the L2 client it replaces (…/CasePanel/Resource): the same logical id.
  return new CfnResource(new Construct(scope, id), 'Resource', {
    type: 'AWS::Cognito::UserPoolClient',
    properties: { UserPoolId: userPoolId, ...panelClientSettings(panelUrl) },
  });
}

export type PanelSignInCallbackProps = {
  /** The user pool's region (regions.caseData), its id and ARN, and the CasePanel client's id. */
  region: string;
  userPoolId: string;
  userPoolArn: string;
  clientId: string;
  /** The panel's address, made by this stack's distribution: https://<distribution>/panel/ */
  panelUrl: string;
};

/**
 * Registers the panel's address with the CasePanel client once the distribution exists, on a first deploy
 * with neither `contactCenter.panelUrl` nor `edge.domain` (docs/decisions/0061). The client lives with the
 * user pool in the case-data stack, which deploys before the distribution that makes the address, and the
 * API's authorizer there needs the client's id: so the client is created without OAuth and this resource,
 * in the edge stack, restates its whole configuration (UpdateUserPoolClient resets whatever it is not
 * given) with the code flow and the distribution's /panel/. Its parameters are the client's settings, so a
 * change to them reaches the client again when the edge stack deploys after the core stack (`--all`).
 */
export class PanelSignInCallback extends Construct {
  constructor(scope: Construct, id: string, props: PanelSignInCallbackProps) {
    super(scope, id);
    const call = (panelUrl: string): cr.AwsSdkCall => ({
      service: 'CognitoIdentityServiceProvider',
      action: 'updateUserPoolClient',
      region: props.region,
      parameters: {
        UserPoolId: props.userPoolId,
        ClientId: props.clientId,
        ...panelClientSettings(panelUrl),
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${props.clientId}-panel-sign-in`),
    });
    const resource = new cr.AwsCustomResource(this, 'Update', {
      onCreate: call(props.panelUrl),
      onUpdate: call(props.panelUrl),
      // No onDelete: this resource goes when panelUrl is configured, and by then the core stack has given
      // the client that URL itself; undoing the callback here would take sign-in away.
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['cognito-idp:UpdateUserPoolClient'],
          resources: [props.userPoolArn],
        }),
      ]),
      installLatestAwsSdk: false,
    });
    acknowledgeCdkHandler(Stack.of(resource), 'awsCustomResource', 'CDK’s AwsCustomResource handler');
  }
}
