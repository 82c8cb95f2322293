import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

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
