/**
 * The early-warning detectors' queries (analytics/queries/detect_*.sql) on a known dataset, run by DuckDB
 * over the records the transform writes, as local mode runs them; the rows feed the detectors unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  contactRowOf,
  ivrStepRowsOf,
} from '../../functions/core/analytics/contact-records.ts';
import { timestampMs } from '../../functions/core/analytics/engine.ts';
import { caseEventRow, caseRow } from '../../functions/core/analytics/records.ts';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import { MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import { LocalLake, queryNames } from '../../local/analytics/lake.ts';
import { aCase } from '../support/builders.ts';

const citizenKey = (contactId: string) => `key-${contactId.length}`;
const H = (hours: number) =>
  new Date(Date.parse('2026-03-10T06:00:00.000Z') + hours * 3_600_000).toISOString();
const sql = (iso: string) => iso.replace('T', ' ').slice(0, 19);

let dir: string;
let lake: LocalLake;

function record(versions: Partial<Case>[], events: Omit<CaseEvent, 'reference'>[] = []) {
  let current = aCase(versions[0]);
  const rows = [caseRow(current, citizenKey, MUSCAT_CALENDAR)];
  for (const change of versions.slice(1)) {
    current = { ...current, ...change, version: current.version + 1 };
    rows.push(caseRow(current, citizenKey, MUSCAT_CALENDAR));
  }
  lake.append('cases', rows);
  lake.append(
    'case_events',
    events.map((e) => caseEventRow({ ...e, reference: current.reference }, current, MUSCAT_CALENDAR)),
  );
}

const seeb = (lat = 23.6) => ({ lat, lng: 58.2, wilayatCode: 'seeb' });

/** An inbound call at hour `h` through the menus of `path`; queued (and answered or not) when given. */
function call(id: string, h: number, path: string, queue?: { name: string; answered: boolean }, extra = {}) {
  const at = H(h);
  const later = (s: number) => new Date(Date.parse(at) + s * 1000).toISOString();
  const record: ContactRecord = {
    ContactId: id,
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: at,
    DisconnectTimestamp: later(200),
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    Queue: queue && {
      Name: queue.name,
      EnqueueTimestamp: later(5),
      DequeueTimestamp: later(60),
      Duration: 55,
    },
    Agent: queue?.answered ? { ConnectedToAgentTimestamp: later(60), AgentInteractionDuration: 100 } : null,
    Attributes: path ? { nidaaPath: path } : {},
    ...extra,
  };
  lake.append('contacts', [contactRowOf(record, MUSCAT_CALENDAR)]);
  lake.append('ivr_steps', ivrStepRowsOf(record, contactRowOf(record, MUSCAT_CALENDAR)));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nidaa-detect-'));
  lake = new LocalLake(dir);
  // 1: pothole in Seeb at H0, recategorized to drainage (its newest category counts), resolved at H2.
  record(
    [
      { reference: '260000011', createdAt: H(0), updatedAt: H(0), location: seeb() },
      { categoryCode: 'drainage', departmentCode: 'water', updatedAt: H(1) },
      { status: 'resolved', resolvedAt: H(2), updatedAt: H(2) },
    ],
    [
      { id: 'e1', at: H(0), kind: 'created', actor: 'citizen', channel: 'sms' },
      { id: 'e2', at: H(2), kind: 'status', actor: 'agent1', data: { from: 'in_progress', to: 'resolved' } },
      {
        id: 'e3',
        at: H(20),
        kind: 'status',
        actor: 'citizen',
        data: { from: 'resolved', to: 'in_progress' },
      },
      { id: 'e4', at: H(21), kind: 'message_in', actor: 'citizen', channel: 'sms' },
    ],
  );
  // 2 and 3: drainage in Seeb again at H5 (3 h after 1 was resolved) and at H0 + 10 days (too late).
  record([
    {
      reference: '260000012',
      categoryCode: 'drainage',
      departmentCode: 'water',
      createdAt: H(5),
      updatedAt: H(5),
      location: seeb(23.61),
      originChannel: 'voice',
    },
  ]);
  record([
    {
      reference: '260000013',
      categoryCode: 'drainage',
      departmentCode: 'water',
      createdAt: H(240),
      updatedAt: H(240),
      location: seeb(),
    },
  ]);
  // 4: drainage in Seeb at H6, merged into 2: a duplicate is not a repeat.
  record([
    {
      reference: '260000014',
      categoryCode: 'drainage',
      departmentCode: 'water',
      createdAt: H(6),
      updatedAt: H(6),
      location: seeb(),
    },
    { status: 'closed', mergedInto: '260000012', updatedAt: H(7) },
  ]);
  // 5: an unsure text at H5 (triage), 6: a sure one.
  record(
    [
      {
        reference: '260000015',
        createdAt: H(5),
        updatedAt: H(5),
        categoryCode: 'general',
        departmentCode: 'customer_service',
        classification: { confidence: 0.31, needsTriage: true },
      },
    ],
    [
      { id: 'f1', at: H(5), kind: 'created', actor: 'citizen', channel: 'sms' },
      { id: 'f2', at: H(5), kind: 'tier', actor: 'system', data: { from: 1, to: 2, cause: 'sla_breach' } },
    ],
  );
  record([{ reference: '260000016', createdAt: H(5), updatedAt: H(5) }]);

  // Calls: the window is H0–H3, the baseline H-48–H0.
  // k1 (baseline): 1 at the main menu, hung up in the status menu: a drop there.
  call('k1', -30, 'main_menu:1|status_menu:hangup');
  // k2 (baseline): a wrong key, then 0; answered in tier1.
  call('k2', -10, 'main_menu:invalid|main_menu:0', { name: 'tier1', answered: true });
  // k3 (window): two wrong keys and a silence at the main menu, then gone: a drop there.
  call('k3', 1, 'main_menu:invalid|main_menu:invalid|main_menu:timeout');
  // k4 (window): 0, hung up waiting in tier1: abandoned.
  call('k4', 2, 'main_menu:0', { name: 'tier1', answered: false });
  // k5 at the window's end and k6 before the baseline: outside both.
  call('k5', 3, 'main_menu:invalid', { name: 'tier1', answered: false });
  call('k6', -60, 'main_menu:invalid', { name: 'tier1', answered: false });
  // k7 (window): a queued call back nobody took: not a caller abandoning. k8 (window): a chat answered.
  call('k7', 1, '', { name: 'tier1', answered: false }, { InitiationMethod: 'CALLBACK' });
  call('k8', 2, '', { name: 'chat_queue', answered: true }, { Channel: 'CHAT' });
});

afterAll(async () => {
  await lake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('detect_* queries', () => {
  it('detect_hourly_counts: cases per UTC hour and dimension, each case once in its newest category', async () => {
    const rows = await lake.query('detect_hourly_counts', ['2026-03-01', sql(H(0)), sql(H(6))]);
    expect(rows.map((r) => ({ ...r, hour: new Date(timestampMs(r.hour)).toISOString() }))).toEqual([
      {
        hour: H(0),
        category_code: 'drainage',
        wilayat_code: 'seeb',
        department_code: 'water',
        channel: 'sms',
        cases: 1,
      },
      {
        hour: H(5),
        category_code: 'drainage',
        wilayat_code: 'seeb',
        department_code: 'water',
        channel: 'voice',
        cases: 1,
      },
      {
        hour: H(5),
        category_code: 'general',
        wilayat_code: 'unknown',
        department_code: 'customer_service',
        channel: 'sms',
        cases: 1,
      },
      {
        hour: H(5),
        category_code: 'pothole',
        wilayat_code: 'unknown',
        department_code: 'roads',
        channel: 'sms',
        cases: 1,
      },
    ]);
  });

  it('detect_cases_opened: the cases of a window, its end excluded', async () => {
    const rows = await lake.query('detect_cases_opened', ['2026-03-01', sql(H(5)), sql(H(6))]);
    expect(rows.map((r) => r.reference)).toEqual(['260000012', '260000015', '260000016']);
  });

  it('detect_repeat_places: a case soon after a resolution in the same category and wilayat', async () => {
    const rows = await lake.query('detect_repeat_places', ['2026-03-01', sql(H(0)), sql(H(300)), 7 * 86_400]);
    expect(rows.map((r) => [r.reference, r.after_reference])).toEqual([['260000012', '260000011']]);
  });

  it("detect_repeat_contacts: the citizen's third contact about one case, in its hour", async () => {
    const inWindow = await lake.query('detect_repeat_contacts', [
      '2026-03-01',
      sql(H(22)),
      sql(H(21)),
      sql(H(21)),
      3,
    ]);
    expect(inWindow).toEqual([
      {
        reference: '260000011',
        category_code: 'drainage',
        wilayat_code: 'seeb',
        department_code: 'water',
        contacts: 3,
        contacts_in_window: 1,
      },
    ]);
    // An hour with no contact from the citizen lists nothing.
    expect(
      await lake.query('detect_repeat_contacts', ['2026-03-01', sql(H(23)), sql(H(22)), sql(H(22)), 3]),
    ).toEqual([]);
  });

  it('detect_category_rates: opened, resolved, reopened and breached per day and category', async () => {
    const rows = await lake.query('detect_category_rates', ['2026-03-10', '2026-03-11']);
    expect(rows).toEqual([
      {
        day: '2026-03-10',
        category_code: 'drainage',
        department_code: 'water',
        opened: 1,
        resolved: 1,
        reopened: 0,
        breached: 0,
      },
      {
        day: '2026-03-10',
        category_code: 'general',
        department_code: 'customer_service',
        opened: 1,
        resolved: 0,
        reopened: 0,
        breached: 1,
      },
      {
        day: '2026-03-11',
        category_code: 'drainage',
        department_code: 'water',
        opened: 0,
        resolved: 0,
        reopened: 1,
        breached: 0,
      },
    ]);
  });

  it('detect_unsure_cases: cases the classifier was unsure of, duplicates left out', async () => {
    const rows = await lake.query('detect_unsure_cases', ['2026-03-01', '2026-03-01', '2026-03-31', 0.5]);
    expect(rows).toEqual([
      { reference: '260000015', category_code: 'general', department_code: 'customer_service' },
    ]);
  });

  it('detect_ivr_nodes: per menu, answers, calls, drops, wrong keys and silences in the window and baseline', async () => {
    const rows = await lake.query('detect_ivr_nodes', [
      sql(H(0)),
      '2026-03-01',
      '2026-03-01',
      sql(H(-48)),
      sql(H(3)),
    ]);
    expect(rows).toEqual([
      // k3 (3 answers: 2 wrong, 1 silent, then a drop) and k4 (one answer).
      { node: 'main_menu', period: 'window', visits: 4, calls: 2, drops: 1, wrong_keys: 2, timeouts: 1 },
      // k1 (one answer) and k2 (a wrong key, then 0).
      { node: 'main_menu', period: 'baseline', visits: 3, calls: 2, drops: 0, wrong_keys: 1, timeouts: 0 },
      { node: 'status_menu', period: 'baseline', visits: 1, calls: 1, drops: 1, wrong_keys: 0, timeouts: 0 },
    ]);
  });

  it('detect_queue_abandonment: per queue, offered and abandoned in the window and baseline', async () => {
    const rows = await lake.query('detect_queue_abandonment', [
      sql(H(0)),
      '2026-03-01',
      sql(H(-48)),
      sql(H(3)),
    ]);
    expect(rows).toEqual([
      { queue: 'chat_queue', period: 'window', offered: 1, abandoned: 0 },
      // k4 abandoned; k7 (a call back) and k5 (at the end) are not counted.
      { queue: 'tier1', period: 'window', offered: 1, abandoned: 1 },
      { queue: 'tier1', period: 'baseline', offered: 1, abandoned: 0 },
    ]);
  });

  it('has a test above for every detect_* file', () => {
    expect(queryNames().filter((n) => n.startsWith('detect_'))).toEqual([
      'detect_cases_opened',
      'detect_category_rates',
      'detect_hourly_counts',
      'detect_ivr_nodes',
      'detect_queue_abandonment',
      'detect_repeat_contacts',
      'detect_repeat_places',
      'detect_unsure_cases',
    ]);
  });
});
