import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FirehoseAnalyticsDelivery,
  MAX_BATCH_BYTES,
} from '../../../functions/adapters/firehose/analytics-delivery.ts';
import type { RowOf } from '../../../functions/core/analytics/tables.ts';

const firehose = mockClient(FirehoseClient);
const delivery = () =>
  new FirehoseAnalyticsDelivery(new FirehoseClient({ region: 'me-central-1' }), 'nidaa-dev-analytics-', {
    sleep: async () => {},
  });
const rows = (count: number, filler = '') =>
  Array.from({ length: count }, (_, i) => ({
    event_id: `e${i}`,
    cause: filler,
    day: '2026-03-01',
  })) as unknown as RowOf<'case_events'>[];
const sizes = () => firehose.commandCalls(PutRecordBatchCommand).map((c) => c.args[0].input.Records?.length);

beforeEach(() => {
  firehose.reset();
  firehose.on(PutRecordBatchCommand).callsFake((input) => ({
    FailedPutCount: 0,
    RequestResponses: input.Records.map(() => ({ RecordId: 'r' })),
  }));
});

describe('analytics rows to Firehose', () => {
  it('sends at most 500 records per PutRecordBatch, in order', async () => {
    expect(await delivery().put('case_events', rows(1001))).toEqual({ undelivered: [] });
    expect(sizes()).toEqual([500, 500, 1]);
    const last = firehose.commandCalls(PutRecordBatchCommand)[2]?.args[0].input;
    expect(last?.DeliveryStreamName).toBe('nidaa-dev-analytics-case_events');
    expect(Buffer.from(last?.Records?.[0]?.Data as Uint8Array).toString()).toBe(
      '{"event_id":"e1000","cause":"","day":"2026-03-01"}\n',
    );
  });

  it('keeps each call under 4 MiB', async () => {
    // Five rows of just over 1 MiB each (1 MiB of filler and their JSON): four would pass the limit.
    await delivery().put('case_events', rows(5, 'x'.repeat(1024 * 1024)));
    expect(sizes()).toEqual([3, 2]);
    for (const call of firehose.commandCalls(PutRecordBatchCommand)) {
      const bytes = (call.args[0].input.Records ?? []).reduce((n, r) => n + (r.Data?.length ?? 0), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
  });

  it('answers the rows still refused after every attempt, and why', async () => {
    firehose.on(PutRecordBatchCommand).resolves({
      FailedPutCount: 1,
      RequestResponses: [{ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }],
    });
    expect(await delivery().put('case_events', rows(1))).toEqual({
      undelivered: [0],
      reason: 'ServiceUnavailableException',
    });
    expect(sizes()).toEqual([1, 1, 1, 1]);
  });
});
