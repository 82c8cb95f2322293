import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterOp, DayCounts } from '#core/stats/live-counters.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Attributes of a counter item that are not counts. */
const NOT_COUNTS = new Set(['pk', 'sk', 'entity', 'expiresAt', 'facts']);

const countsOf = (item: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(item ?? {}).filter(([k, v]) => !NOT_COUNTS.has(k) && typeof v === 'number'),
  ) as Record<string, number>;

/**
 * The live counters in the case table (docs/decisions/0114): day and hour items whose numbers grow by one
 * conditional update per fact (the item's `facts` set says what it already counted), and one backlog item
 * of reference sets. Reads are one query for a range of days, one get for the hour, one for the backlog.
 */
export class DynamoLiveCounters {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {}

  /** Applies one operation; false when its fact was already counted (a retried stream record). */
  async apply(op: CounterOp): Promise<boolean> {
    if (op.kind === 'backlog') {
      const parts = [...(op.to ? ['ADD #to :ref'] : []), ...(op.from ? ['DELETE #from :ref'] : [])];
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.liveBacklog(),
          UpdateExpression: `SET entity = :entity ${parts.join(' ')}`,
          ExpressionAttributeNames: {
            ...(op.to ? { '#to': op.to } : {}),
            ...(op.from ? { '#from': op.from } : {}),
          },
          ExpressionAttributeValues: { ':ref': new Set([op.reference]), ':entity': 'live_backlog' },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('liveBacklog', out.ConsumedCapacity);
      return true;
    }
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':fact': new Set([op.fact]),
      ':factName': op.fact,
      ':entity': `live_${op.bucket}`,
      ':expiresAt': op.expiresAt,
    };
    const adds = Object.entries(op.counts).map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: op.bucket === 'day' ? keys.liveDay(op.key) : keys.liveHour(op.key),
          UpdateExpression: `SET entity = :entity, expiresAt = :expiresAt ADD ${[...adds, 'facts :fact'].join(', ')}`,
          ConditionExpression: 'NOT contains(facts, :factName)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('liveCount', out.ConsumedCapacity);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The days from `from` to `to` (YYYY-MM-DD), newest first; days without counts are left out. */
  async days(from: string, to: string): Promise<DayCounts[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.liveDay(from).pk, ':from': from, ':to': to },
          // The facts sets are what makes counting idempotent; the figures need only the numbers.
          ScanIndexForward: false,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('readLiveDays', out.ConsumedCapacity);
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items.map((item) => ({ day: String(item.sk), counts: countsOf(item) }));
  }

  async hour(hour: string): Promise<Record<string, number>> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.liveHour(hour),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('readLiveHour', out.ConsumedCapacity);
    return countsOf(out.Item);
  }

  /** Open cases per `open_<department>_t<tier>` field; undefined before the stream ever counted one. */
  async backlog(): Promise<Record<string, number> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.liveBacklog(), ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.meter?.record('readLiveBacklog', out.ConsumedCapacity);
    if (!out.Item) return undefined;
    return Object.fromEntries(
      Object.entries(out.Item ?? {})
        .filter(([k, v]) => k.startsWith('open_') && v instanceof Set)
        .map(([k, v]) => [k, (v as Set<string>).size]),
    );
  }
}
