import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchWriteCommand, DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import dynalite from 'dynalite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, type DocumentClient } from '../../../functions/adapters/dynamodb/client.ts';
import {
  CaseTableStream,
  keysWritten,
  type StreamOptions,
  streamConsumers,
  streamingProxy,
} from '../../../local/case-table-stream.ts';
import { ensureTable } from '../../../local/local-stack.ts';

const TABLE = 'nidaa-local';
type Delivery = { name: string; records: DynamoDBRecord[] };

let dynaliteServer: Server;
let proxy: { server: Server; port: number };
let stream: CaseTableStream;
let db: DocumentClient;
let deliveries: Delivery[];
/** What each consumer answers for a batch (default: all processed). */
let answer: (d: Delivery, attempt: number) => unknown;

beforeAll(async () => {
  dynaliteServer = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => dynaliteServer.listen(0, '127.0.0.1', () => resolve()));
  const port = (dynaliteServer.address() as AddressInfo).port;
  await ensureTable(`http://127.0.0.1:${port}`);
  const options: StreamOptions = {
    tableName: TABLE,
    keyAttributes: ['pk', 'sk'],
    region: 'me-central-1',
    now: () => new Date('2026-03-01T06:00:00.000Z'),
    invoke: async (name, event) => {
      const d = { name, records: (event as { Records: DynamoDBRecord[] }).Records };
      deliveries.push(d);
      return answer(d, deliveries.filter((x) => x.name === name).length);
    },
    batchingWindowMs: 5,
    retries: 2,
    retryDelayMs: 1,
  };
  stream = new CaseTableStream(options);
  proxy = await streamingProxy({ host: '127.0.0.1', port }, '127.0.0.1', stream, options);
  db = createDocumentClient(`http://127.0.0.1:${proxy.port}`);
});
afterAll(async () => {
  await stream.stop();
  await Promise.all([proxy.server, dynaliteServer].map((s) => new Promise((r) => s.close(r))));
});
beforeEach(() => {
  deliveries = [];
  answer = () => ({ batchItemFailures: [] });
});

const consumer = streamConsumers()[0] as string;
/** The records the first consumer was given, in order, once the stream is idle. */
const delivered = async () => {
  await stream.idle();
  return deliveries.filter((d) => d.name === consumer).flatMap((d) => d.records);
};
const put = (item: Record<string, unknown>) => db.send(new PutCommand({ TableName: TABLE, Item: item }));

describe('local DynamoDB Streams over dynalite', () => {
  it('is delivered to every caseTableStream function of the catalogue', () => {
    expect(streamConsumers()).toContain('analyticsStream');
  });

  it('gives INSERT, MODIFY and REMOVE records with keys and both images, in order, as AWS does', async () => {
    await put({ pk: 'CASE#1', sk: 'META', entity: 'case', version: 1 });
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: 'CASE#1', sk: 'META' },
        UpdateExpression: 'SET version = :v',
        ExpressionAttributeValues: { ':v': 2 },
      }),
    );
    await db.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'CASE#1', sk: 'META' } }));
    const records = await delivered();
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    expect(insert).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'me-central-1',
      eventSourceARN: expect.stringMatching(
        /^arn:aws:dynamodb:me-central-1:\d{12}:table\/nidaa-local\/stream\//,
      ),
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2026-03-01T06:00:00.000Z') / 1000,
        Keys: { pk: { S: 'CASE#1' }, sk: { S: 'META' } },
        NewImage: { pk: { S: 'CASE#1' }, sk: { S: 'META' }, entity: { S: 'case' }, version: { N: '1' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(insert.dynamodb?.OldImage).toBeUndefined();
    expect(modify.dynamodb?.OldImage?.version).toEqual({ N: '1' });
    expect(modify.dynamodb?.NewImage?.version).toEqual({ N: '2' });
    expect(remove.dynamodb?.NewImage).toBeUndefined();
    expect(remove.dynamodb?.OldImage?.version).toEqual({ N: '2' });
    const numbers = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(numbers).size).toBe(3);
  });

  it('gives nothing for a write that changes nothing: an identical put, a refused condition', async () => {
    await put({ pk: 'CASE#2', sk: 'META', version: 1 });
    await put({ pk: 'CASE#2', sk: 'META', version: 1 });
    await expect(
      db.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: 'CASE#2', sk: 'META', version: 9 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await delivered()).map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('passes only case items (pk under CASE#), as the AWS event source mapping filters: no counters', async () => {
    await put({ pk: 'COUNTER#reference', sk: 'COUNTER', value: 7 });
    await put({ pk: 'RATE#key-1', sk: '2026-03-01T06:00', count: 1 });
    await put({ pk: 'CASE#5', sk: 'META', version: 1 });
    expect((await delivered()).map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['CASE#5']);
    const options = { tableName: TABLE, keyAttributes: ['pk', 'sk'] } as unknown as StreamOptions;
    const counter = { TableName: TABLE, Item: { pk: { S: 'COUNTER#x' }, sk: { S: 'COUNTER' } } };
    expect(keysWritten('PutItem', counter, options)).toEqual([]);
  });

  it('names the items of TransactWriteItems (dynalite has no transactions; Nidaa uses none)', () => {
    const body = {
      TransactItems: [
        { Put: { TableName: TABLE, Item: { pk: { S: 'CASE#A' }, sk: { S: 'META' }, v: { N: '1' } } } },
        { Update: { TableName: TABLE, Key: { pk: { S: 'CASE#B' }, sk: { S: 'META' } } } },
        { Delete: { TableName: 'another-table', Key: { pk: { S: 'CASE#C' }, sk: { S: 'META' } } } },
        { ConditionCheck: { TableName: TABLE, Key: { pk: { S: 'CASE#D' }, sk: { S: 'META' } } } },
      ],
    };
    const options = { tableName: TABLE, keyAttributes: ['pk', 'sk'] } as unknown as StreamOptions;
    expect(keysWritten('TransactWriteItems', body, options)).toEqual([
      { pk: { S: 'CASE#A' }, sk: { S: 'META' } },
      { pk: { S: 'CASE#B' }, sk: { S: 'META' } },
    ]);
  });

  it('gives a record per item of BatchWriteItem, puts and deletes', async () => {
    const batchWrite = (requests: object[]) =>
      db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests as never } }));
    await batchWrite([
      { PutRequest: { Item: { pk: 'CASE#3', sk: 'META' } } },
      { PutRequest: { Item: { pk: 'CASE#3', sk: 'EVT#1' } } },
    ]);
    await batchWrite([
      { PutRequest: { Item: { pk: 'CASE#4', sk: 'META' } } },
      { DeleteRequest: { Key: { pk: 'CASE#3', sk: 'EVT#1' } } },
    ]);
    expect(
      (await delivered()).map((r) => `${r.eventName} ${r.dynamodb?.Keys?.pk?.S} ${r.dynamodb?.Keys?.sk?.S}`),
    ).toEqual(['INSERT CASE#3 META', 'INSERT CASE#3 EVT#1', 'INSERT CASE#4 META', 'REMOVE CASE#3 EVT#1']);
  });

  it('retries from the first failed record a function reports, and the whole batch when it throws', async () => {
    answer = (d, attempt) => {
      if (d.name !== consumer) return { batchItemFailures: [] };
      if (attempt === 1)
        return { batchItemFailures: [{ itemIdentifier: d.records[1]?.dynamodb?.SequenceNumber }] };
      if (attempt === 2) throw new Error('function error');
      return { batchItemFailures: [] };
    };
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: ['a', 'b', 'c'].map((k) => ({ PutRequest: { Item: { pk: `CASE#RETRY-${k}`, sk: 'X' } } })),
        },
      }),
    );
    await stream.idle();
    const batches = deliveries
      .filter((d) => d.name === consumer)
      .map((d) => d.records.map((r) => r.dynamodb?.Keys?.pk?.S));
    expect(batches).toEqual([
      ['CASE#RETRY-a', 'CASE#RETRY-b', 'CASE#RETRY-c'],
      ['CASE#RETRY-b', 'CASE#RETRY-c'],
      ['CASE#RETRY-b', 'CASE#RETRY-c'],
    ]);
  });

  it('drops a batch after its retries, as AWS sends it to the on-failure destination, and goes on', async () => {
    answer = (d) =>
      d.records.some((r) => r.dynamodb?.Keys?.pk?.S === 'CASE#POISON')
        ? Promise.reject(new Error('poison'))
        : { batchItemFailures: [] };
    await put({ pk: 'CASE#POISON', sk: 'X' });
    await stream.idle();
    await put({ pk: 'CASE#AFTER', sk: 'X' });
    const batches = deliveries
      .filter((d) => d.name === consumer)
      .map((d) => d.records.map((r) => r.dynamodb?.Keys?.pk?.S));
    await stream.idle();
    const all = deliveries
      .filter((d) => d.name === consumer)
      .map((d) => d.records.map((r) => r.dynamodb?.Keys?.pk?.S));
    expect(batches).toEqual([['CASE#POISON'], ['CASE#POISON'], ['CASE#POISON']]);
    expect(all.at(-1)).toEqual(['CASE#AFTER']);
  });
});
