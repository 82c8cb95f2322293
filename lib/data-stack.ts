import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { CaseTable } from './constructs/data/case-table.ts';
import { letCloudWatchLogsUse } from './constructs/shared/logs-key.ts';

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
    letCloudWatchLogsUse(this.key);
    this.table = new CaseTable(this, 'Cases', { key: this.key, protectData: protect });
  }
}
