import { Duration, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * An encrypted, TLS-only dead-letter queue that keeps messages 14 days. `of` says whose failures it
 * holds; the caller watches its depth with an alarm (Observability.watchDeadLetterQueue).
 */
export function deadLetterQueue(scope: Construct, key: kms.IKey, of: string) {
  const queue = new sqs.Queue(scope, 'DeadLetters', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${of}; an alarm watches its depth.`,
  });
  return queue;
}
