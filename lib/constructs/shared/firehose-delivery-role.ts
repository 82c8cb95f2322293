import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A Firehose delivery role with the S3 actions its destination documents (the L2 construct grants
 * wildcards), on one bucket and, for objects, under the given prefixes only ('' for the whole bucket).
 * Assumable by Firehose of this account only; the caller adds the key and anything else it needs.
 */
export function firehoseDeliveryRole(
  scope: Construct,
  id: string,
  props: { bucket: s3.IBucket; objectPrefixes: readonly string[]; description: string },
) {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: props.description,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      resources: [props.bucket.bucketArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
      resources: props.objectPrefixes.map((p) => props.bucket.arnForObjects(`${p}*`)),
    }),
  );
  return role;
}
