import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as location from 'aws-cdk-lib/aws-location';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../../project-root.ts';
import { acknowledgeCdkHandler } from '../shared/cdk-handlers.ts';
import {
  acknowledgeDeploymentHandler,
  deployBuild,
  requireBuild,
  securityHeaders,
  staticSiteBucket,
} from './static-site.ts';

/** Where `npm run build:portal` writes the citizens' portal (web/portal/vite.config.ts). */
export const PORTAL_BUILD_DIR = path.join(PROJECT_ROOT, 'web', 'portal', 'dist');

/**
 * Real paths (/track/<reference>, /report) are pages of the single-page app: a path whose last segment
 * has no extension is answered with /index.html. Files (/assets/x.js, /sw.js) pass unchanged.
 */
export const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** The Amazon Connect communications widget, as the Connect console's "Add chat user interface" gives it. */
export type ChatWidget = { widgetScriptUrl: string; widgetId: string; snippetId: string };
/** The widget and the region of the Connect instance it talks to (the participant service there). */
export type PortalChat = { widget: ChatWidget; region: string };

export type PortalSiteProps = {
  protectData: boolean;
  accessLogDays?: number;
  /** The portal's origin, https://<domain>: the only referer the map key accepts. */
  siteOrigin: string;
  referencePrefix: string;
  channels: { hotline: string; sms: string; email: string };
  /** Where photos are uploaded to and shown from: the attachments bucket's S3 endpoint (presigned). */
  uploadOrigins: readonly string[];
  /** Amazon Location Service maps and place search (docs/decisions/0096); omitted = the offline sketch. */
  maps?: { style: string };
  chat?: PortalChat;
  /**
   * The edge's web ACL, whose Challenge and CAPTCHA guard the portal's creates: the page loads the ACL's
   * JavaScript integration and sends those requests with its token (docs/decisions/0092).
   */
  webAcl?: { name: string; id: string; arn: string };
  buildDir?: string;
};

/**
 * The citizens' portal (web/portal): a static single-page app in its own private bucket, served as the
 * distribution's default behaviour, on the same domain as the API (/v1/*) so no CORS is needed. Maps come
 * from Amazon Location Service with an API key that only the portal's pages may use, only for map tiles
 * and place search: no third-party key is in the page.
 */
export class PortalSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  readonly mapKey?: location.CfnAPIKey;
  /** The default behaviour for the shared distribution (PublicEdge's `defaultBehavior`). */
  readonly behavior: cloudfront.BehaviorOptions;

  constructor(scope: Construct, id: string, props: PortalSiteProps) {
    super(scope, id);
    const buildDir = props.buildDir ?? PORTAL_BUILD_DIR;
    requireBuild(buildDir, 'build:portal');
    const { bucket, key } = staticSiteBucket(this, 'portal', {
      protectData: props.protectData,
      ...(props.accessLogDays ? { accessLogDays: props.accessLogDays } : {}),
      logPrefix: 'portal/',
    });
    this.bucket = bucket;
    this.key = key;

    const region = Stack.of(this).region;
    const mapHosts = [
      `https://maps.geo.${region}.amazonaws.com`,
      `https://places.geo.${region}.amazonaws.com`,
    ];
    let map: Record<string, unknown> = { kind: 'offline' };
    if (props.maps) {
      // A Location API key is public by design (it is in the page): it is limited to the portal's own
      // pages (referer), to reading map tiles and searching places, and to AWS's default providers.
      this.mapKey = new location.CfnAPIKey(this, 'MapKey', {
        keyName: `${Stack.of(this).stackName}-portal-maps`,
        description: 'Nidaa citizens’ portal: map tiles and place search, from the portal’s pages only',
        noExpiry: true,
        restrictions: {
          allowActions: [
            'geo-maps:GetTile',
            'geo-maps:GetStaticMap',
            'geo-places:SearchText',
            'geo-places:Autocomplete',
          ],
          allowResources: [
            `arn:${Stack.of(this).partition}:geo-maps:${region}::provider/default`,
            `arn:${Stack.of(this).partition}:geo-places:${region}::provider/default`,
          ],
          allowReferers: [`${props.siteOrigin}/*`],
        },
      });
      map = { kind: 'amazon-location', region, style: props.maps.style, apiKey: this.keyValue(this.mapKey) };
    }
    const waf = props.webAcl ? this.wafIntegrationUrl(props.webAcl) : undefined;
    deployBuild(this, bucket, {
      buildDir,
      prefix: '',
      config: {
        referencePrefix: props.referencePrefix,
        map,
        channels: props.channels,
        ...(props.chat ? { chat: props.chat.widget } : {}),
        ...(waf ? { wafIntegrationUrl: waf } : {}),
      },
    });

    const chatHosts = props.chat ? [new URL(props.chat.widget.widgetScriptUrl).origin] : [];
    // The Connect chat widget talks to Connect's participant service and its websocket, in the instance's region.
    const chatConnect = props.chat
      ? [
          ...chatHosts,
          `https://participant.connect.${props.chat.region}.amazonaws.com`,
          `wss://*.transport.connect.${props.chat.region}.amazonaws.com`,
        ]
      : [];
    const maps = props.maps ? mapHosts : [];
    const headers = securityHeaders(this, {
      comment: 'Nidaa citizens’ portal: CSP, HSTS, nosniff; location and camera for this site only',
      csp: [
        "default-src 'self'",
        `script-src 'self' ${[...chatHosts, ...(waf ? [waf] : [])].join(' ')}`.trim(),
        `connect-src 'self' ${[...props.uploadOrigins, ...maps, ...chatConnect, ...(waf ? [waf] : [])].join(' ')}`.trim(),
        `img-src 'self' data: blob: ${[...props.uploadOrigins, ...maps].join(' ')}`.trim(),
        // MapLibre's worker is a file of the build; it makes blob: URLs for its own images.
        "worker-src 'self' blob:",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        "manifest-src 'self'",
        `frame-src ${chatHosts.length ? chatHosts.join(' ') : "'none'"}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
      custom: { 'permissions-policy': 'geolocation=(self), camera=(self), microphone=()' },
    });
    acknowledgeDeploymentHandler(this, bucket, 'portal');

    const rewrite = new cloudfront.Function(this, 'SpaRewrite', {
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves /index.html for the portal’s pages (extensionless paths)',
    });
    this.behavior = {
      origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
      functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    };
  }

  /**
   * CloudFormation does not return an API key's value (only its ARN): a custom resource reads it once
   * with geo:DescribeKey, on this key only, without logging the answer, for config.json.
   */
  private keyValue(key: location.CfnAPIKey): string {
    const describe = {
      service: 'Location',
      action: 'describeKey',
      parameters: { KeyName: key.keyName },
      physicalResourceId: cr.PhysicalResourceId.of(key.keyName),
      outputPaths: ['Key'],
      logging: cr.Logging.withDataHidden(),
    };
    const reader = new cr.AwsCustomResource(this, 'MapKeyValue', {
      onCreate: describe,
      onUpdate: describe,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['geo:DescribeKey'], resources: [key.attrArn] }),
      ]),
    });
    reader.node.addDependency(key);
    acknowledgeCdkHandler(Stack.of(this), 'awsCustomResource', 'CDK’s AwsCustomResource handler');
    return reader.getResponseField('Key');
  }

  /**
   * The web ACL's JavaScript integration URL (https://<…>.sdk.awswaf.com/…/), which CloudFormation does not
   * return: read once with wafv2:GetWebACL on this ACL only, for config.json and the page's CSP.
   */
  private wafIntegrationUrl(acl: { name: string; id: string; arn: string }): string {
    const get = {
      service: 'WAFV2',
      action: 'getWebACL',
      parameters: { Name: acl.name, Id: acl.id, Scope: 'CLOUDFRONT' },
      physicalResourceId: cr.PhysicalResourceId.of(acl.id),
      outputPaths: ['ApplicationIntegrationURL'],
    };
    const reader = new cr.AwsCustomResource(this, 'WafIntegrationUrl', {
      onCreate: get,
      onUpdate: get,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['wafv2:GetWebACL'], resources: [acl.arn] }),
      ]),
    });
    acknowledgeCdkHandler(Stack.of(this), 'awsCustomResource', 'CDK’s AwsCustomResource handler');
    return reader.getResponseField('ApplicationIntegrationURL');
  }
}
