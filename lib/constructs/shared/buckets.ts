import { Aws, Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Server access logs of `bucket` into `logs` under `prefix`, delivered under a bucket policy (no ACLs:
 * the buckets enforce bucket-owner ownership). Set on the L1 resource because the L2 prop would fall back
 * to the LogDeliveryWrite ACL without the serverAccessLogsUseBucketPolicy feature flag.
 */
export function logAccess(bucket: s3.Bucket, logs: s3.Bucket, prefix: string) {
  logs.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [logs.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }),
  );
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: logs.bucketName,
    logFilePrefix: prefix,
  };
}

/** A private, TLS-only bucket that receives server access logs, expiring them after `days`. */
export function accessLogBucket(scope: Construct, what: string, days: number, removalPolicy: RemovalPolicy) {
  const logs = new s3.Bucket(scope, 'AccessLogs', {
    // Server access logs can only be delivered to SSE-S3 buckets, not SSE-KMS.
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(days) }],
    removalPolicy,
  });
  Validations.of(logs).acknowledge({
    id: 'AwsSolutions::AwsSolutions-S1',
    reason: `This bucket is the destination of the ${what} bucket access logs; logging it into itself would loop, and into another bucket would only move the finding.`,
  });
  return logs;
}

/** What every bucket holding citizens' files shares: the stage's KMS key, private, TLS only, versioned. */
export const privateKmsBucket = (key: kms.IKey) =>
  ({
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: true,
  }) satisfies s3.BucketProps;
