import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { CaseTable } from './constructs/data/case-table.ts';
import { HmacSecret } from './constructs/shared/hmac-secret.ts';
import { stageKey } from './constructs/shared/stage-key.ts';

/** Stateful resources, apart from everything that can be redeployed freely. */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly table: CaseTable;
  /**
   * The key citizens are hashed with in the analytics store (docs/decisions/0106). Data, not code: a new
   * key would give every citizen a new `citizen_key` and cut the lake's history of repeat contacts.
   */
  readonly citizenKey: HmacSecret;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const protect = props.config.protectData;
    this.key = stageKey(this, 'DataKey', `Nidaa ${props.config.stage}: cases, logs, queues, topics`, protect);
    this.table = new CaseTable(this, 'Cases', { key: this.key, protectData: protect });
    this.citizenKey = new HmacSecret(this, 'AnalyticsCitizenKey', {
      stage: props.config.stage,
      key: this.key,
      protectData: protect,
      name: 'analytics-citizen-key',
      description: 'Key of the keyed hash (HMAC-SHA256) that stands for a citizen in the analytics store',
      rotation:
        'Rotating this key gives every citizen a new citizen_key, so repeat contacts could no longer be linked across the rotation: it is rotated by hand, only if it leaks, accepting that break (docs/decisions/0106).',
    });
  }
}
