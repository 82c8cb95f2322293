import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ANALYTICS_TABLES, type TableName } from '../../../functions/core/analytics/tables.ts';
import { analyticsNames } from '../../config/analytics-names.ts';
import type { StageConfig } from '../../config/stage-config.ts';

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
