import { type FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { AnalyticsSink, SinkResult } from '#core/analytics/sink.ts';
import type { RowOf, TableName } from '#core/analytics/tables.ts';

/** PutRecordBatch's limits: 500 records and 4 MiB per call (each record up to 1,000 KiB). */
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export type DeliveryOptions = {
  /** Calls per record before it counts as undelivered (the first one included). */
  attempts?: number;
  /** Wait before the first retry, doubled for each one after. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

/** One row as Firehose takes it: a newline-terminated JSON line (the partition `day` included, see 0102). */
export const encodeRow = (row: object) => Buffer.from(`${JSON.stringify(row)}\n`, 'utf8');

/**
 * Analytics rows to their Firehose delivery stream, `<prefix><table>` (docs/decisions/0100, 0102).
 * PutRecordBatch is not all-or-nothing: a call can succeed with some records refused (FailedPutCount,
 * each refused one with its ErrorCode), so only those are sent again, after a backoff. Firehose delivers at
 * least once; rows carry their keys (`reference`+`version`, `event_id`), so a row sent twice is visible and
 * the queries count it once.
 */
export class FirehoseAnalyticsDelivery implements AnalyticsSink {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly firehose: FirehoseClient,
    private readonly streamPrefix: string,
    options: DeliveryOptions = {},
  ) {
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  streamOf(table: TableName): string {
    return `${this.streamPrefix}${table}`;
  }

  /**
   * Sends the rows; answers the positions of those still undelivered after every attempt (none: []) and
   * why the last attempt failed.
   */
  async put<N extends TableName>(table: N, rows: readonly RowOf<N>[]): Promise<SinkResult> {
    const result: SinkResult = { undelivered: [] };
    for (const chunk of chunks(rows.map(encodeRow))) {
      const { undelivered, reason } = await this.putChunk(table, chunk);
      result.undelivered.push(...undelivered);
      if (reason) result.reason = reason;
    }
    return result;
  }

  private async putChunk(table: TableName, chunk: { index: number; data: Buffer }[]): Promise<SinkResult> {
    let pending = chunk;
    let reason: string | undefined;
    for (let attempt = 0; attempt < this.attempts && pending.length > 0; attempt++) {
      if (attempt > 0) await this.sleep(this.baseDelayMs * 2 ** (attempt - 1));
      try {
        const out = await this.firehose.send(
          new PutRecordBatchCommand({
            DeliveryStreamName: this.streamOf(table),
            Records: pending.map((r) => ({ Data: r.data })),
          }),
        );
        // RequestResponses are in the order of Records; an ErrorCode marks a record Firehose refused.
        const refused = out.FailedPutCount
          ? pending.filter((_, i) => out.RequestResponses?.[i]?.ErrorCode)
          : [];
        if (refused.length > 0) reason = out.RequestResponses?.find((r) => r.ErrorCode)?.ErrorCode;
        pending = refused;
      } catch (error) {
        // The SDK already retried throttling and 5xx; what is left fails this attempt for the whole call.
        reason = (error as Error).name;
      }
    }
    return { undelivered: pending.map((r) => r.index), ...(pending.length > 0 && reason ? { reason } : {}) };
  }
}

/** Records in calls of at most MAX_BATCH_RECORDS and MAX_BATCH_BYTES, in order. */
function chunks(records: Buffer[]): { index: number; data: Buffer }[][] {
  const out: { index: number; data: Buffer }[][] = [];
  let current: { index: number; data: Buffer }[] = [];
  let bytes = 0;
  records.forEach((data, index) => {
    if (
      current.length === MAX_BATCH_RECORDS ||
      (current.length > 0 && bytes + data.length > MAX_BATCH_BYTES)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ index, data });
    bytes += data.length;
  });
  if (current.length > 0) out.push(current);
  return out;
}
