import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appintegrations from 'aws-cdk-lib/aws-appintegrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../../project-root.ts';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { acknowledgeCdkHandler } from '../shared/cdk-handlers.ts';

/** Where `npm run build:panel` (part of `build:web`, which cdk synth runs first) writes the case panel (web/panel/vite.config.ts). */
export const PANEL_BUILD_DIR = path.join(PROJECT_ROOT, 'web', 'panel', 'dist');
/** The path the panel is served under, on the same domain as the API (/v1/*). */
export const PANEL_PATH = '/panel/*';

/** What the panel reads from /panel/config.json in AWS (web/panel/src/auth.ts, PanelConfig). */
export type PanelCognitoConfig = {
  /** The user pool's hosted-UI domain, e.g. https://nidaa-prod.auth.me-central-1.amazoncognito.com */
  cognitoDomain: string;
  /** The CasePanel app client (AgentDirectory.panelClientId), which the API's JWT authorizer accepts. */
  clientId: string;
  /** The panel's own URL, registered as the app client's callback URL: https://<domain>/panel/ */
  redirectUri: string;
};

export type PanelSiteProps = {
  cognito: PanelCognitoConfig;
  protectData: boolean;
  accessLogDays?: number;
  /** Pages allowed to frame the panel: the Amazon Connect agent workspace, https://<alias>.my.connect.aws */
  frameAncestors?: readonly string[];
  /** Where attachment previews load from: the attachments bucket's S3 endpoint (signed links). */
  imageSources?: readonly string[];
  /** The built assets; defaults to web/panel/dist. */
  buildDir?: string;
};

/** `/panel/` is a directory to people, a key to S3: the function maps it to the app's index.html. */
const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri === '/panel/' || request.uri === '/panel') request.uri = '/panel/index.html';
  return request;
}`;

/**
 * The case panel's static site: a private, KMS-encrypted bucket with the built app under `panel/`, read
 * by CloudFront only (origin access control). The bucket has its own key so that the distribution may
 * decrypt the panel's files and nothing else: the stage key that protects case data is never granted to
 * CloudFront. `addTo` adds the `/panel/*` behaviour to the distribution that also fronts the API.
 */
export class PanelSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  private readonly origin: cloudfront.IOrigin;
  private readonly rewrite: cloudfront.Function;
  private readonly headers: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: PanelSiteProps) {
    super(scope, id);
    const buildDir = props.buildDir ?? PANEL_BUILD_DIR;
    if (!existsSync(path.join(buildDir, 'index.html'))) {
      throw new Error(
        `The case panel is not built (${buildDir}): run \`npm run build:web\` (cdk synth runs it itself, cdk.json "build").`,
      );
    }
    const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new kms.Key(this, 'Key', {
      description: 'Nidaa case panel static files (readable by CloudFront only)',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateKmsBucket(this.key),
      removalPolicy,
      autoDeleteObjects: false,
      // Old hashed assets stay a while for pages still open, then go.
      lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) }],
    });
    logAccess(
      this.bucket,
      accessLogBucket(this, 'panel', props.accessLogDays ?? 90, removalPolicy),
      'panel/',
    );

    // Hashed assets never change: cached for a year. index.html and config.json: revalidated every time.
    // Neither deployment prunes: each would delete the other's files under the same prefix.
    const assets = new s3deploy.BucketDeployment(this, 'Assets', {
      sources: [s3deploy.Source.asset(buildDir, { exclude: ['*', '!assets', '!assets/**'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'panel/',
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const index = new s3deploy.BucketDeployment(this, 'Index', {
      sources: [
        s3deploy.Source.asset(buildDir, { exclude: ['assets', 'assets/**', 'config.json'] }),
        s3deploy.Source.jsonData('config.json', { auth: 'cognito', ...props.cognito }),
      ],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'panel/',
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
    });
    // The new index.html names the new assets: upload them first.
    index.node.addDependency(assets);

    this.origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.rewrite = new cloudfront.Function(this, 'IndexRewrite', {
      code: cloudfront.FunctionCode.fromInline(INDEX_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves /panel/index.html for /panel/',
    });
    const frameAncestors = ["'self'", ...(props.frameAncestors ?? [])].join(' ');
    const connect = ["'self'", props.cognito.cognitoDomain].join(' ');
    const images = ["'self'", 'data:', ...(props.imageSources ?? [])].join(' ');
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Nidaa case panel: CSP (framed only by the Connect agent workspace), HSTS, nosniff',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src ${connect}`,
            `img-src ${images}`,
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            `frame-ancestors ${frameAncestors}`,
          ].join('; '),
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    this.acknowledgeDeploymentHandler();
  }

  /**
   * Serves the panel under /panel/* of `distribution` (the one that fronts the API on the same domain), and
   * `/panel` itself, which the `/panel/*` pattern does not match and would otherwise reach the API.
   */
  addTo(distribution: cloudfront.Distribution) {
    const behavior = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.headers,
      compress: true,
      functionAssociations: [
        { function: this.rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    distribution.addBehavior('/panel', this.origin, behavior);
    distribution.addBehavior(PANEL_PATH, this.origin, behavior);
  }

  /** BucketDeployment's handler is one shared function per stack, made by CDK; its findings are stated here. */
  private acknowledgeDeploymentHandler() {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`;
    const copies =
      'CDK’s BucketDeployment handler copies the built panel from the CDK asset bucket into the panel bucket; CDK grants it on those two buckets only, with object wildcards because the file names are the build’s';
    acknowledgeCdkHandler(stack, 'bucketDeployment', 'CDK’s BucketDeployment handler', [
      ...[
        's3:GetObject*',
        's3:GetBucket*',
        's3:List*',
        's3:DeleteObject*',
        's3:Abort*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
      ].map((action) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
        reason: `${copies} (the action group is CDK’s grantReadWrite on the bucket and its key).`,
      })),
      ...[assetBucket, `<${bucketId}.Arn>/*`].map((resource) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason: `${copies}.`,
      })),
    ]);
  }
}

/** AWS::AppIntegrations::Application's name and namespace patterns (CloudFormation's resource schema). */
const APPLICATION_NAME = /^[a-zA-Z0-9/._ -]{1,255}$/;
const APPLICATION_NAMESPACE = /^[a-zA-Z0-9/._-]{1,255}$/;

export type AgentWorkspaceAppProps = {
  /** Letters, digits, spaces and / . _ - only (no parentheses). */
  name: string;
  /** Unique per account and region; security profiles grant the app by this namespace. */
  namespace: string;
  /** The panel's URL, e.g. https://<domain>/panel/ */
  url: string;
  /** The origins the app's pages may come from, e.g. https://<domain> */
  approvedOrigins: string[];
};

/**
 * The panel as a third-party application of the Amazon Connect agent workspace
 * (AWS::AppIntegrations::Application), in the contact-center region next to the instance: AppIntegrations
 * is not offered in every region the case data may live in. It may read the contact's details and
 * attributes (the screen-pop), one instance per contact. Associating it with the instance and granting it
 * in a security profile are separate steps (README, "The case panel in the agent workspace").
 */
export class AgentWorkspaceApp extends Construct {
  readonly application: appintegrations.CfnApplication;

  constructor(scope: Construct, id: string, props: AgentWorkspaceAppProps) {
    super(scope, id);
    // CloudFormation rejects the stack at deploy time otherwise; say so at synth.
    if (!APPLICATION_NAME.test(props.name)) {
      throw new Error(
        `AgentWorkspaceApp name "${props.name}" must match ${APPLICATION_NAME} (AWS::AppIntegrations::Application).`,
      );
    }
    if (!APPLICATION_NAMESPACE.test(props.namespace)) {
      throw new Error(
        `AgentWorkspaceApp namespace "${props.namespace}" must match ${APPLICATION_NAMESPACE} (AWS::AppIntegrations::Application).`,
      );
    }
    this.application = new appintegrations.CfnApplication(this, 'Application', {
      name: props.name,
      namespace: props.namespace,
      description: 'Nidaa case panel: the caller’s cases, the timeline and the tier actions',
      applicationSourceConfig: {
        externalUrlConfig: { accessUrl: props.url, approvedOrigins: props.approvedOrigins },
      },
      applicationConfig: { contactHandling: { scope: 'PER_CONTACT' } },
      permissions: ['Contact.Details.View', 'Contact.Attributes.View'],
    });
  }
}
