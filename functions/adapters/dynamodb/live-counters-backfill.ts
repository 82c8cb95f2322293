/**
 * Counts the cases a table already holds into the live counters (docs/decisions/0114), then marks them
 * trusted (`countedFrom`): `GET /v1/stats` reads the snapshot until then. Used by local mode (its seeded
 * city goes straight into the table, past the stream) and, once after deploying, against a deployed table
 * (`npx tsx local/live-counters-backfill.ts`, docs/deploy.md). Each case is counted as the stream counts a
 * new one; facts a bucket already counted are skipped, so running it twice, or after the stream counted
 * some cases, counts nothing twice.
 *
 * A case that changes while the scan runs may be counted in the backlog where the scan saw it; the stream
 * moves it at its next change.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '#core/case/case.ts';
import type { BusinessCalendar } from '#core/sla/business-calendar.ts';
import { type CounterOp, counterOps } from '#core/stats/live-counters.ts';
import type { DocumentClient } from './client.ts';
import { DynamoLiveCounters } from './live-counters.ts';

export async function backfillLiveCounters(
  db: DocumentClient,
  tableName: string,
  calendar: BusinessCalendar,
  now: Date = new Date(),
): Promise<number> {
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
  const oldest = Math.floor(now.getTime() / 1000);
  await counters.applyAll(ops.filter((op) => op.kind === 'backlog' || op.expiresAt > oldest));
  await counters.markCounted(now);
  return counted;
}
