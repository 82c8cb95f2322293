import { SecretValue, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Named, not referenced: the API's authorizer in the case-data region reads the replica by this name. */
export const originSecretName = (stage: string) => `nidaa/${stage}/origin-verify`;

export type OriginSecretProps = {
  stage: string;
  replicaRegion: string;
  /** The version CloudFront sends (config edge.originSecretVersion); the current one by default. */
  version?: string;
};

/**
 * The value CloudFront adds to every request it forwards to the API, and that the API's authorizer
 * demands (functions/core/auth/origin.ts). Created next to CloudFront, replicated to the API's region.
 */
export class OriginSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: originSecretName(props.stage),
      description: 'Nidaa: the header value CloudFront sends to the API, so WAF cannot be bypassed',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      replicaRegions: [{ region: props.replicaRegion }],
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'Rotated by hand in two steps (README): a new value, which the authorizer accepts alongside the previous one, then a deployment that pins CloudFront to the new version (edge.originSecretVersion); an automatic rotation would change the value without changing CloudFront.',
    });
    this.version = props.version;
  }

  private readonly version: string | undefined;

  /** The secret as a CloudFormation dynamic reference, resolved at deployment (never in the template). */
  get headerValue(): string {
    const value = this.version
      ? SecretValue.secretsManager(this.secret.secretArn, { versionId: this.version })
      : this.secret.secretValue;
    return value.unsafeUnwrap();
  }
}
