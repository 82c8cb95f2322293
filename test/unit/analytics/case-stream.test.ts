import { createHmac } from 'node:crypto';
import {
  FirehoseClient,
  PutRecordBatchCommand,
  type PutRecordBatchCommandInput,
} from '@aws-sdk/client-firehose';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keys, records } from '../../../functions/adapters/dynamodb/keys.ts';
import { caseEventRow } from '../../../functions/core/analytics/records.ts';
import type { CaseEvent } from '../../../functions/core/case/case.ts';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { defineStageConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { stageConfig } from '../../infra/synth.ts';
import { aCase } from '../../support/builders.ts';

const firehose = mockClient(FirehoseClient);
const dynamo = mockClient(DynamoDBDocumentClient);
const secrets = mockClient(SecretsManagerClient);

const TABLE = 'nidaa-test-cases';
const PREFIX = 'nidaa-test-analytics-';
const SECRET_ARN = 'arn:aws:secretsmanager:me-central-1:111122223333:secret:nidaa/test/citizen-key-AbCdEf';
const SECRET = 'test-citizen-key';

let handler: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
beforeAll(async () => {
  defineStageConfig(runtimeConfigFor(stageConfig('dev')));
  process.env.TABLE_NAME = TABLE;
  process.env.CASE_DATA_REGION = 'me-central-1';
  process.env.ANALYTICS_STREAM_PREFIX = PREFIX;
  process.env.CITIZEN_KEY_SECRET_ARN = SECRET_ARN;
  ({ handler } = (await import('../../../functions/analytics/case-stream.handler.ts')) as never);
});

beforeEach(() => {
  firehose.reset();
  dynamo.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: SECRET });
  firehose.on(PutRecordBatchCommand).callsFake((input: PutRecordBatchCommandInput) => ({
    FailedPutCount: 0,
    Encrypted: true,
    RequestResponses: (input.Records ?? []).map((_, i) => ({ RecordId: `rec-${i}` })),
  }));
});

const theCase = aCase({
  reference: '260000101',
  contactId: 'contact-77',
  location: { lat: 23.6, lng: 58.4, wilayatCode: 'seeb' },
});
const created: CaseEvent = {
  id: 'evt-1',
  reference: '260000101',
  at: theCase.createdAt,
  kind: 'created',
  actor: 'citizen',
  channel: 'sms',
};

let sequence = 4_000_000_000_000_000_000n;
/** A stream record as Lambda delivers it (NEW_AND_OLD_IMAGES). */
function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
): DynamoDBRecord {
  sequence += 1n;
  const image = marshall(item, { removeUndefinedValues: true }) as never;
  return {
    eventID: `id-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'me-central-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_772_344_800,
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
      SequenceNumber: String(sequence),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:me-central-1:111122223333:table/${TABLE}/stream/2026-03-01T00:00:00.000`,
  };
}

const run = (...recs: DynamoDBRecord[]) => handler({ Records: recs }, {} as Context);
const seq = (r: DynamoDBRecord) => r.dynamodb?.SequenceNumber as string;

/** The rows a PutRecordBatch call carried, each record's Data decoded. */
const linesOf = (call: number) => {
  const input = firehose.commandCalls(PutRecordBatchCommand)[call]?.args[0]
    .input as PutRecordBatchCommandInput;
  return {
    stream: input.DeliveryStreamName,
    lines: (input.Records ?? []).map((r) => Buffer.from(r.Data as Uint8Array).toString('utf8')),
  };
};

describe('the analytics stream handler', () => {
  it('sends a new case and its first event to their delivery streams, one JSON line per record', async () => {
    const answer = await run(
      streamRecord('INSERT', records.caseEvent(created)),
      streamRecord('INSERT', records.case(theCase)),
      streamRecord('INSERT', {
        ...keys.identity({ kind: 'phone', value: '+96890000077' } as never),
        contactId: 'contact-77',
      }),
      streamRecord('REMOVE', { ...keys.rateWindow('status#contact-77', '2026-03-01T06:00'), count: 1 }),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    // The case came in the same batch: nothing is read.
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(2);
    const key = createHmac('sha256', SECRET).update('nidaa-citizen:v1:contact-77').digest('base64url');
    const calls = [linesOf(0), linesOf(1)].sort((a, b) => String(a.stream).localeCompare(String(b.stream)));
    expect(calls[0]?.stream).toBe(`${PREFIX}case_events`);
    // The row the transform makes (its columns are pinned in changes.test.ts), as one JSON line.
    expect(calls[0]?.lines).toEqual([`${JSON.stringify(caseEventRow(created, theCase, MUSCAT_CALENDAR))}\n`]);
    expect(calls[1]?.stream).toBe(`${PREFIX}cases`);
    expect(calls[1]?.lines).toHaveLength(1);
    const row = JSON.parse(calls[1]?.lines[0] ?? '{}');
    expect(row).toMatchObject({ reference: '260000101', version: 1, citizen_key: key, day: '2026-03-01' });
    expect(calls[1]?.lines.join('')).not.toContain('contact-77');
  });

  it('reads the cases of events it does not carry in one BatchGetItem, strongly consistent, just the dimensions', async () => {
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        [TABLE]: [{ reference: '260000101', categoryCode: 'streetlight', departmentCode: 'lighting' }],
      },
    });
    const answer = await run(
      streamRecord('INSERT', records.caseEvent({ ...created, id: 'evt-2', kind: 'note', actor: 'agent1' })),
      streamRecord('MODIFY', records.caseEvent({ ...created, id: 'evt-2', kind: 'note', actor: 'agent1' })),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(dynamo).toHaveReceivedCommandTimes(BatchGetCommand, 1);
    expect(dynamo).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: {
        [TABLE]: {
          Keys: [{ pk: 'CASE#260000101', sk: 'META' }],
          ConsistentRead: true,
          ProjectionExpression: '#reference, #categoryCode, #departmentCode, #location, #assignee, #tier',
          ExpressionAttributeNames: {
            '#reference': 'reference',
            '#categoryCode': 'categoryCode',
            '#departmentCode': 'departmentCode',
            '#location': 'location',
            '#assignee': 'assignee',
            '#tier': 'tier',
          },
        },
      },
    });
    // The same event written twice is two rows with one event_id: the queries count it once.
    const { lines } = linesOf(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ event_id: 'evt-2', category_code: 'streetlight', wilayat_code: null }),
      expect.objectContaining({ event_id: 'evt-2', category_code: 'streetlight', wilayat_code: null }),
    ]);
  });

  it('sends nothing for an event removed again in the same batch (its case update lost a race)', async () => {
    const lost = records.caseEvent({
      ...created,
      id: 'evt-lost',
      kind: 'status',
      data: { from: 'new', to: 'resolved' },
    });
    const answer = await run(
      streamRecord('INSERT', lost),
      streamRecord('MODIFY', records.case({ ...theCase, version: 2 })),
      streamRecord('REMOVE', lost),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(1);
    expect(linesOf(0).stream).toBe(`${PREFIX}cases`);
  });

  it('reports an event whose case is not stored yet as failed, and delivers the rest', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    const orphan = streamRecord(
      'INSERT',
      records.caseEvent({ ...created, reference: '260000999', id: 'evt-3' }),
    );
    const other = streamRecord('MODIFY', records.case({ ...theCase, version: 2, status: 'assigned' }));
    expect(await run(orphan, other)).toEqual({ batchItemFailures: [{ itemIdentifier: seq(orphan) }] });
    expect(linesOf(0).stream).toBe(`${PREFIX}cases`);
  });

  it('sends again only the records Firehose refused (FailedPutCount), and then succeeds', async () => {
    firehose
      .on(PutRecordBatchCommand)
      .resolvesOnce({
        FailedPutCount: 1,
        Encrypted: true,
        RequestResponses: [
          { RecordId: 'rec-0' },
          { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
          { RecordId: 'rec-2' },
        ],
      })
      .resolves({ FailedPutCount: 0, Encrypted: true, RequestResponses: [{ RecordId: 'rec-3' }] });
    const versions = [1, 2, 3].map((version) =>
      streamRecord('MODIFY', records.case({ ...theCase, version })),
    );
    expect(await run(...versions)).toEqual({ batchItemFailures: [] });
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(2);
    expect(linesOf(0).lines.map((l) => JSON.parse(l).version)).toEqual([1, 2, 3]);
    expect(linesOf(1).lines.map((l) => JSON.parse(l).version)).toEqual([2]);
  });

  it('reports the stream records whose rows Firehose kept refusing, as batch item failures', async () => {
    firehose.on(PutRecordBatchCommand).callsFake((input: PutRecordBatchCommandInput) => {
      const records = input.Records ?? [];
      const refused = records.map((r) =>
        Buffer.from(r.Data as Uint8Array)
          .toString()
          .includes('"version":2'),
      );
      return {
        FailedPutCount: refused.filter(Boolean).length,
        Encrypted: true,
        RequestResponses: refused.map((no, i) =>
          no ? { ErrorCode: 'InternalFailure', ErrorMessage: 'Try again.' } : { RecordId: `rec-${i}` },
        ),
      };
    });
    const versions = [1, 2, 3].map((version) =>
      streamRecord('MODIFY', records.case({ ...theCase, version })),
    );
    expect(await run(...versions)).toEqual({
      batchItemFailures: [{ itemIdentifier: seq(versions[1] as DynamoDBRecord) }],
    });
    // The first call, then three retries of the one refused record.
    expect(firehose.commandCalls(PutRecordBatchCommand).map((c) => c.args[0].input.Records?.length)).toEqual([
      3, 1, 1, 1,
    ]);
  });

  it('reports every record that had rows when the delivery stream cannot be reached', async () => {
    firehose
      .on(PutRecordBatchCommand)
      .rejects(Object.assign(new Error('Firehose not found'), { name: 'ResourceNotFoundException' }));
    const counter = streamRecord('MODIFY', { ...keys.counter('REF#2026'), seq: 5 });
    const version = streamRecord('MODIFY', records.case({ ...theCase, version: 4 }));
    expect(await run(counter, version)).toEqual({ batchItemFailures: [{ itemIdentifier: seq(version) }] });
  });
});
