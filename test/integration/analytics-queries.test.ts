/**
 * Every analytics query (analytics/queries/*.sql) on a small known dataset, run by DuckDB over the records
 * the transform writes: the numbers below are worked out by hand from the cases described here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventRow, caseRow } from '../../functions/core/analytics/records.ts';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import { type LocalLake, queryNames } from '../../local/analytics/lake.ts';
import { testKey as citizenKey, MUSCAT, temporaryLake } from '../support/analytics.ts';
import { aCase } from '../support/builders.ts';

let lake: LocalLake;
let remove: () => Promise<void>;

/** Writes a case's versions (each change a new version) and its events, as the stream would. */
function record(versions: Partial<Case>[], events: Omit<CaseEvent, 'reference'>[] = []) {
  const first = aCase(versions[0]);
  let current = first;
  const rows = [caseRow(current, citizenKey, MUSCAT)];
  for (const change of versions.slice(1)) {
    current = { ...current, ...change, version: current.version + 1 };
    rows.push(caseRow(current, citizenKey, MUSCAT));
  }
  lake.append('cases', rows);
  lake.append(
    'case_events',
    events.map((e) => caseEventRow({ ...e, reference: first.reference }, current, MUSCAT)),
  );
}

const H = (hours: number, from = '2026-03-01T06:00:00.000Z') =>
  new Date(Date.parse(from) + hours * 3_600_000).toISOString();

beforeAll(() => {
  ({ lake, remove } = temporaryLake('lake'));
  // A: roads, SMS, Bawshar; answered after 2 h, resolved at tier 1 after 4 h, before its deadline (6 h).
  record(
    [
      { reference: '260000001', location: { lat: 23.58, lng: 58.4, wilayatCode: 'bawshar' }, dueAt: H(6) },
      { status: 'resolved', resolvedAt: H(4), updatedAt: H(4) },
    ],
    [
      { id: 'a1', at: H(0), kind: 'created', actor: 'citizen', channel: 'sms' },
      { id: 'a2', at: H(2), kind: 'message_out', actor: 'agent1', channel: 'sms' },
      { id: 'a3', at: H(4), kind: 'status', actor: 'agent1', data: { from: 'in_progress', to: 'resolved' } },
      { id: 'a4', at: H(5), kind: 'survey', actor: 'citizen', channel: 'voice', data: { rating: 5 } },
    ],
  );
  // B: roads, web, breached at tier 1 (deadline 1 h), escalated to tier 2, resolved after 10 h, after its
  // new deadline (8 h); the citizen reopened it the next day.
  record(
    [
      { reference: '260000002', originChannel: 'web', dueAt: H(1) },
      { tier: 2, status: 'assigned', dueAt: H(8), updatedAt: H(1) },
      { status: 'resolved', resolvedAt: H(10), updatedAt: H(10) },
      { status: 'in_progress', updatedAt: H(30) },
    ],
    [
      { id: 'b1', at: H(0), kind: 'created', actor: 'citizen', channel: 'web' },
      { id: 'b2', at: H(1), kind: 'tier', actor: 'system', data: { from: 1, to: 2, cause: 'sla_breach' } },
      { id: 'b3', at: H(6), kind: 'message_out', actor: 'agent2', channel: 'sms' },
      { id: 'b4', at: H(10), kind: 'status', actor: 'agent2', data: { from: 'in_progress', to: 'resolved' } },
      {
        id: 'b5',
        at: H(30),
        kind: 'status',
        actor: 'citizen',
        data: { from: 'resolved', to: 'in_progress' },
      },
      { id: 'b6', at: H(30), kind: 'survey', actor: 'citizen', channel: 'voice', data: { rating: 2 } },
    ],
  );
  // C: waste, e-mail, in English, still open, opened 2026-03-01; D: waste, merged into C the same day.
  record([
    {
      reference: '260000003',
      categoryCode: 'waste',
      departmentCode: 'waste',
      originChannel: 'email',
      language: 'en',
    },
  ]);
  record([
    { reference: '260000004', categoryCode: 'waste', departmentCode: 'waste' },
    { status: 'closed', mergedInto: '260000003', closedAt: H(3), resolvedAt: H(3), updatedAt: H(3) },
  ]);
  // E: roads, opened the next local day (2026-03-02 09:00 Muscat), untouched: outside a one-day range.
  record([
    { reference: '260000005', createdAt: '2026-03-02T05:00:00.000Z', updatedAt: '2026-03-02T05:00:00.000Z' },
  ]);
});

afterAll(() => remove());

const DAY = ['2026-03-01', '2026-03-01'] as const;

describe('analytics queries on a known dataset (DuckDB)', () => {
  it('volume: cases opened per day and dimension', async () => {
    expect(await lake.query('volume', DAY)).toEqual([
      {
        day: '2026-03-01',
        channel: 'email',
        category_code: 'waste',
        department_code: 'waste',
        wilayat_code: 'unknown',
        language: 'en',
        cases: 1,
      },
      {
        day: '2026-03-01',
        channel: 'sms',
        category_code: 'pothole',
        department_code: 'roads',
        wilayat_code: 'bawshar',
        language: 'ar',
        cases: 1,
      },
      {
        day: '2026-03-01',
        channel: 'sms',
        category_code: 'waste',
        department_code: 'waste',
        wilayat_code: 'unknown',
        language: 'ar',
        cases: 1,
      },
      {
        day: '2026-03-01',
        channel: 'web',
        category_code: 'pothole',
        department_code: 'roads',
        wilayat_code: 'unknown',
        language: 'ar',
        cases: 1,
      },
    ]);
    expect(await lake.query('volume', ['2026-03-02', '2026-03-02'])).toHaveLength(1);
  });

  it('backlog with ageing: open cases at a moment, in age bands', async () => {
    // Three days after the first cases: B (reopened, tier 2) and C are open, E is one day old.
    expect(await lake.query('backlog_ageing', ['2026-03-04 06:00:00'])).toEqual([
      {
        department_code: 'roads',
        tier: 1,
        open_cases: 1,
        under_1_day: 0,
        days_1_to_3: 1,
        days_3_to_7: 0,
        days_7_to_30: 0,
        over_30_days: 0,
      },
      {
        department_code: 'roads',
        tier: 2,
        open_cases: 1,
        under_1_day: 0,
        days_1_to_3: 0,
        days_3_to_7: 1,
        days_7_to_30: 0,
        over_30_days: 0,
      },
      {
        department_code: 'waste',
        tier: 1,
        open_cases: 1,
        under_1_day: 0,
        days_1_to_3: 0,
        days_3_to_7: 1,
        days_7_to_30: 0,
        over_30_days: 0,
      },
    ]);
    // After B was resolved and before it was reopened: only C (and not yet E) is open.
    expect(await lake.query('backlog_ageing', ['2026-03-01 20:00:00'])).toEqual([
      {
        department_code: 'waste',
        tier: 1,
        open_cases: 1,
        under_1_day: 1,
        days_1_to_3: 0,
        days_3_to_7: 0,
        days_7_to_30: 0,
        over_30_days: 0,
      },
    ]);
  });

  it('SLA compliance of first resolutions, and breaches by the tier that missed them', async () => {
    expect(await lake.query('sla_compliance', DAY)).toEqual([
      { department_code: 'roads', tier: 1, resolved: 1, within_sla: 1, compliance_pct: 100 },
      { department_code: 'roads', tier: 2, resolved: 1, within_sla: 0, compliance_pct: 0 },
    ]);
    expect(await lake.query('sla_breaches', DAY)).toEqual([
      { department_code: 'roads', tier: 1, breaches: 1, cases: 1 },
    ]);
  });

  it('time to first response and to resolution: median and 90th percentile in hours', async () => {
    const rows = await lake.query('response_times', DAY);
    expect(rows.find((r) => r.department_code === 'roads')).toEqual({
      department_code: 'roads',
      category_code: 'pothole',
      cases: 2,
      answered: 2,
      response_median_hours: 4,
      response_p90_hours: 5.6,
      resolved: 2,
      resolution_median_hours: 7,
      resolution_p90_hours: 9.4,
    });
  });

  it('first-contact resolution, reopens, escalations and merged duplicates', async () => {
    expect(await lake.query('case_outcomes', DAY)).toEqual([
      {
        department_code: 'roads',
        cases: 2,
        resolved: 2,
        first_contact_resolved: 1,
        reopened: 1,
        escalated: 1,
        de_escalated: 0,
        merged_duplicates: 0,
      },
      {
        department_code: 'waste',
        cases: 2,
        resolved: 0,
        first_contact_resolved: 0,
        reopened: 0,
        escalated: 0,
        de_escalated: 0,
        merged_duplicates: 1,
      },
    ]);
  });

  it('satisfaction by the day the rating was given', async () => {
    expect(await lake.query('satisfaction', DAY)).toEqual([
      {
        department_code: 'roads',
        channel: 'voice',
        ratings: 1,
        average: 5,
        satisfied_pct: 100,
        rated_1: 0,
        rated_2: 0,
        rated_3: 0,
        rated_4: 0,
        rated_5: 1,
      },
    ]);
    expect(await lake.query('satisfaction', ['2026-03-01', '2026-03-02'])).toEqual([
      {
        department_code: 'roads',
        channel: 'voice',
        ratings: 2,
        average: 3.5,
        satisfied_pct: 50,
        rated_1: 0,
        rated_2: 1,
        rated_3: 0,
        rated_4: 0,
        rated_5: 1,
      },
    ]);
  });

  it("has a test for every query file (here, analytics-contact-queries, or the detectors' detect_* in detect-queries)", () => {
    expect(queryNames().filter((name) => !name.startsWith('detect_'))).toEqual([
      'backlog_ageing',
      'callbacks',
      'calls',
      'case_outcomes',
      // The Analytics screen's drill-down: test/integration/insights-queries.test.ts.
      'cases_opened',
      'channel_cost',
      'delivery_failures',
      'ivr_containment',
      'ivr_nodes',
      // Open data for researchers: test/integration/open-data.test.ts.
      'open_data_cases',
      'response_times',
      'satisfaction',
      'satisfaction_by_agent',
      'satisfaction_by_source',
      'sla_breaches',
      'sla_compliance',
      'volume',
    ]);
  });

  it('keeps personal data out: no description, contact or location finer than the wilayat', async () => {
    const [row] = await lake.query("SELECT * FROM cases WHERE reference = '260000001' LIMIT 1");
    expect(Object.keys(row ?? {})).not.toEqual(expect.arrayContaining(['description']));
    expect(JSON.stringify(row)).not.toContain('contact-1');
    expect(JSON.stringify(row)).not.toContain('23.58');
    expect(row?.citizen_key).toBe('key-1-tcatnoc');
  });
});
