import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { CaseTable } from './constructs/data/case-table.ts';

/** Stateful resources, apart from everything that can be redeployed freely. */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly table: CaseTable;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const protect = props.config.protectData;
    this.key = new kms.Key(this, 'DataKey', {
      description: `Nidaa ${props.config.stage}: cases, logs, queues, topics`,
      enableKeyRotation: true,
      removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudWatch Logs encrypts the log groups of this stage's functions and state machines with this key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:*`,
          },
        },
      }),
    );
    this.table = new CaseTable(this, 'Cases', { key: this.key, protectData: protect });
  }
}
