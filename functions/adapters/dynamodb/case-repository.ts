import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, CaseEvent } from '#core/case/case.ts';
import { ConflictError } from '#core/errors.ts';
import type { CaseStore, QueueEntry } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys, records } from './keys.ts';
import { TABLE_SCHEMA } from './table-schema.ts';

const STRIP = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'entity',
  'expiresAt',
]);

function strip<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STRIP.has(k))) as T;
}

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
const decodeCursor = (cursor: string | undefined) =>
  cursor
    ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>)
    : undefined;

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {}

  async nextSequence(year: number): Promise<number> {
    // Atomic ADD: concurrent intakes each get a distinct number without a read (gaps are acceptable).
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(`REF#${year}`),
        UpdateExpression: 'ADD #seq :one',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('nextSequence', out.ConsumedCapacity);
    return Number(out.Attributes?.seq);
  }

  async create(caseItem: Case, events: CaseEvent[]): Promise<void> {
    await this.appendEvents(events);
    try {
      const out = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: records.case(caseItem),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('createCase', out.ConsumedCapacity);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError({
          ar: 'يوجد بلاغ بهذا الرقم.',
          en: `Case ${caseItem.reference} already exists.`,
        });
      }
      throw error;
    }
  }

  async get(reference: string): Promise<Case | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getCase', out.ConsumedCapacity);
    return out.Item ? strip<Case>(out.Item) : undefined;
  }

  async getWithTimeline(reference: string) {
    // One query reads the case and its whole timeline: they share the partition.
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk },
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('getCaseWithTimeline', out.ConsumedCapacity);
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    const meta = items.find((i) => i.sk === 'META');
    if (!meta) return undefined;
    const timeline = items.filter((i) => i.sk !== 'META').map((i) => strip<CaseEvent>(i));
    return { case: strip<Case>(meta), timeline };
  }

  async update(reference: string, expectedVersion: number, changes: Partial<Case>, events: CaseEvent[]) {
    const current = await this.get(reference);
    if (!current || current.version !== expectedVersion) throw this.conflict(reference);
    const next: Case = { ...current, ...changes, reference, version: expectedVersion + 1 };
    await this.appendEvents(events);
    try {
      // A conditional put of the whole item re-derives the index keys (queue moves, sparse removal) in
      // one write; DynamoDB charges an update by item size anyway.
      const out = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: records.case(next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('updateCase', out.ConsumedCapacity);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw this.conflict(reference);
      throw error;
    }
    return next;
  }

  async appendEvents(events: CaseEvent[]): Promise<void> {
    // Event ids are deterministic per cause, so a retried write overwrites itself instead of doubling.
    await Promise.all(
      events.map(async (event) => {
        const out = await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: records.caseEvent(event),
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.meter?.record('appendEvent', out.ConsumedCapacity);
      }),
    );
  }

  async listQueue(queue: string, limit: number, after?: string) {
    const index = TABLE_SCHEMA.indexes.queue;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': `QUEUE#${queue}` },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(after),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('listQueue', out.ConsumedCapacity);
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map((i) => strip<QueueEntry>(i)), ...(next ? { next } : {}) };
  }

  async listByContact(contactId: string, limit: number) {
    const index = TABLE_SCHEMA.indexes.byContact;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': `CONTACT#${contactId}` },
        ScanIndexForward: false,
        Limit: limit,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('listByContact', out.ConsumedCapacity);
    return (out.Items ?? []).map((i) => strip<QueueEntry>(i));
  }

  async listByDepartmentSince(departmentCode: string, since: string, limit: number) {
    const index = TABLE_SCHEMA.indexes.byDepartment;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk >= :since',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': `DEPT#${departmentCode}`, ':since': since },
        ScanIndexForward: false,
        Limit: limit,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('listByDepartmentSince', out.ConsumedCapacity);
    return (out.Items ?? []).map((i) => strip<QueueEntry>(i));
  }

  private conflict(reference: string) {
    return new ConflictError({
      ar: 'تغيّر البلاغ أثناء التحديث، أعد المحاولة.',
      en: `Case ${reference} changed meanwhile; reload and retry.`,
    });
  }
}
