import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { panelUrlOf, type StageConfig } from './config/stage-config.ts';
import { PanelSignInCallback } from './constructs/api/panel-client.ts';
import { CitizenWebAcl } from './constructs/edge/citizen-web-acl.ts';
import { OriginSecret } from './constructs/edge/origin-secret.ts';
import { PublicEdge } from './constructs/edge/public-edge.ts';
import { stageKey } from './constructs/shared/stage-key.ts';
import { PanelSite } from './constructs/web/panel-site.ts';
import type { CoreStack } from './core-stack.ts';

/** CloudFront's WAF web ACLs, certificates and standard logs must be in this region. */
export const EDGE_REGION = 'us-east-1';

export type EdgeStackProps = StackProps & {
  config: StageConfig;
  apiDomainName: string;
  /** The core stack's staff sign-in and attachments bucket, for the case panel. */
  panel: CoreStack['panel'];
};

/**
 * The public edge, in us-east-1 because CloudFront's WAF and certificates must be there: AWS WAF, the
 * CloudFront distribution in front of the API, and the secret header that ties them to the API
 * (docs/decisions/0016). Holds no citizen data: logs of requests only.
 */
export class EdgeStack extends Stack {
  readonly edge: PublicEdge;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const key = stageKey(this, 'EdgeKey', `Nidaa ${config.stage}: edge logs`, config.protectData);
    const acl = new CitizenWebAcl(this, 'Waf', {
      stage: config.stage,
      requestsPer5Minutes: config.edge.requestsPer5Minutes,
      postsPer5Minutes: config.edge.postsPer5Minutes,
      key,
      logRetentionDays: config.retention.logDays,
    });
    const secret = new OriginSecret(this, 'OriginVerify', {
      stage: config.stage,
      replicaRegion: config.regions.caseData,
      ...(config.edge.originSecretVersion ? { version: config.edge.originSecretVersion } : {}),
    });
    this.edge = new PublicEdge(this, 'Edge', {
      apiDomainName: props.apiDomainName,
      originSecret: secret.headerValue,
      webAclArn: acl.webAcl.attrArn,
      logRetentionDays: config.retention.logDays,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(config.edge.domain ? { domain: config.edge.domain } : {}),
    });
    // The case panel, same origin as the API: /panel/* from its own bucket (issue 6, docs/decisions/0053).
    const configuredPanelUrl = panelUrlOf(config);
    const panelUrl = configuredPanelUrl ?? `${this.edge.url}/panel/`;
    if (!configuredPanelUrl) {
      // First deploy without the panel's address: sign-in comes back to this distribution (docs/decisions/0061).
      new PanelSignInCallback(this, 'PanelSignIn', {
        region: config.regions.caseData,
        userPoolId: props.panel.userPoolId,
        userPoolArn: props.panel.userPoolArn,
        clientId: props.panel.clientId,
        panelUrl,
      });
    }
    const panel = new PanelSite(this, 'Panel', {
      cognito: {
        cognitoDomain: props.panel.cognitoDomain,
        clientId: props.panel.clientId,
        redirectUri: panelUrl,
      },
      protectData: config.protectData,
      accessLogDays: config.retention.logDays,
      frameAncestors: [`https://${config.contactCenter.instanceAlias}.my.connect.aws`],
      imageSources: [props.panel.attachmentsOrigin],
    });
    panel.addTo(this.edge.distribution);
    new CfnOutput(this, 'PublicUrl', { value: this.edge.url });
    new CfnOutput(this, 'PanelUrl', { value: panelUrl });
  }
}
