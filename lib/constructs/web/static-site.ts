import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { acknowledgeCdkHandler } from '../shared/cdk-handlers.ts';

/**
 * What the web apps served by CloudFront share (the case panel, 0053; the citizens' portal, 0095): a
 * private bucket with its own KMS key, the Vite build deployed in two steps, security headers.
 */
export type StaticSiteStorage = { bucket: s3.Bucket; key: kms.Key };

/**
 * A private, KMS-encrypted, access-logged bucket with its own key: CloudFront (origin access control)
 * may decrypt the site's files and nothing else; the stage key protecting case data is never granted.
 */
export function staticSiteBucket(
  scope: Construct,
  what: string,
  props: { protectData: boolean; accessLogDays?: number; logPrefix: string },
): StaticSiteStorage {
  const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const key = new kms.Key(scope, 'Key', {
    description: `Nidaa ${what} static files (readable by CloudFront only)`,
    enableKeyRotation: true,
    removalPolicy,
  });
  const bucket = new s3.Bucket(scope, 'Bucket', {
    ...privateKmsBucket(key),
    removalPolicy,
    autoDeleteObjects: false,
    // Old hashed assets stay a while for pages still open, then go.
    lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) }],
  });
  logAccess(bucket, accessLogBucket(scope, what, props.accessLogDays ?? 90, removalPolicy), props.logPrefix);
  return { bucket, key };
}

/** Stops synth with the fix when the app has not been built. */
export function requireBuild(buildDir: string, script: string) {
  if (!existsSync(path.join(buildDir, 'index.html'))) {
    throw new Error(
      `The web app is not built (${buildDir}): run \`npm run ${script}\` (cdk synth runs \`npm run build:web\` itself, cdk.json "build").`,
    );
  }
}

/**
 * Deploys a Vite build: the hashed `assets/` first, cached for a year (they never change), then the rest
 * (index.html, config.json, …) revalidated on every visit, so a new build shows at once and old assets
 * stay for open pages. Neither prunes: each would delete the other's files under the same prefix.
 */
export function deployBuild(
  scope: Construct,
  bucket: s3.IBucket,
  props: { buildDir: string; prefix: string; config: Record<string, unknown> },
) {
  const assets = new s3deploy.BucketDeployment(scope, 'Assets', {
    sources: [s3deploy.Source.asset(props.buildDir, { exclude: ['*', '!assets', '!assets/**'] })],
    destinationBucket: bucket,
    destinationKeyPrefix: props.prefix,
    prune: false,
    cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
  });
  const index = new s3deploy.BucketDeployment(scope, 'Index', {
    sources: [
      s3deploy.Source.asset(props.buildDir, { exclude: ['assets', 'assets/**', 'config.json'] }),
      s3deploy.Source.jsonData('config.json', props.config),
    ],
    destinationBucket: bucket,
    destinationKeyPrefix: props.prefix,
    prune: false,
    cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
  });
  // The new index.html names the new assets: upload them first.
  index.node.addDependency(assets);
}

/** CSP as given, nosniff, same-origin referrer, a year of HSTS. */
export function securityHeaders(
  scope: Construct,
  props: { comment: string; csp: string[]; custom?: Record<string, string> },
) {
  return new cloudfront.ResponseHeadersPolicy(scope, 'Headers', {
    comment: props.comment,
    securityHeadersBehavior: {
      contentSecurityPolicy: { override: true, contentSecurityPolicy: props.csp.join('; ') },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        override: true,
      },
    },
    ...(props.custom
      ? {
          customHeadersBehavior: {
            customHeaders: Object.entries(props.custom).map(([header, value]) => ({
              header,
              value,
              override: true,
            })),
          },
        }
      : {}),
  });
}

/**
 * BucketDeployment's handler is one shared function per stack, made by CDK; its findings about copying
 * into `bucket` are stated here, by each site that deploys through it.
 */
export function acknowledgeDeploymentHandler(scope: Construct, bucket: s3.Bucket, what: string) {
  const stack = Stack.of(scope);
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  const assetBucket = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`;
  const copies = `CDK’s BucketDeployment handler copies the built ${what} from the CDK asset bucket into its bucket; CDK grants it on those two buckets only, with object wildcards because the file names are the build’s`;
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
