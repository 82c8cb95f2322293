import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantSecretRead } from './key-use.ts';

export type HmacSecretProps = {
  stage: string;
  key: kms.IKey;
  protectData: boolean;
  /** The secret's name under `nidaa/<stage>/`. */
  name: string;
  description: string;
  /** Lower-case letters and digits only, for a secret people copy by hand (an aggregator's console). */
  lowerCase?: boolean;
  /** Why it does not rotate on a schedule, and how it is rotated (cdk-nag AwsSolutions-SMG4). */
  rotation: string;
};

/**
 * A key Nidaa signs or checks HMAC-SHA256 signatures with: generated here, encrypted with the stage's KMS
 * key, read once per container by the functions granted it. The SMS aggregator's webhook secret
 * (docs/decisions/0041) and the tracking links' key (0086).
 */
export class HmacSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: HmacSecretProps) {
    super(scope, id);
    this.key = props.key;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `nidaa/${props.stage}/${props.name}`,
      description: props.description,
      encryptionKey: props.key,
      generateSecretString: {
        passwordLength: 64,
        excludePunctuation: true,
        ...(props.lowerCase ? { excludeUppercase: true } : {}),
      },
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason: props.rotation,
    });
  }

  /** GetSecretValue on this secret only, Decrypt through Secrets Manager only (grantSecretRead). */
  grantRead(fn: { addToRolePolicy(statement: iam.PolicyStatement): void }) {
    grantSecretRead(this, fn, this.secret.secretArn, this.key.keyArn);
  }
}
