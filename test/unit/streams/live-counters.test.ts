import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, records } from '#adapters/dynamodb/keys.ts';
import { DynamoLiveCounters } from '#adapters/dynamodb/live-counters.ts';
import { backfillLiveCounters } from '#adapters/dynamodb/live-counters-backfill.ts';
import type { Case } from '#core/case/case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { handleSlaBreach } from '#core/lifecycle/lifecycle.ts';
import { counterOps, summarizeLive } from '#core/stats/live-counters.ts';
import { defineStageConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { stageConfig } from '../../infra/synth.ts';
import { aCase } from '../../support/builders.ts';
import { startTable } from '../../support/dynalite-table.ts';

const config = runtimeConfigFor(stageConfig('dev'));
defineStageConfig(config);
const calendar = config.calendar;

let table: Awaited<ReturnType<typeof startTable>>;
let counters: DynamoLiveCounters;
let handler: (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
beforeAll(async () => {
  table = await startTable();
  counters = new DynamoLiveCounters(table.db, table.tableName);
  // A table whose older cases were counted (the backfill ran): its backlog is trusted.
  await counters.markCounted(new Date('2026-01-01T00:00:00.000Z'));
  process.env.TABLE_NAME = table.tableName;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = table.endpoint;
  handler = (await import('../../../functions/streams/live-counters.handler.ts')).handler as never;
});
afterAll(() => table.stop());

let sequence = 0;
/** One stream record as DynamoDB Streams delivers it (NEW_AND_OLD_IMAGES). */
function streamRecord(before: Case | undefined, after: Case | undefined): DynamoDBRecord {
  sequence += 1;
  const image = (c: Case) =>
    marshall(records.case(c), { removeUndefinedValues: true }) as Record<string, AttributeValue>;
  const c = (after ?? before) as Case;
  return {
    eventID: `e${sequence}`,
    eventName: before && after ? 'MODIFY' : after ? 'INSERT' : 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'me-central-1',
    dynamodb: {
      ApproximateCreationDateTime: Date.parse(c.updatedAt) / 1000,
      Keys: { pk: { S: `CASE#${c.reference}` }, sk: { S: 'META' } },
      ...(after ? { NewImage: image(after) as never } : {}),
      ...(before ? { OldImage: image(before) as never } : {}),
      SequenceNumber: String(100000 + sequence),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN:
      'arn:aws:dynamodb:me-central-1:000000000000:table/nidaa-local/stream/2026-12-01T00:00:00.000',
  };
}
const event = (...rs: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: rs });
const context = {} as Context;

/** A store of one case that remembers each version, as the stream sees them. */
function versions(first: Case) {
  const list: Case[] = [first];
  return {
    list,
    cases: {
      get: async () => list.at(-1),
      update: async (_ref: string, version: number, changes: Partial<Case>) => {
        const current = list.at(-1) as Case;
        if (current.version !== version) throw new Error('conflict');
        const next = { ...current, ...changes, version: version + 1 } as Case;
        list.push(next);
        return next;
      },
    },
  };
}

describe('counterOps (pure)', () => {
  it('counts a new case once in its day and hour, by channel, category and department, and puts it in the backlog', () => {
    const c = aCase({ createdAt: '2026-03-01T21:30:00.000Z' });
    const ops = counterOps(undefined, c, calendar);
    // 21:30 UTC is 01:30 on 2 March in Muscat.
    expect(ops).toContainEqual(
      expect.objectContaining({ bucket: 'day', key: '2026-03-02', fact: `created:${c.reference}` }),
    );
    expect(ops).toContainEqual(expect.objectContaining({ bucket: 'hour', key: '2026-03-02T01' }));
    expect(ops).toContainEqual({ kind: 'backlog', reference: c.reference, to: 'open_roads_t1' });
  });

  it('a change that leaves the case in its queue adds nothing', () => {
    const c = aCase();
    expect(
      counterOps(
        c,
        { ...c, assignee: 'agent1', version: 2, updatedAt: '2026-03-01T06:10:00.000Z' },
        calendar,
      ),
    ).toEqual([]);
  });
});

describe('liveCounters: the case table stream → counters GET /v1/stats reads', () => {
  it('counts a case breaching twice as two breaches (the escalation moves dueAt, so "open past due" stays 0)', async () => {
    const opened = aCase({
      reference: '260000011',
      createdAt: '2026-05-03T05:00:00.000Z',
      updatedAt: '2026-05-03T05:00:00.000Z',
      dueAt: '2026-05-03T06:00:00.000Z',
      status: 'assigned',
    });
    const store = versions(opened);
    const deps = {
      cases: store.cases as never,
      alerts: { slaBreached: async () => {} },
      calendar,
      catalogue: SEED_CATALOGUE,
      clock: { now: () => new Date(Date.parse((store.list.at(-1) as Case).dueAt) + 60_000) },
    };
    expect(await handleSlaBreach({ reference: opened.reference }, deps)).toEqual({
      escalated: true,
      tier: 2,
    });
    expect(await handleSlaBreach({ reference: opened.reference }, deps)).toEqual({
      escalated: true,
      tier: 3,
    });
    const [v1, v2, v3] = store.list as [Case, Case, Case];
    // The new deadline is ahead after each breach: what the old tile counted.
    expect(v3.dueAt > v3.updatedAt).toBe(true);

    const batch = event(streamRecord(undefined, v1), streamRecord(v1, v2), streamRecord(v2, v3));
    expect(await handler(batch, context)).toEqual({ batchItemFailures: [] });
    // A retried batch (Lambda delivers it again after a timeout) changes nothing.
    expect(await handler(batch, context)).toEqual({ batchItemFailures: [] });

    // Each breach counts on the day its deadline passed; a month of days holds both.
    const days = await counters.days('2026-05-03', '2026-06-02');
    const sum = (key: string) => days.reduce((n, d) => n + (d.counts[key] ?? 0), 0);
    expect({ created: sum('created'), breached: sum('breached') }).toEqual({ created: 1, breached: 2 });
    expect({ t1: sum('breached_t1'), t2: sum('breached_t2'), roads: sum('breached_dept_roads') }).toEqual({
      t1: 1,
      t2: 1,
      roads: 2,
    });
    const firstDay = days.find((d) => d.day === '2026-05-03');
    const live = summarizeLive(
      firstDay ? [firstDay] : [],
      { hour: '2026-05-03T10', counts: await counters.hour('2026-05-03T10') },
      (await counters.backlog()) ?? {},
    );
    // 06:00 UTC is 10:00 in Muscat: the first breach in that hour, on that day's tile.
    expect(live.breachesToday).toMatchObject({ total: 1, byTier: { 1: 1, 2: 0, 3: 0 } });
    expect(live.thisHour).toMatchObject({ hour: '2026-05-03T10', breached: 1 });
    expect(live.backlog).toMatchObject({
      total: 1,
      byTier: { 1: 0, 2: 0, 3: 1 },
      byDepartment: { roads: { 1: 0, 2: 0, 3: 1 } },
    });
  });

  it('takes a case out of the backlog when it is resolved, counts the resolution once, and counts nothing the figures do not return', async () => {
    const v1 = aCase({
      reference: '260000022',
      departmentCode: 'drainage',
      createdAt: '2026-05-04T05:00:00.000Z',
      updatedAt: '2026-05-04T05:00:00.000Z',
      dueAt: '2026-05-05T05:00:00.000Z',
    });
    const v2: Case = {
      ...v1,
      version: 2,
      status: 'resolved',
      resolvedAt: '2026-05-04T07:00:00.000Z',
      updatedAt: '2026-05-04T07:00:00.000Z',
    };
    const v3: Case = {
      ...v2,
      version: 3,
      updatedAt: '2026-05-04T08:00:00.000Z',
      satisfaction: { rating: 4, at: '2026-05-04T08:00:00.000Z', channel: 'sms', contactId: 'contact-1' },
    };
    for (const rs of [
      [streamRecord(undefined, v1)],
      [streamRecord(v1, v2), streamRecord(v2, v3)],
      [streamRecord(v2, v3)],
    ])
      expect(await handler(event(...rs), context)).toEqual({ batchItemFailures: [] });
    const [day] = await counters.days('2026-05-04', '2026-05-04');
    // Ratings come from the survey tally; departments only in the backlog and breaches.
    expect(day?.counts).toMatchObject({ created: 1, resolved: 1, ch_sms: 1, cat_pothole: 1 });
    expect(Object.keys(day?.counts ?? {}).filter((k) => /^(rat|dept_|resolved_)/.test(k))).toEqual([]);
    // The counter item holds numbers only: what it already counted lives in its sibling facts item.
    const stored = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: keys.liveDay('2026-05-04') }),
    );
    expect(stored.Item?.facts).toBeUndefined();
    // DynamoDB drops a set once it is empty: no open drainage case left at tier 1.
    expect((await counters.backlog())?.open_drainage_t1 ?? 0).toBe(0);
    const live = summarizeLive(day ? [day] : [], { hour: '', counts: {} }, {});
    expect(live.days[0]).toEqual({ day: '2026-05-04', created: 1, resolved: 1, breached: 1 });
  });

  it('reports the failing record (and stops there) so Lambda retries from it, in order', async () => {
    const good = aCase({
      reference: '260000033',
      createdAt: '2026-05-06T05:00:00.000Z',
      updatedAt: '2026-05-06T05:00:00.000Z',
    });
    const broken = streamRecord(undefined, good);
    // An item DynamoDB would never hold for a case: a count whose attribute name is refused.
    (broken.dynamodb as { NewImage: Record<string, unknown> }).NewImage.createdAt = { S: 'not a time' };
    const after = streamRecord(undefined, { ...good, reference: '260000044' });
    const out = await handler(event(broken, after), context);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: broken.dynamodb?.SequenceNumber }]);
    expect(await counters.days('2026-05-06', '2026-05-06')).toEqual([]);
  });
});

describe('counting the cases a table already holds (backfill: local seeds, or a deployed table)', () => {
  it('sums them per bucket, and the stream delivering one of them again does not count it twice', async () => {
    const a = aCase({
      reference: '260000055',
      departmentCode: 'health',
      createdAt: '2026-05-07T05:00:00.000Z',
      updatedAt: '2026-05-07T05:00:00.000Z',
    });
    const b = aCase({
      ...a,
      reference: '260000066',
      originChannel: 'email',
      status: 'closed',
      resolvedAt: '2026-05-07T09:00:00.000Z',
    });
    await counters.applyAll([...counterOps(undefined, a, calendar), ...counterOps(undefined, b, calendar)]);
    expect(await handler(event(streamRecord(undefined, a)), context)).toEqual({ batchItemFailures: [] });
    const [day] = await counters.days('2026-05-07', '2026-05-07');
    expect(day?.counts).toMatchObject({ created: 2, resolved: 1, ch_sms: 1, ch_email: 1 });
    expect((await counters.backlog())?.open_health_t1).toBe(1);
  });

  it('a deployed table: the stream counted the newer cases only; the backlog is not trusted until the backfill, which counts nothing twice', async () => {
    const fresh = await startTable();
    try {
      const live = new DynamoLiveCounters(fresh.db, fresh.tableName);
      const older = aCase({
        reference: '260000077',
        createdAt: '2026-06-01T05:00:00.000Z',
        updatedAt: '2026-06-01T05:00:00.000Z',
      });
      const newer = aCase({
        ...older,
        reference: '260000088',
        createdAt: '2026-06-01T06:00:00.000Z',
        updatedAt: '2026-06-01T06:00:00.000Z',
      });
      for (const c of [older, newer])
        await fresh.db.send(new PutCommand({ TableName: fresh.tableName, Item: records.case(c) }));
      // The stream saw only the newer case (the older one was stored before the counters were deployed).
      for (const op of counterOps(undefined, newer, calendar)) await live.apply(op);
      expect(await live.backlog()).toBeUndefined();

      const now = new Date('2026-06-01T07:00:00.000Z');
      expect(await backfillLiveCounters(fresh.db, fresh.tableName, calendar, now)).toBe(2);
      expect(await backfillLiveCounters(fresh.db, fresh.tableName, calendar, now)).toBe(2);
      const [day] = await live.days('2026-06-01', '2026-06-01');
      expect(day?.counts).toMatchObject({ created: 2, ch_sms: 2 });
      expect((await live.hour('2026-06-01T10')).created).toBe(1);
      expect(await live.backlog()).toEqual({ open_roads_t1: 2 });
    } finally {
      await fresh.stop();
    }
  });
});
