import { CfnOutput, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { panelUrlOf, type StageConfig } from './config/stage-config.ts';
import { PanelSignInCallback } from './constructs/api/panel-client.ts';
import { CitizenWebAcl } from './constructs/edge/citizen-web-acl.ts';
import { OriginSecret } from './constructs/edge/origin-secret.ts';
import { PublicEdge } from './constructs/edge/public-edge.ts';
import { stageKey } from './constructs/shared/stage-key.ts';
import { PanelSite } from './constructs/web/panel-site.ts';
import { PortalSite } from './constructs/web/portal-site.ts';
import type { CoreStack } from './core-stack.ts';
import { ROUTES } from './function-catalog.ts';

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
      captchaAfterPostsPer5Minutes: config.edge.captchaAfterPostsPer5Minutes,
      key,
      logRetentionDays: config.retention.logDays,
    });
    const secret = new OriginSecret(this, 'OriginVerify', {
      stage: config.stage,
      replicaRegion: config.regions.caseData,
      ...(config.edge.originSecretVersion ? { version: config.edge.originSecretVersion } : {}),
    });
    // The citizens' portal is the default behaviour; the API keeps its own paths (issue 12, 0095).
    const portal = new PortalSite(this, 'Portal', {
      protectData: config.protectData,
      accessLogDays: config.retention.logDays,
      siteOrigin: config.edge.domain
        ? `https://${config.edge.domain.name}`
        : Lazy.string({ produce: () => this.edge.url }),
      referencePrefix: config.municipality.referencePrefix,
      channels: {
        hotline: config.contactCenter.hotline,
        sms: config.sms.shortCode,
        email: `${config.email.fromLocalPart}@${config.email.domain}`,
      },
      uploadOrigins: [props.panel.attachmentsOrigin],
      ...(config.portal.mapStyle === 'offline' ? {} : { maps: { style: config.portal.mapStyle } }),
      ...(config.portal.chat
        ? { chat: { widget: config.portal.chat, region: config.regions.contactCenter } }
        : {}),
      webAcl: { name: acl.webAcl.name as string, id: acl.webAcl.attrId, arn: acl.webAcl.attrArn },
    });
    this.edge = new PublicEdge(this, 'Edge', {
      site: { defaultBehavior: portal.behavior, apiPaths: apiPathPrefixes() },
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

/** `/v1` (and any other first path segment the API's routes use), each sent to the API by the edge. */
export const apiPathPrefixes = () => [...new Set(ROUTES.map((r) => `/${r.path.split('/')[1]}`))];
