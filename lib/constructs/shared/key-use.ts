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

/**
 * GetSecretValue on one secret only, and Decrypt with its key only through Secrets Manager. Written on the
 * function's role: `Secret.grantRead` would also edit the key's policy, and the key lives in the data
 * stack, which must not depend on the stack of the secret.
 */
export function grantSecretRead(
  scope: IConstruct,
  fn: { addToRolePolicy(statement: iam.PolicyStatement): void },
  secretArn: string,
  keyArn: string,
) {
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }),
  );
  fn.addToRolePolicy(keyUseThrough(scope, 'secretsmanager', keyArn, ['kms:Decrypt']));
}
