import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantSecretRead } from '../shared/key-use.ts';

export type TrackingSecretProps = { stage: string; key: kms.IKey; protectData: boolean };

/**
 * The key tracking links are signed with (HMAC-SHA256, docs/decisions/0086): generated here, encrypted with
 * the stage's KMS key, read once per container by the functions that sign links or check tokens.
 */
export class TrackingSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: TrackingSecretProps) {
    super(scope, id);
    this.key = props.key;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `nidaa/${props.stage}/tracking-links`,
      description: 'Key that signs the tracking links in citizens’ acknowledgements (HMAC-SHA256)',
      encryptionKey: props.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'Rotating this key ends every tracking link already sent to citizens: it is rotated by hand when a link leaks, and tokens of the AWSPREVIOUS version keep working while the new one spreads (docs/decisions/0086).',
    });
  }

  /** GetSecretValue on this secret only, Decrypt through Secrets Manager only (grantSecretRead). */
  grantRead(fn: { addToRolePolicy(statement: iam.PolicyStatement): void }) {
    grantSecretRead(this, fn, this.secret.secretArn, this.key.keyArn);
  }
}
