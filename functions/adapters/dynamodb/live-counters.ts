import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterOp, CountOp, DayCounts } from '#core/stats/live-counters.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Attributes of a counter item that are not counts. */
const NOT_COUNTS = new Set(['pk', 'sk', 'entity', 'expiresAt']);

const countsOf = (item: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(item ?? {}).filter(([k, v]) => !NOT_COUNTS.has(k) && typeof v === 'number'),
  ) as Record<string, number>;

/**
 * The live counters in the case table (docs/decisions/0114): day and hour items whose numbers grow once
 * per fact (a sibling facts item per bucket says what it already counted, so the counter items read
 * back stay a few numbers), and one backlog item of reference sets. Reads are one query for a range of days, one get for the hour, one for the backlog.
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
    // Counted once per fact: a redelivered stream record finds its fact in the bucket's facts item.
    if (!(await this.recordFacts(op, [op.fact], 'NOT contains(facts, :first)'))) return false;
    const out = await this.db.send(
      new UpdateCommand({ ...this.countUpdate(op), ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.meter?.record('liveCount', out.ConsumedCapacity);
    return true;
  }

  /**
   * Records facts in the bucket's sibling facts item under `condition` (`:first` is the first fact); false
   * when the condition fails. The facts live apart from the counts so a read of the figures stays small.
   * DynamoDB Local and dynalite have no transactions, so this is the first of two writes and the gate:
   * a crash between it and the count leaves that one fact uncounted (never counted twice).
   */
  private async recordFacts(
    op: Pick<CountOp, 'bucket' | 'key' | 'expiresAt'>,
    facts: string[],
    condition: string,
  ): Promise<boolean> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.liveFacts(op.bucket, op.key),
          UpdateExpression: 'SET entity = :entity, expiresAt = :expiresAt ADD facts :facts',
          ConditionExpression: condition,
          ExpressionAttributeValues: {
            ':entity': 'live_facts',
            ':expiresAt': op.expiresAt,
            ':facts': new Set(facts),
            ...(condition.includes(':first') ? { ':first': facts[0] } : {}),
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('liveFacts', out.ConsumedCapacity);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Many operations at once, summed per bucket (a table's existing cases counted in one go). A bucket no
   * fact has reached yet gets one summed update (conditional on the item not existing); a bucket that
   * already holds counts (the stream got there first) is counted fact by fact, so nothing counts twice.
   * Backlog references are added (a set: adding one twice changes nothing).
   */
  async applyAll(ops: readonly CounterOp[]): Promise<void> {
    const buckets = new Map<string, { ops: CountOp[]; sum: CountOp & { facts: string[] } }>();
    const backlog = new Map<string, { add: string[]; remove: string[] }>();
    for (const op of ops) {
      if (op.kind === 'backlog') {
        for (const [field, list] of [
          [op.to, 'add'],
          [op.from, 'remove'],
        ] as const) {
          if (!field) continue;
          const entry = backlog.get(field) ?? { add: [], remove: [] };
          entry[list].push(op.reference);
          backlog.set(field, entry);
        }
        continue;
      }
      const id = `${op.bucket}#${op.key}`;
      const bucket = buckets.get(id) ?? { ops: [], sum: { ...op, counts: {}, facts: [] } };
      const { sum } = bucket;
      for (const [name, n] of Object.entries(op.counts)) sum.counts[name] = (sum.counts[name] ?? 0) + n;
      sum.facts.push(op.fact);
      sum.expiresAt = Math.max(sum.expiresAt, op.expiresAt);
      bucket.ops.push(op);
      buckets.set(id, bucket);
    }
    const writes: (() => Promise<unknown>)[] = [...buckets.values()].map(({ ops: each, sum }) => async () => {
      if (await this.recordFacts(sum, sum.facts, 'attribute_not_exists(pk)'))
        await this.db.send(new UpdateCommand(this.countUpdate(sum)));
      else for (const op of each) await this.apply(op);
    });
    for (const [field, { add, remove }] of backlog) {
      const net = new Set(add);
      for (const ref of remove) net.delete(ref);
      if (net.size === 0) continue;
      writes.push(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.liveBacklog(),
            UpdateExpression: 'SET entity = :entity ADD #field :refs',
            ExpressionAttributeNames: { '#field': field },
            ExpressionAttributeValues: { ':refs': net, ':entity': 'live_backlog' },
          }),
        ),
      );
    }
    for (let i = 0; i < writes.length; i += 16) await Promise.all(writes.slice(i, i + 16).map((w) => w()));
  }

  /**
   * Marks the counters as covering every case in the table (the backfill ran): until then `backlog()`
   * answers undefined and the figures come from the snapshot. The first mark stays.
   */
  async markCounted(at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.liveBacklog(),
        UpdateExpression: 'SET entity = :entity, countedFrom = if_not_exists(countedFrom, :at)',
        ExpressionAttributeValues: { ':entity': 'live_backlog', ':at': at.toISOString() },
      }),
    );
  }

  /** The update that adds a bucket's counts. */
  private countUpdate(op: Pick<CountOp, 'bucket' | 'key' | 'counts' | 'expiresAt'>) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':entity': `live_${op.bucket}`,
      ':expiresAt': op.expiresAt,
    };
    const adds = Object.entries(op.counts).map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    return {
      TableName: this.tableName,
      Key: op.bucket === 'day' ? keys.liveDay(op.key) : keys.liveHour(op.key),
      UpdateExpression: `SET entity = :entity, expiresAt = :expiresAt ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
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

  /**
   * Open cases per `open_<department>_t<tier>` field; undefined until a backfill counted the cases the
   * table held before the stream (`countedFrom`): the stream alone knows only the cases changed since.
   */
  async backlog(): Promise<Record<string, number> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.liveBacklog(), ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.meter?.record('readLiveBacklog', out.ConsumedCapacity);
    if (!out.Item?.countedFrom) return undefined;
    return Object.fromEntries(
      Object.entries(out.Item)
        .filter(([k, v]) => k.startsWith('open_') && v instanceof Set)
        .map(([k, v]) => [k, (v as Set<string>).size]),
    );
  }
}
