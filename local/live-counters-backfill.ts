/**
 * Counts the cases a table already holds into the live counters (docs/decisions/0114): local mode's
 * seeded city is written straight into the table, past the stream. Each case is counted as the stream
 * counts a new one (created, resolved, rated, its place in the backlog), summed per bucket into a table
 * whose counters are still empty; the facts are recorded, so a case the stream also delivers is skipped.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoLiveCounters } from '../functions/adapters/dynamodb/live-counters.ts';
import type { Case } from '../functions/core/case/case.ts';
import type { BusinessCalendar } from '../functions/core/sla/business-calendar.ts';
import { type CounterOp, counterOps } from '../functions/core/stats/live-counters.ts';

export async function backfillLiveCounters(
  endpoint: string,
  tableName: string,
  calendar: BusinessCalendar,
): Promise<number> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const counters = new DynamoLiveCounters(db, tableName);
  let counted = 0;
  const ops: CounterOp[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :case',
        ExpressionAttributeValues: { ':case': 'case' },
        ExclusiveStartKey: start,
      }),
    );
    const items = (page.Items ?? []) as Case[];
    ops.push(...items.flatMap((c) => counterOps(undefined, c, calendar)));
    counted += items.length;
    start = page.LastEvaluatedKey;
  } while (start);
  // Hours older than their buckets' life are not kept (they would expire at once).
  const oldest = Math.floor(Date.now() / 1000);
  await counters.applyAll(ops.filter((op) => op.kind === 'backlog' || op.expiresAt > oldest));
  return counted;
}
