import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Use of a KMS key only through one AWS service (S3, SQS, Secrets Manager, Step Functions…) in one region
 * — the region of `scope`'s stack unless given: the key serves that service's encrypted data and nothing
 * else a role might do with it.
 */
export function keyUseThrough(
  scope: IConstruct,
  service: string,
  keyArn: string,
  actions: readonly ('kms:Decrypt' | 'kms:GenerateDataKey' | 'kms:Encrypt')[],
  region = Stack.of(scope).region,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [...actions],
    resources: [keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
  });
}
