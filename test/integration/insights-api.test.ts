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
import { localDate, MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
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
