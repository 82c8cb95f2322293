import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantSecretRead } from '../shared/key-use.ts';

export type SmsWebhookSecretProps = { stage: string; key: kms.IKey; protectData: boolean };

/**
 * The secret the short-code aggregator signs its webhook requests with (HMAC-SHA256,
 * docs/decisions/0041): generated here, encrypted with the stage's KMS key, read by the webhook function
 * once per container. It is handed to the aggregator out of band.
 */
export class SmsWebhookSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: SmsWebhookSecretProps) {
    super(scope, id);
    this.key = props.key;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `nidaa/${props.stage}/sms-aggregator-webhook`,
      description: 'Shared secret the SMS short-code aggregator signs webhook requests with (HMAC-SHA256)',
      encryptionKey: props.key,
      // Hex only: it travels in e-mails and aggregator consoles, and every HMAC library takes it as is.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, excludeUppercase: true },
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'A secret shared with an external aggregator cannot rotate on its own: a rotation is agreed with the aggregator and done by hand (README, SMS aggregator contract).',
    });
  }

  /** GetSecretValue on this secret only, Decrypt through Secrets Manager only (grantSecretRead). */
  grantRead(fn: { addToRolePolicy(statement: iam.PolicyStatement): void }) {
    grantSecretRead(this, fn, this.secret.secretArn, this.key.keyArn);
  }
}
