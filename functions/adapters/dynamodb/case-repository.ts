import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, CaseEvent } from '#core/case/case.ts';
import { ConflictError, invalidField, StaleVersionError } from '#core/errors.ts';
import type { CaseStore, DueRange, QueueEntry } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { CASE_EVENT_SK_PREFIX, keys, records } from './keys.ts';
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

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
/** Cursors are ours, but they come back from clients: longer than any we make is refused. */
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const badCursor = () =>
  invalidField('after', { ar: 'مؤشر الصفحة التالية غير صالح.', en: 'The page cursor (after) is not valid.' });

/**
 * A cursor back into the key DynamoDB handed out (issue 11, defect 8): base64url JSON holding exactly the
 * table's and the index's keys as strings, in the partition being read. Anything else is a bilingual 400,
 * never a DynamoDB error, and never a way to page through another queue.
 */
export function decodeCursor(
  cursor: string | undefined,
  index: { partitionKey: string; sortKey: string },
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw badCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const names = new Set([TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey, index.partitionKey, index.sortKey]);
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw badCursor();
  const entries = Object.entries(key);
  const wellFormed =
    entries.length === names.size &&
    entries.every(([name, value]) => names.has(name) && typeof value === 'string' && value.length > 0);
  if (!wellFormed || (key as Record<string, string>)[index.partitionKey] !== partition) throw badCursor();
  return key as Record<string, string>;
}

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
    // Picked by key, never "everything but the case": the partition also holds the e-mail thread and
    // whatever a later feature keeps next to its case, and none of that is a timeline event.
    const meta = items.find((i) => i.sk === keys.case(reference).sk);
    if (!meta) return undefined;
    const timeline = items
      .filter((i) => typeof i.sk === 'string' && i.sk.startsWith(CASE_EVENT_SK_PREFIX))
      .map((i) => strip<CaseEvent>(i));
    return { case: strip<Case>(meta), timeline };
  }

  async update(reference: string, expectedVersion: number, changes: Partial<Case>, events: CaseEvent[]) {
    const current = await this.get(reference);
    if (!current || current.version !== expectedVersion) throw this.conflict(reference);
    const next: Case = { ...current, ...changes, reference, version: expectedVersion + 1 };
    const created = await this.putNewEvents(events);
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
      if (error instanceof ConditionalCheckFailedException) {
        // Another write got in between the check above and this put: the change did not happen, so the
        // events written for it (first, the case item being the commit point) must leave the timeline.
        await this.removeEvents(created);
        throw this.conflict(reference);
      }
      throw error;
    }
    return next;
  }

  /**
   * Writes the events that are not there yet and returns those it created: an event already stored (the
   * same cause delivered twice) belongs to whoever wrote it first and must survive this write's failure.
   */
  private async putNewEvents(events: CaseEvent[]): Promise<CaseEvent[]> {
    const created = await Promise.all(
      events.map(async (event) => {
        try {
          const out = await this.db.send(
            new PutCommand({
              TableName: this.tableName,
              Item: records.caseEvent(event),
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          this.meter?.record('appendEvent', out.ConsumedCapacity);
          return event;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return undefined;
          throw error;
        }
      }),
    );
    return created.filter((e): e is CaseEvent => e !== undefined);
  }

  private async removeEvents(events: CaseEvent[]) {
    await Promise.all(
      events.map((event) =>
        this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.caseEvent(event) })),
      ),
    );
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

  /** One page of an index partition (the summaries the index projects), with a cursor to the next page. */
  private async queryIndex(
    operation: string,
    index: (typeof TABLE_SCHEMA.indexes)[keyof typeof TABLE_SCHEMA.indexes],
    partition: string,
    options: { limit: number; newestFirst?: boolean; sortFrom?: string; sortBefore?: string; after?: string },
  ) {
    const { sortFrom, sortBefore } = options;
    const range =
      sortFrom && sortBefore
        ? ' AND #sk BETWEEN :from AND :before'
        : sortFrom
          ? ' AND #sk >= :from'
          : sortBefore
            ? ' AND #sk < :before'
            : '';
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: `#pk = :pk${range}`,
        ExpressionAttributeNames: {
          '#pk': index.partitionKey,
          ...(range ? { '#sk': index.sortKey } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(sortFrom ? { ':from': sortFrom } : {}),
          ...(sortBefore ? { ':before': sortBefore } : {}),
        },
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.after, index, partition),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record(operation, out.ConsumedCapacity);
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map((i) => strip<QueueEntry>(i)), ...(next ? { next } : {}) };
  }

  listQueue(queue: string, limit: number, after?: string, due: DueRange = {}) {
    // Earliest SLA deadline first. Keys are `<dueAt>#<reference>`, so a bare instant as a bound keeps
    // `from` inclusive and `before` exclusive, even in BETWEEN.
    return this.queryIndex('listQueue', TABLE_SCHEMA.indexes.queue, `QUEUE#${queue}`, {
      limit,
      ...(after ? { after } : {}),
      ...(due.from ? { sortFrom: due.from } : {}),
      ...(due.before ? { sortBefore: due.before } : {}),
    });
  }

  async listByContact(contactId: string, limit: number) {
    const page = await this.queryIndex(
      'listByContact',
      TABLE_SCHEMA.indexes.byContact,
      `CONTACT#${contactId}`,
      {
        limit,
        newestFirst: true,
      },
    );
    return page.items;
  }

  async listByDepartmentSince(departmentCode: string, since: string, limit: number) {
    const page = await this.queryIndex(
      'listByDepartmentSince',
      TABLE_SCHEMA.indexes.byDepartment,
      `DEPT#${departmentCode}`,
      {
        limit,
        newestFirst: true,
        sortFrom: since,
      },
    );
    return page.items;
  }

  private conflict(reference: string) {
    return new StaleVersionError({
      ar: 'تغيّر البلاغ أثناء التحديث، أعد المحاولة.',
      en: `Case ${reference} changed meanwhile; reload and retry.`,
    });
  }
}
