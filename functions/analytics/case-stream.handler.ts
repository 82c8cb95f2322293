import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readCaseDimensions } from '#adapters/dynamodb/case-dimensions.ts';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import {
  type CaseDimensions,
  type ChangeContext,
  casesCarried,
  casesToRead,
  rowsOfChange,
  undoneInBatch,
} from '#core/analytics/changes.ts';
import type { CitizenKey } from '#core/analytics/records.ts';
import type { AnalyticsSink } from '#core/analytics/sink.ts';
import type { RowOf, TableName } from '#core/analytics/tables.ts';
import type { BusinessCalendar } from '#core/sla/business-calendar.ts';
import { analyticsSink } from '#shared/analytics-sink.ts';
import { citizenKey } from '#shared/citizen-key.ts';
import { container, once } from '#shared/container.ts';
import { ENV, requireEnv } from '#shared/env.ts';
import { logger } from '#shared/powertools.ts';

export type CaseStreamDeps = {
  citizenKey: CitizenKey;
  calendar: BusinessCalendar;
  readCases(references: readonly string[]): Promise<Map<string, CaseDimensions>>;
  delivery: AnalyticsSink;
};

type StoredItem = Record<string, unknown>;

/** The item after the change; undefined for a removal (TTL, a rolled-back event), which gives no row. */
const newImageOf = (record: DynamoDBRecord): StoredItem | undefined =>
  record.eventName === 'REMOVE' || !record.dynamodb?.NewImage
    ? undefined
    : unmarshall(record.dynamodb.NewImage as Parameters<typeof unmarshall>[0]);

/**
 * One batch of case-table stream records → analytics rows → Firehose (docs/decisions/0102). The answer is
 * Lambda's partial batch response: the records whose rows did not all reach Firehose, and those whose case
 * is not readable yet; Lambda retries from the first of them, so later records come again too, and the
 * rows' keys let the queries count each once.
 */
export async function processCaseChanges(
  records: readonly DynamoDBRecord[],
  deps: CaseStreamDeps,
): Promise<DynamoDBBatchResponse> {
  const undone = undoneInBatch(
    records.map((r) => ({ key: JSON.stringify(r.dynamodb?.Keys ?? {}), removed: r.eventName === 'REMOVE' })),
  );
  const images = records.map((r, i) => (undone.has(i) ? undefined : newImageOf(r)));
  const carried = casesCarried(images);
  const toRead = casesToRead(images);
  const read = toRead.length > 0 ? await deps.readCases(toRead) : new Map<string, CaseDimensions>();
  const ctx: ChangeContext = {
    citizenKey: deps.citizenKey,
    calendar: deps.calendar,
    caseOf: (reference) => carried.get(reference) ?? read.get(reference),
  };

  const failed = new Set<number>();
  const pending = new Map<TableName, { rows: RowOf<TableName>[]; sources: number[] }>();
  images.forEach((image, index) => {
    const outcome = rowsOfChange(image, ctx);
    if ('needsCase' in outcome) {
      failed.add(index);
      return;
    }
    for (const [table, rows] of Object.entries(outcome.rows) as [TableName, RowOf<TableName>[]][]) {
      const entry = pending.get(table) ?? { rows: [], sources: [] };
      for (const row of rows) {
        entry.rows.push(row);
        entry.sources.push(index);
      }
      pending.set(table, entry);
    }
  });

  const missingCases = [...failed].map((i) => images[i]?.reference);
  if (missingCases.length > 0)
    logger.warn('events whose case is not stored yet', { references: missingCases });
  for (const [table, { rows, sources }] of pending) {
    const { undelivered, reason } = await deps.delivery.put(table, rows);
    for (const row of undelivered) failed.add(sources[row] as number);
    if (undelivered.length > 0)
      logger.error('analytics rows undelivered', { table, count: undelivered.length, reason });
  }

  const batchItemFailures = [...failed]
    .sort((a, b) => a - b)
    .map((i) => ({ itemIdentifier: records[i]?.dynamodb?.SequenceNumber ?? '' }));
  logger.info('case changes to analytics', {
    records: records.length,
    rows: Object.fromEntries([...pending].map(([t, p]) => [t, p.rows.length])),
    failed: batchItemFailures.length,
  });
  return { batchItemFailures };
}

const documentClient = once(() => createDocumentClient());

/**
 * The case table's stream (event source mapping, ReportBatchItemFailures): every new case version and
 * timeline event to the analytics store.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(
  async (event) => {
    const db = documentClient();
    const tableName = requireEnv(ENV.tableName);
    return processCaseChanges(event.Records, {
      citizenKey: await citizenKey(),
      calendar: container().config.calendar,
      readCases: (references) => readCaseDimensions(db, tableName, references),
      delivery: analyticsSink(),
    });
  },
);
