/**
 * Contact Lens offline: a local call that reaches an agent in Arabic is recorded and analysed (the flow's
 * block), and when the agent hangs up local mode writes a synthetic analysis where Contact Lens would and
 * tells contactAnalysis, which puts it on the case and in the analytics store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ContactAnalysisDeps,
  handlerWith,
} from '../../../functions/connect/contact-analysis.handler.ts';
import type { AnalyticsSink } from '../../../functions/core/analytics/sink.ts';
import type { RowOf, TableName } from '../../../functions/core/analytics/tables.ts';
import { formatReference } from '../../../functions/core/case/reference.ts';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { defineStageConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { LocalLake } from '../../../local/analytics/lake.ts';
import { FakeS3 } from '../../../local/fake-aws/s3.ts';
import { type CallDeps, serveCallRoute } from '../../../local/ivr/calls.ts';
import { CALL_RECORDINGS_BUCKET } from '../../../local/ivr/contact-lens.ts';
import { stageConfig } from '../../infra/synth.ts';
import { aCase } from '../../support/builders.ts';
import { InMemoryCaseStore, InMemoryContactCaseLinks } from '../../support/in-memory-stores.ts';

defineStageConfig(runtimeConfigFor(stageConfig('dev')));

const reference = formatReference(2026, 1);
// A Sunday morning in Muscat: the hotline's hours are open.
let now = new Date('2026-12-06T05:00:00Z');
let recordings: FakeS3;
let cases: InMemoryCaseStore;
let links: InMemoryContactCaseLinks;
let rows: { table: TableName; row: unknown }[];
const invoked: string[] = [];
let analysisKeys: string[] = [];

const sink: AnalyticsSink = {
  async put<N extends TableName>(table: N, written: readonly RowOf<N>[]) {
    for (const row of written) rows.push({ table, row });
    return { undelivered: [] };
  },
};
const analysisDeps = (): ContactAnalysisDeps => ({
  read: async (bucket, key) => recordings.get(bucket, key)?.body.toString('utf8') ?? '',
  cases,
  links,
  sink,
  calendar: MUSCAT_CALENDAR,
});

const deps = (): CallDeps => ({
  // The hotline function answers nothing (no welcome to speak): the flow skips the language menu for
  // Arabic, and 0 in the main menu asks for an agent.
  invoke: async (name, event) => {
    invoked.push(name);
    if (name === 'contactAnalysis') {
      const records = (event as { Records: { s3: { object: { key: string } } }[] }).Records;
      analysisKeys.push(...records.map((r) => decodeURIComponent(r.s3.object.key)));
      return handlerWith(analysisDeps)(event as never, {} as never);
    }
    return {};
  },
  clock: { now: () => now },
  s3: new FakeS3(),
  transcriptsBucket: 'chat',
  analyses: { store: recordings, bucket: CALL_RECORDINGS_BUCKET },
});

beforeEach(async () => {
  now = new Date('2026-12-06T05:00:00Z');
  recordings = new FakeS3();
  cases = new InMemoryCaseStore();
  links = new InMemoryContactCaseLinks();
  rows = [];
  invoked.length = 0;
  analysisKeys = [];
  await cases.create(aCase(), []);
});

type View = { callId: string; outcome: string; path: string[] };
async function callToAnAgent(keys: string[]) {
  const started = await serveCallRoute('POST', '/_local/calls', { from: '91234567' }, deps());
  let view = (started as { body: View }).body;
  for (const k of keys) {
    const next = await serveCallRoute('POST', `/_local/calls/${view.callId}/keys`, { digits: k }, deps());
    view = (next as { body: View }).body;
  }
  return view;
}

describe('Contact Lens in local mode', () => {
  it('records and analyses an Arabic call to an agent, and puts a synthetic analysis on its case', async () => {
    const view = await callToAnAgent(['0']);
    expect(view.outcome).toBe('with_agent');
    expect(view.path).toContain('hotline-inbound:Record Arabic');
    await links.link(view.callId, reference);
    now = new Date(now.getTime() + 4 * 60_000);
    await serveCallRoute('POST', `/_local/calls/${view.callId}/agent-hangup`, {}, deps());

    expect(invoked).toContain('contactAnalysis');
    expect(analysisKeys).toEqual([
      expect.stringMatching(
        new RegExp(`^Analysis/Voice/2026/12/06/${view.callId}_analysis_2026-12-06T05:04:00Z\\.json$`),
      ),
    ]);
    expect(recordings.get(CALL_RECORDINGS_BUCKET, analysisKeys[0] as string)).toBeDefined();
    const event = cases.timeline(reference).find((e) => e.kind === 'contact_analysis');
    expect(event?.data).toMatchObject({ contactId: view.callId, language: 'ar-AE', categories: [] });
    expect(rows).toEqual([
      { table: 'contact_analysis', row: expect.objectContaining({ contact_id: view.callId, reference }) },
    ]);
  });

  it('makes no analysis when the stage has Contact Lens off', async () => {
    const off = (): CallDeps => ({ ...deps(), flows: { contactLens: { enabled: false } } });
    const started = await serveCallRoute('POST', '/_local/calls', { from: '91234567' }, off());
    let view = (started as { body: View }).body;
    for (const k of ['0'])
      view = (
        (await serveCallRoute('POST', `/_local/calls/${view.callId}/keys`, { digits: k }, off())) as {
          body: View;
        }
      ).body;
    expect(view.outcome).toBe('with_agent');
    await serveCallRoute('POST', `/_local/calls/${view.callId}/agent-hangup`, {}, off());
    expect(invoked).not.toContain('contactAnalysis');
    expect(analysisKeys).toEqual([]);
  });
});

describe('the contact_analysis table', () => {
  it('takes the record the handler writes, typed, and answers SQL over it (DuckDB, as Athena would)', async () => {
    const view = await callToAnAgent(['0']);
    await links.link(view.callId, reference);
    now = new Date(now.getTime() + 3 * 60_000);
    await serveCallRoute('POST', `/_local/calls/${view.callId}/agent-hangup`, {}, deps());
    const dir = mkdtempSync(path.join(tmpdir(), 'nidaa-contact-lens-'));
    const lake = new LocalLake(dir);
    try {
      lake.append('contact_analysis', rows.map((r) => r.row) as never);
      const [row] = await lake.query(
        'SELECT reference, language, duration_ms, customer_sentiment, category_count, day FROM contact_analysis',
      );
      expect(row).toEqual({
        reference,
        language: 'ar-AE',
        duration_ms: expect.any(Number),
        customer_sentiment: 0,
        category_count: 0,
        day: '2026-12-06',
      });
      expect(row?.duration_ms).toBeGreaterThan(0);
    } finally {
      await lake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
