import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ANALYTICS_TABLES, type TableName } from '../../../functions/core/analytics/tables.ts';
import type { StageConfig } from '../../config/stage-config.ts';

/**
 * The analytics store's names, fixed per stage, so a function in another stack or region can be told and
 * granted them without a cross-stack reference (the contact-record function lives next to Connect).
 */
export const analyticsNames = (config: Pick<StageConfig, 'stage'>) => ({
  /** Firehose delivery streams are `<prefix><table>` (ANALYTICS_STREAM_PREFIX). */
  streamPrefix: `nidaa-${config.stage}-analytics-`,
  /** Glue and Athena names take letters, digits and underscores only. */
  database: `nidaa_${config.stage}_analytics`,
  workgroup: `nidaa-${config.stage}-analytics`,
});

/** Every table of functions/core/analytics/tables.ts, in declaration order. */
export const analyticsTableNames = () => Object.keys(ANALYTICS_TABLES) as TableName[];

/** The delivery stream of each analytics table, in regions.caseData, by ARN (no wildcard). */
export function analyticsStreamArns(scope: IConstruct, config: Pick<StageConfig, 'stage' | 'regions'>) {
  const { streamPrefix } = analyticsNames(config);
  return analyticsTableNames().map((table) =>
    Stack.of(scope).formatArn({
      service: 'firehose',
      region: config.regions.caseData,
      resource: 'deliverystream',
      resourceName: `${streamPrefix}${table}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }),
  );
}
