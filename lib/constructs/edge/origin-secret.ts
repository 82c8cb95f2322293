import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Named, not referenced: the API's authorizer in the case-data region reads the replica by this name. */
export const originSecretName = (stage: string) => `nidaa/${stage}/origin-verify`;

export type OriginSecretProps = { stage: string; replicaRegion: string };

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
        'Rotating it means changing CloudFront and the authorizer together: put a new value, redeploy the edge stack (CloudFormation resolves it into the origin header), and the authorizer picks it up within its 5-minute cache. The README documents the steps; automatic rotation would break the edge between the two.',
    });
  }

  /** The secret as a CloudFormation dynamic reference, resolved at deployment (never in the template). */
  get headerValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }
}
