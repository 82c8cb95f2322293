import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../../functions/shared/env.ts';
import { type MailReceivingNames, RAW_MAIL_PREFIX } from './mail-names.ts';

/**
 * emailInbound's side of receiving (docs/decisions/0046): the mail stack's relay hands it each
 * notification; it may read `inbound/*` of the raw-mail bucket in regions.mailReceiving (by name) and
 * decrypt it through S3 with the key behind the mail stack's alias, and is told where to look.
 */
export class ReceivedMail extends Construct {
  constructor(scope: Construct, id: string, props: { function: lambda.Function; names: MailReceivingNames }) {
    super(scope, id);
    const { function: fn, names } = props;
    const objects = `arn:${Aws.PARTITION}:s3:::${names.bucketName}/${RAW_MAIL_PREFIX}*`;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        // The key's id is random and lives in another stack; its alias is fixed (kms:ResourceAliases).
        resources: [`arn:${Aws.PARTITION}:kms:${names.region}:${Aws.ACCOUNT_ID}:key/*`],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${names.region}.amazonaws.com` },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': names.keyAlias },
        },
      }),
    );
    // Its region is MAIL_RECEIVING_REGION, which every function reading received mail declares.
    fn.addEnvironment(ENV.rawMailBucket, names.bucketName);
    fn.addEnvironment(ENV.rawMailPrefix, RAW_MAIL_PREFIX);
    if (fn.role) {
      const stack = Stack.of(this);
      for (const [resource, reason] of [
        [
          stack.resolve(objects),
          'Received mail is named by SES message ids unknown in advance; only objects under inbound/ of the stage’s raw-mail bucket may be read.',
        ],
        [
          stack.resolve(`arn:${Aws.PARTITION}:kms:${names.region}:${Aws.ACCOUNT_ID}:key/*`),
          'The mail stack’s key id is random and in another region; the grant is limited to the key behind the stage’s alias (kms:ResourceAliases), used through S3 only.',
        ],
      ] as const) {
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${findingOf(resource)}]`,
          reason,
        });
      }
    }
  }
}

/** cdk-nag names a resource by its Fn::Join parts, pseudo parameters as `<AWS::…>`. */
function findingOf(resolved: unknown): string {
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return String(resolved);
  return join[1].map((p) => (typeof p === 'string' ? p : `<${(p as { Ref: string }).Ref}>`)).join(join[0]);
}
