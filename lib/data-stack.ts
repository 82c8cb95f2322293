import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { CaseTable } from './constructs/data/case-table.ts';
import { stageKey } from './constructs/shared/stage-key.ts';

/** Stateful resources, apart from everything that can be redeployed freely. */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly table: CaseTable;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const protect = props.config.protectData;
    this.key = stageKey(this, 'DataKey', `Nidaa ${props.config.stage}: cases, logs, queues, topics`, protect);
    this.table = new CaseTable(this, 'Cases', { key: this.key, protectData: protect });
  }
}
