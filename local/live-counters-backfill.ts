/**
 * The live counters' backfill (functions/adapters/dynamodb/live-counters-backfill.ts) for local mode, and
 * as a command for a deployed table, once after the first deploy (docs/deploy.md):
 *
 *   npx tsx local/live-counters-backfill.ts --table <case table> --region <region> [--stage prod]
 *
 * The stage (cdk.json) gives the business calendar the counters' days are cut by.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillLiveCounters as backfill } from '../functions/adapters/dynamodb/live-counters-backfill.ts';
import type { BusinessCalendar } from '../functions/core/sla/business-calendar.ts';
import { runtimeConfigFor } from '../lib/config/runtime-config.ts';
import { parseStageConfig } from '../lib/config/stage-config.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

const documentClient = (config: { endpoint?: string; region?: string }) =>
  DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });

/** Local mode: the table in dynalite at `endpoint`. */
export const backfillLiveCounters = (endpoint: string, tableName: string, calendar: BusinessCalendar) =>
  backfill(documentClient({ endpoint }), tableName, calendar);

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      stage: { type: 'string', default: 'prod' },
    },
  });
  if (!values.table || !values.region) {
    console.error(
      'usage: npx tsx local/live-counters-backfill.ts --table <case table> --region <region> [--stage prod]',
    );
    process.exit(2);
  }
  const stages = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context.stages;
  const { calendar } = runtimeConfigFor(parseStageConfig(values.stage, stages));
  const cases = await backfill(documentClient({ region: values.region }), values.table, calendar);
  console.log(
    `Counted ${cases} cases into the live counters of ${values.table}; GET /v1/stats now reads them.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
