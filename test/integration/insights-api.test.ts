/**
 * The Analytics screen's API in local mode, end to end through the same code path as AWS: insightsApi →
 * the Athena SDK client → local mode's fake Athena → DuckDB over the lake, and the case table for drill-down.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContactRecord, contactRowOf } from '#core/analytics/contact-records.ts';
import { deliveryRowOf, ratingRowOf } from '#core/analytics/records.ts';
import type { CaseEvent } from '#core/case/case.ts';
import { localDate, MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { aCase } from '../support/builders.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);
const references: string[] = [];
const today = localDate(new Date(), MUSCAT_CALENDAR);
const arabicDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

type Figure = { rows: Record<string, unknown>[]; total: Record<string, unknown>; from: string; to: string };
const figure = async (path: string, user = 'supervisor') => {
  const res = await get(path, { ...(await as(user)), 'accept-language': 'en' });
  return { status: res.status, body: (await res.json()) as Figure & Record<string, unknown> };
};

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
  const reports = [
    ['+96894000201', 'حفرة كبيرة في الطريق قرب دوار البرج'],
    ['+96894000202', 'حفرة عميقة في الشارع أمام المسجد'],
    ['+96894000203', 'القمامة لم تجمع منذ أسبوع في الحي'],
  ];
  for (const [from, text] of reports) {
    await post('/_local/sms', { from, text });
    references.push(
      await eventually(async () => {
        const ref = referenceIn((await outbox()).find((e) => e.to === from)?.text);
        expect(ref).toBeDefined();
        return ref as string;
      }),
    );
  }
  // The case table's stream carries every change to the lake (analyticsStream → fake Firehose).
  await stack.caseStream.idle();
});
afterAll(() => stack.stop());

describe('GET /v1/insights/figures/{figure}', () => {
  it('counts the cases opened today, by channel, from the lake through the Athena API', async () => {
    const { status, body } = await figure(
      `/v1/insights/figures/volume?from=${today}&to=${today}&groupBy=channel`,
    );
    expect(status).toBe(200);
    expect(body.total).toEqual({ cases: 3 });
    expect(body.rows).toEqual([{ channel: 'sms', cases: 3 }]);
  });

  it('groups by day and by category, and narrows by a filter, with Arabic-Indic digits in the dates', async () => {
    const range = `from=${arabicDigits(today)}&to=${arabicDigits(today)}`;
    const byDay = await figure(`/v1/insights/figures/volume?${range}&groupBy=day`);
    expect(byDay.status).toBe(200);
    expect(byDay.body.rows).toEqual([{ day: today, cases: 3 }]);
    const byCategory = await figure(`/v1/insights/figures/volume?${range}&groupBy=category`);
    const counts = byCategory.body.rows.map((r) => r.cases as number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    const first = byCategory.body.rows[0] as { category: string; cases: number };
    const narrowed = await figure(`/v1/insights/figures/volume?${range}&category=${first.category}`);
    expect(narrowed.body.total).toEqual({ cases: first.cases });
  });

  it('answers the backlog as a snapshot: three cases open, none a day old', async () => {
    const { status, body } = await figure(`/v1/insights/figures/backlog?to=${today}`);
    expect(status).toBe(200);
    expect(body.total).toMatchObject({ open_cases: 3, under_1_day: 3, over_30_days: 0 });
  });

  it('refuses bad questions in both languages, and changes nothing', async () => {
    const cases = [
      ['/v1/insights/figures/volume?from=2026-02-30', 400],
      ['/v1/insights/figures/volume?from=2025-01-01&to=2026-06-30', 400],
      [`/v1/insights/figures/volume?from=${today}&to=2020-01-01`, 400],
      ['/v1/insights/figures/volume?groupBy=tier', 400],
      ['/v1/insights/figures/volume?groupBy=day,week', 400],
      ['/v1/insights/figures/volume?wilayat=atlantis', 400],
      ['/v1/insights/figures/sla_compliance?wilayat=bawshar', 400],
      ["/v1/insights/figures/volume?channel='%20OR%201=1", 400],
      ['/v1/insights/figures/everything', 404],
    ] as const;
    for (const [path, expected] of cases) {
      const res = await get(path, { ...(await as('supervisor')), 'accept-language': 'ar' });
      expect(res.status, path).toBe(expected);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = (await res.json()) as { messages: { ar: string; en: string } };
      expect(problem.messages.ar).toMatch(/[\u0600-\u06ff]/);
      expect(problem.messages.en).toMatch(/[a-z]/);
    }
  });

  it('is for supervisors and admins only', async () => {
    expect((await figure('/v1/insights/figures/volume', 'admin')).status).toBe(200);
    expect((await figure('/v1/insights/figures/volume', 'agent1')).status).toBe(403);
    expect((await figure('/v1/insights/figures/volume', 'dept.roads')).status).toBe(403);
    expect((await get('/v1/insights/figures/volume')).status).toBe(401);
  });
});

describe('contact-center figures on a known lake', () => {
  // 2026-03-01, 10:00 in Muscat: a day no other test writes.
  const DAY = '2026-03-01';
  const at = (s: number) => new Date(Date.parse('2026-03-01T06:00:00Z') + s * 1000).toISOString();
  const call = (id: string, wait: number | null, answered: boolean, channel = 'VOICE'): ContactRecord => ({
    ContactId: id,
    Channel: channel,
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: at(0),
    DisconnectTimestamp: at(300),
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    Queue:
      wait === null
        ? null
        : { Name: 'tier1', EnqueueTimestamp: at(5), DequeueTimestamp: at(5 + wait), Duration: wait },
    Agent: answered
      ? {
          ConnectedToAgentTimestamp: at(5 + (wait ?? 0)),
          AgentInteractionDuration: 200,
          CustomerHoldDuration: 0,
          AfterContactWorkDuration: 40,
        }
      : null,
    Attributes: { nidaaLanguage: 'ar' },
  });
  const out = (
    id: string,
    channel: CaseEvent['channel'],
    status: string,
    kind: CaseEvent['kind'] = 'message_out',
  ) =>
    ({
      reference: '260000001',
      id,
      at: at(10),
      kind,
      actor: 'system',
      channel,
      data: { deliveryStatus: status },
    }) as CaseEvent;

  beforeAll(() => {
    // Four voice calls offered (answered after 20 s and 90 s, one abandoned after 30 s, one answered after 5 s)
    // and a chat answered after 10 s; one call never queued (not offered).
    const records = [
      call('k1', 20, true),
      call('k2', 90, true),
      call('k3', 30, false),
      call('k4', 5, true),
      call('k5', 10, true, 'CHAT'),
      call('k6', null, false),
    ];
    stack.lake.append(
      'contacts',
      records.map((r) => contactRowOf(r, MUSCAT_CALENDAR)),
    );
    const c = aCase({ reference: '260000001' });
    const events = [
      out('d1', 'sms', 'sent'),
      // A refused send is recorded as a note on the case (the delivery transform's source).
      { ...out('d2', undefined, 'failed', 'note'), data: { channel: 'sms', deliveryStatus: 'failed' } },
      out('d3', 'sms', 'sent'),
      out('d4', 'email', 'sent'),
      out('d5', 'email', 'bounced', 'delivery'),
    ];
    stack.lake.append(
      'deliveries',
      events.map((e) => deliveryRowOf(e, c, MUSCAT_CALENDAR)).filter((r) => r !== null),
    );
    // Ratings on cases held by two agents: one rated six times (5 5 4 4 3 2), one only twice (too few to show).
    const agentKey = (id: string) => `hmac-${id.length}-${id.split('').reverse().join('')}`;
    const survey = (id: string, rating: number) =>
      ({ ...out(id, 'voice', 'sent', 'survey'), data: { rating } }) as CaseEvent;
    const rated = [
      ...[5, 5, 4, 4, 3, 2].map((r, i) =>
        ratingRowOf(survey(`r${i}`, r), { ...c, assignee: 'fatma', tier: 1 }, agentKey, MUSCAT_CALENDAR),
      ),
      ...[1, 1].map((r, i) =>
        ratingRowOf(survey(`s${i}`, r), { ...c, assignee: 'salim', tier: 2 }, agentKey, MUSCAT_CALENDAR),
      ),
    ];
    stack.lake.append(
      'ratings',
      rated.filter((r) => r !== null),
    );
  });

  it('satisfaction by agent: keyed agents with enough ratings, their average and share of 4–5', async () => {
    const { status, body } = await figure(
      `/v1/insights/figures/satisfaction_by_agent?from=${DAY}&to=${DAY}&groupBy=agent`,
    );
    expect(status).toBe(200);
    // 23 ÷ 6 = 3.83; four of six gave 4 or 5. The agent with two ratings is left out (fewer than 5).
    expect(body.rows).toEqual([
      {
        agent: 'hmac-11-amtaf:tnega',
        ratings: 6,
        satisfied: 4,
        average: 3.83,
        satisfied_pct: 66.7,
        lowest_tier: 1,
        highest_tier: 1,
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/fatma|salim/);
    const one = await figure(
      `/v1/insights/figures/satisfaction_by_agent?from=${DAY}&to=${DAY}&agent=hmac-11-amtaf:tnega`,
    );
    expect(one.body.total).toMatchObject({ ratings: 6, average: 3.83 });
  });

  it('calls: offered, answered and abandoned counted as the lake has them, ASA and service level at 60 s', async () => {
    const { status, body } = await figure(`/v1/insights/figures/calls?from=${DAY}&to=${DAY}&groupBy=channel`);
    expect(status).toBe(200);
    expect(body.total).toEqual({
      offered: 5,
      answered: 4,
      abandoned: 1,
      answered_pct: 80,
      abandoned_pct: 20,
      // (20 + 90 + 5 + 10) ÷ 4 answered; within 60 s: k1, k4, k5 of 5 offered; 240 s each.
      answered_within_threshold: 3,
      average_speed_of_answer_seconds: 31.3,
      service_level_pct: 60,
      average_handle_seconds: 240,
    });
    expect(body.rows.map((r) => [r.channel, r.offered])).toEqual([
      ['chat', 1],
      ['voice', 4],
    ]);
    const lakeOwn = await stack.lake.query('calls', [60, DAY, DAY]);
    expect(lakeOwn.reduce((s, r) => s + Number(r.offered), 0)).toBe(body.total.offered);
  });

  it('delivery failures by channel: failed attempts and bounces over attempts', async () => {
    const { status, body } = await figure(
      `/v1/insights/figures/delivery_failures?from=${DAY}&to=${DAY}&groupBy=channel`,
    );
    expect(status).toBe(200);
    expect(body.rows).toEqual([
      expect.objectContaining({ channel: 'email', attempts: 1, sent: 1, bounced: 1, failure_pct: 100 }),
      expect.objectContaining({ channel: 'sms', attempts: 3, sent: 2, failed: 1, failure_pct: 33.3 }),
    ]);
    expect(body.total).toMatchObject({ attempts: 4, failed: 1, bounced: 1, failure_pct: 50 });
  });

  it('cost per channel at the default unit prices, in the order the query takes them', async () => {
    const { status, body } = await figure(
      `/v1/insights/figures/channel_cost?from=${DAY}&to=${DAY}&groupBy=channel`,
    );
    expect(status).toBe(200);
    const sms = body.rows.find((r) => r.channel === 'sms');
    // Two SMS sent, one segment each, at 0.04; six calls of 300 s: 30 minutes at 0.018.
    expect(sms).toEqual({ channel: 'sms', units: 2, cost: 0.08 });
    expect(body.currency).toBe('USD');
    expect(body.rows.find((r) => r.channel === 'voice')).toEqual({ channel: 'voice', units: 25, cost: 0.45 });
  });

  it('refuses a bad question about calls in both languages', async () => {
    for (const path of [
      '/v1/insights/figures/calls?groupBy=department',
      '/v1/insights/figures/ivr_nodes?node=%27%3B%20DROP',
      '/v1/insights/figures/satisfaction_by_source?source=pigeon',
      '/v1/insights/figures/satisfaction_by_agent?agent=%27%20OR%201%3D1',
      '/v1/insights/cases?queue=tier1',
    ]) {
      const res = await get(path, { ...(await as('supervisor')), 'accept-language': 'ar' });
      expect(res.status, path).toBe(400);
      const problem = (await res.json()) as { messages: { ar: string; en: string } };
      expect(problem.messages.ar).toMatch(/[\u0600-\u06ff]/);
      expect(problem.messages.en).toMatch(/[a-z]/);
    }
  });
});

describe('GET /v1/insights/cases', () => {
  it('lists the cases behind a number, newest first, as summaries without personal data', async () => {
    const res = await get(
      `/v1/insights/cases?figure=volume&from=${today}&to=${today}&channel=sms`,
      await as('supervisor'),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      references: string[];
      items: Record<string, unknown>[];
      more: boolean;
    };
    expect([...body.references].sort()).toEqual([...references].sort());
    expect(body.more).toBe(false);
    expect(body.items.map((i) => i.reference).sort()).toEqual([...references].sort());
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'categoryCode',
          'createdAt',
          'departmentCode',
          'dueAt',
          'language',
          'originChannel',
          'priority',
          'reference',
          'status',
          'tier',
          'wilayatCode',
        ].sort(),
      );
    }
  });

  it('finds nothing behind a filter no case matches, and refuses a bad offset', async () => {
    const none = await get(`/v1/insights/cases?from=${today}&to=${today}&channel=fax`, await as('admin'));
    expect(((await none.json()) as { references: string[] }).references).toEqual([]);
    const bad = await get('/v1/insights/cases?offset=7', await as('admin'));
    expect(bad.status).toBe(400);
    expect((await get('/v1/insights/cases', await as('agent1'))).status).toBe(403);
  });
});

describe('the fake Athena, as the SDK sees it', () => {
  const client = (region = stack.regions.regions.caseData) =>
    new AthenaClient({ region, endpoint: `${stack.url}/_aws/athena` });
  const start = (
    c: AthenaClient,
    input: Partial<{ WorkGroup: string; ExecutionParameters: string[] }> = {},
  ) =>
    c.send(
      new StartQueryExecutionCommand({
        // One row per case: the stream writes a row for each version.
        QueryString:
          'SELECT reference, max(tier) AS tier FROM cases WHERE created_day >= ? GROUP BY reference ORDER BY reference',
        QueryExecutionContext: { Database: 'nidaa_local_analytics' },
        WorkGroup: 'nidaa-local-analytics',
        ExecutionParameters: ["'2000-01-01'"],
        ...input,
      }),
    );

  it('pages results with NextToken, the header row on the first page only, typed by ColumnInfo', async () => {
    const athena = client();
    const { QueryExecutionId } = await start(athena);
    await eventually(async () => {
      const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
      expect(QueryExecution?.Status?.State).toBe('SUCCEEDED');
    });
    const first = await athena.send(new GetQueryResultsCommand({ QueryExecutionId, MaxResults: 2 }));
    expect(first.ResultSet?.Rows?.[0]?.Data).toEqual([
      { VarCharValue: 'reference' },
      { VarCharValue: 'tier' },
    ]);
    expect(first.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((c) => c.Type)).toEqual([
      'varchar',
      'integer',
    ]);
    const second = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId, MaxResults: 2, NextToken: first.NextToken }),
    );
    const listed = [...(first.ResultSet?.Rows ?? []).slice(1), ...(second.ResultSet?.Rows ?? [])].map(
      (r) => r.Data?.[0]?.VarCharValue,
    );
    expect(listed).toEqual([...references].sort());
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses an unknown workgroup, parameters that are not SQL literals, and a client of another region', async () => {
    await expect(start(client(), { WorkGroup: 'primary' })).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(start(client(), { ExecutionParameters: ['2000-01-01'] })).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(start(client('eu-west-1'))).rejects.toMatchObject({ name: 'InvalidRequestException' });
  });
});
