/**
 * The monthly report on a known month: the figures of February 2026 (Muscat days) from records the
 * transform writes, run by DuckDB over the local lake behind the AnalyticsEngine port, rendered as Arabic
 * and English PDFs and a workbook, and sent through the one outbound path once per recipient.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderReportPdf } from '../../functions/adapters/pdf/report-pdf.ts';
import type { AnalyticsEngine } from '../../functions/core/analytics/engine.ts';
import { SEED_CATALOGUE } from '../../functions/core/catalogue/seed.ts';
import type { SendingDeps } from '../../functions/core/notify/deliver.ts';
import { monthlyFigures, reportMonth } from '../../functions/core/reports/monthly-figures.ts';
import {
  type MonthlyReportDeps,
  namesFrom,
  reportDocument,
  sendMonthlyReport,
} from '../../functions/core/reports/monthly-report.ts';
import { pdfFonts } from '../../functions/shared/pdf-fonts.ts';
import { LocalLake } from '../../local/analytics/lake.ts';
import {
  FixedClock,
  InMemoryOutboundLedger,
  InMemorySmsOptOuts,
  InMemorySuppressionList,
  RecordingMessenger,
} from '../support/in-memory-stores.ts';
import { recordCase } from '../support/lake-records.ts';
import { drawnText } from '../support/pdf-text.ts';

const MUNICIPALITY = { ar: 'بلدية مسقط', en: 'Muscat Municipality' };
const FEBRUARY = reportMonth('2026-02', 240);

let dir: string;
let lake: LocalLake;
/** The port, answered by DuckDB over the local lake (as local mode's fake Athena does). */
let engine: AnalyticsEngine & { calls: string[] };

const at = (from: string, hours: number) => new Date(Date.parse(from) + hours * 3_600_000).toISOString();

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nidaa-report-'));
  lake = new LocalLake(dir);
  const calls: string[] = [];
  engine = {
    calls,
    run: async (name, params) => {
      calls.push(name);
      return (await lake.query(name, params)) as Awaited<ReturnType<AnalyticsEngine['run']>>;
    },
  };
  // A: pothole by SMS in Bawshar, answered after 2 h, resolved after 4 h within its 6 h deadline, rated 5.
  const a = '2026-02-10T06:00:00.000Z';
  recordCase(
    lake,
    [
      {
        reference: '260000101',
        createdAt: a,
        updatedAt: a,
        dueAt: at(a, 6),
        location: { lat: 23.58, lng: 58.4, wilayatCode: 'bawshar' },
      },
      { status: 'resolved', resolvedAt: at(a, 4), updatedAt: at(a, 4) },
    ],
    [
      { id: 'a1', at: a, kind: 'created', actor: 'citizen', channel: 'sms' },
      { id: 'a2', at: at(a, 2), kind: 'message_out', actor: 'agent1', channel: 'sms' },
      {
        id: 'a3',
        at: at(a, 4),
        kind: 'status',
        actor: 'agent1',
        data: { from: 'in_progress', to: 'resolved' },
      },
      { id: 'a4', at: at(a, 5), kind: 'survey', actor: 'citizen', channel: 'voice', data: { rating: 5 } },
    ],
  );
  // B: pothole by web, no place; breached tier 1 after 1 h, resolved at tier 2 after 10 h (deadline 8 h), rated 2.
  const b = '2026-02-11T06:00:00.000Z';
  recordCase(
    lake,
    [
      { reference: '260000102', originChannel: 'web', createdAt: b, updatedAt: b, dueAt: at(b, 1) },
      { tier: 2, status: 'assigned', dueAt: at(b, 8), updatedAt: at(b, 1) },
      { status: 'resolved', resolvedAt: at(b, 10), updatedAt: at(b, 10) },
    ],
    [
      { id: 'b1', at: b, kind: 'created', actor: 'citizen', channel: 'web' },
      {
        id: 'b2',
        at: at(b, 1),
        kind: 'tier',
        actor: 'system',
        data: { from: 1, to: 2, cause: 'sla_breach' },
      },
      {
        id: 'b3',
        at: at(b, 10),
        kind: 'status',
        actor: 'agent2',
        data: { from: 'in_progress', to: 'resolved' },
      },
      { id: 'b4', at: at(b, 11), kind: 'survey', actor: 'citizen', channel: 'voice', data: { rating: 2 } },
    ],
  );
  // C: missed waste collection by e-mail, in English, still open.
  const c = '2026-02-20T08:00:00.000Z';
  recordCase(lake, [
    {
      reference: '260000103',
      categoryCode: 'waste_collection',
      departmentCode: 'cleanliness',
      originChannel: 'email',
      language: 'en',
      createdAt: c,
      updatedAt: c,
      dueAt: at(c, 4),
    },
  ]);
  // D: 21:00 UTC on 31 January is 01:00 on 1 February in Muscat: a February case, open, in Muttrah.
  const d = '2026-01-31T21:00:00.000Z';
  recordCase(lake, [
    {
      reference: '260000104',
      createdAt: d,
      updatedAt: d,
      dueAt: at(d, 4),
      location: { lat: 23.61, lng: 58.56, wilayatCode: 'muttrah' },
    },
  ]);
  // E: 20:30 UTC on 28 February is 00:30 on 1 March in Muscat: not February's.
  const e = '2026-02-28T20:30:00.000Z';
  recordCase(lake, [{ reference: '260000105', createdAt: e, updatedAt: e, dueAt: at(e, 4) }]);
});

afterAll(async () => {
  await lake.close();
  rmSync(dir, { recursive: true, force: true });
});

function sending() {
  const messenger = new RecordingMessenger();
  const deps: SendingDeps = {
    outbound: new InMemoryOutboundLedger(),
    messenger,
    optOuts: new InMemorySmsOptOuts(),
    suppressions: new InMemorySuppressionList(),
    clock: new FixedClock('2026-03-01T02:00:00.000Z'),
  };
  return { deps, messenger };
}

function reportDeps(overrides: Partial<MonthlyReportDeps> = {}): MonthlyReportDeps & { logs: string[] } {
  const logs: string[] = [];
  return {
    engine,
    renderPdf: (document) => renderReportPdf(document, pdfFonts()),
    sending: sending().deps,
    recipients: ['performance@mm.gov.om', 'research@squ.edu.om'],
    municipality: MUNICIPALITY,
    names: namesFrom(SEED_CATALOGUE),
    utcOffsetMinutes: 240,
    log: (message) => logs.push(message),
    logs,
    ...overrides,
  };
}

const summaryOf = (figures: Awaited<ReturnType<typeof monthlyFigures>>) =>
  Object.fromEntries(figures.summary.map((f) => [f.id, f.value]));

describe('the figures of a month (DuckDB over the local lake, behind the port)', () => {
  it('sums the month in Muscat days: the summary', async () => {
    const figures = await monthlyFigures(engine, FEBRUARY);
    expect(FEBRUARY).toEqual({
      month: '2026-02',
      first: '2026-02-01',
      last: '2026-02-28',
      end: '2026-02-28 20:00:00',
    });
    expect(summaryOf(figures)).toEqual({
      opened: 4,
      resolved: 2,
      sla_compliance: 50,
      sla_breaches: 1,
      first_contact: 50,
      reopen_rate: 0,
      escalation_rate: 25,
      merged: 0,
      satisfaction: 3.5,
      ratings: 2,
      open_at_end: 2,
    });
  });

  it('breaks the month down by category, channel, wilayat and department', async () => {
    const figures = await monthlyFigures(engine, FEBRUARY);
    const table = (id: string) => figures.tables.find((t) => t.id === id)?.rows;
    expect(table('by_category')).toEqual([
      { category_code: 'pothole', cases: 3, share: 75 },
      { category_code: 'waste_collection', cases: 1, share: 25 },
    ]);
    expect(table('by_channel')).toEqual([
      { channel: 'sms', cases: 2, share: 50 },
      { channel: 'email', cases: 1, share: 25 },
      { channel: 'web', cases: 1, share: 25 },
    ]);
    expect(table('by_wilayat')).toEqual([
      { wilayat_code: 'unknown', cases: 2, share: 50 },
      { wilayat_code: 'bawshar', cases: 1, share: 25 },
      { wilayat_code: 'muttrah', cases: 1, share: 25 },
    ]);
    expect(table('by_department')).toEqual([
      {
        department_code: 'cleanliness',
        cases: 1,
        resolved: 0,
        sla_compliance: null,
        sla_breaches: 0,
        first_contact: null,
        reopened: 0,
        escalated: 0,
        satisfaction: null,
        open_at_end: 1,
      },
      {
        department_code: 'roads',
        cases: 3,
        resolved: 2,
        sla_compliance: 50,
        sla_breaches: 1,
        first_contact: 50,
        reopened: 0,
        escalated: 1,
        satisfaction: 3.5,
        open_at_end: 1,
      },
    ]);
  });
});

describe('the report document', () => {
  it('names codes in each language and prints shares and averages', async () => {
    const figures = await monthlyFigures(engine, FEBRUARY);
    const context = {
      municipality: MUNICIPALITY,
      names: namesFrom(SEED_CATALOGUE),
      generatedOn: '01/03/2026',
    };
    const ar = reportDocument(figures, 'ar', context);
    const en = reportDocument(figures, 'en', context);
    expect(ar.direction).toBe('rtl');
    expect(ar.title).toBe('بلدية مسقط — التقرير الشهري — فبراير 2026');
    expect(en.title).toBe('Muscat Municipality — Monthly report — February 2026');
    expect(ar.summary[2]).toEqual({ label: 'الالتزام بمستوى الخدمة', value: '50.0%' });
    expect(en.summary.find((s) => s.label.startsWith('Average'))?.value).toBe('3.50');
    const wilayats = en.sections.find((s) => s.title === 'Cases by wilayat');
    expect(wilayats?.rows).toEqual([
      ['Not given', '2', '50.0%'],
      ['Bawshar', '1', '25.0%'],
      ['Muttrah', '1', '25.0%'],
    ]);
    expect(ar.sections.find((s) => s.title === 'البلاغات حسب الولاية')?.rows[1]?.[0]).toBe('بوشر');
    const departments = en.sections.find((s) => s.title === 'Performance by department');
    expect(departments?.rows[0]?.slice(0, 4)).toEqual(['Public Cleanliness', '1', '0', '—']);
    expect(departments?.rows[1]?.slice(0, 4)).toEqual(['Roads and Street Lighting', '3', '2', '50.0%']);
  });
});

describe('sending the report', () => {
  it('mails both PDFs and the workbook to every recipient, once', async () => {
    const { deps: sendingDeps, messenger } = sending();
    const deps = reportDeps({ sending: sendingDeps });
    const outcome = await sendMonthlyReport(FEBRUARY, deps);
    expect(outcome).toEqual({
      status: 'sent',
      month: '2026-02',
      deliveries: [
        { to: 'performance@mm.gov.om', status: 'sent' },
        { to: 'research@squ.edu.om', status: 'sent' },
      ],
      attachments: [
        'nidaa-report-2026-02-ar.pdf',
        'nidaa-report-2026-02-en.pdf',
        'nidaa-figures-2026-02.xlsx',
      ],
    });
    expect(messenger.sent.map((m) => m.to)).toEqual([
      { channel: 'email', to: 'performance@mm.gov.om' },
      { channel: 'email', to: 'research@squ.edu.om' },
    ]);
    const [mail] = messenger.sent as ((typeof messenger.sent)[number] & {
      attachments: { fileName: string; contentType: string; bytes: Uint8Array }[];
    })[];
    expect(mail?.message.subject).toBe(
      'التقرير الشهري — فبراير 2026 | Monthly report — February 2026 — Muscat Municipality',
    );
    expect(mail?.message.text).toContain('البلاغات الواردة: 4، المنجزة: 2، الالتزام بمستوى الخدمة: 50.0%');
    expect(mail?.message.text).toContain('Cases opened: 4, resolved: 2, SLA compliance: 50.0%');
    expect(mail?.options.automatic).toBe(true);

    const [arPdf, enPdf, workbook] = mail?.attachments ?? [];
    expect(arPdf?.contentType).toBe('application/pdf');
    expect(
      Buffer.from(arPdf?.bytes ?? [])
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    // Read back through the fonts' ToUnicode maps: the Arabic words are drawn (glyphs in visual order,
    // reversed by fontkit, see the fax letter's test) and the numbers in ASCII digits.
    const arText = drawnText(arPdf?.bytes ?? new Uint8Array()).map((t) => t.text);
    const visual = (word: string) => [...word].reverse().join('');
    expect(arText).toContain(visual('التقرير'));
    expect(arText).toContain(visual('بوشر'));
    expect(arText).toContain('50.0%');
    const enText = drawnText(enPdf?.bytes ?? new Uint8Array())
      .map((t) => t.text)
      .join(' ');
    expect(enText).toContain('Monthly report');
    expect(enText).toContain('Performance by department');

    expect(workbook?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parts = unzipSync(workbook?.bytes ?? new Uint8Array());
    const names = [
      ...new TextDecoder().decode(parts['xl/workbook.xml']).matchAll(/<sheet name="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(names).toEqual([
      'الملخص',
      'البلاغات حسب الفئة',
      'البلاغات حسب القناة',
      'البلاغات حسب الولاية',
      'الأداء حسب الإدارة',
      'أزمنة الرد والمعالجة (ساعات)',
    ]);
    const summarySheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    expect(summarySheet).toContain('<sheetView rightToLeft="1"');
    // The number of cases opened, as a number.
    expect(summarySheet).toContain('<c r="B2"><v>4</v></c>');
    // Shares are percent numbers, and their label says so.
    expect(new TextDecoder().decode(parts['xl/sharedStrings.xml'])).toContain(
      '<t>الالتزام بمستوى الخدمة (%)</t>',
    );
    expect(summarySheet).toContain('<c r="B4"><v>50</v></c>');

    // The schedule retried (or run twice): nobody gets a second copy.
    const again = await sendMonthlyReport(FEBRUARY, { ...deps, sending: sendingDeps });
    expect(again.status === 'sent' && again.deliveries.map((d) => d.status)).toEqual([
      'already_sent',
      'already_sent',
    ]);
    expect(messenger.sent).toHaveLength(2);
  });

  it('a recipient the provider refused makes the run fail; the retry sends to that one only', async () => {
    const { deps: sendingDeps, messenger } = sending();
    const deps = reportDeps({ sending: sendingDeps });
    messenger.failNext(new Error('Throttling'));
    await expect(sendMonthlyReport(FEBRUARY, deps)).rejects.toThrow(/did not reach every recipient/);
    expect(messenger.sent.map((m) => m.to.to)).toEqual(['research@squ.edu.om']);
    const retry = await sendMonthlyReport(FEBRUARY, deps);
    expect(retry.status === 'sent' && retry.deliveries.map((d) => d.status)).toEqual([
      'sent',
      'already_sent',
    ]);
    expect(messenger.sent.map((m) => m.to.to)).toEqual(['research@squ.edu.om', 'performance@mm.gov.om']);
  });

  it('without recipients it logs, queries nothing and sends nothing', async () => {
    const { deps: sendingDeps, messenger } = sending();
    const before = engine.calls.length;
    const render = vi.fn();
    const deps = reportDeps({ sending: sendingDeps, recipients: [], renderPdf: render });
    expect(await sendMonthlyReport(FEBRUARY, deps)).toEqual({
      status: 'skipped',
      month: '2026-02',
      reason: 'no_recipients',
    });
    expect(deps.logs).toEqual([
      'No monthly report recipients are configured (analytics.reportRecipients); skipped',
    ]);
    expect(engine.calls.length).toBe(before);
    expect(render).not.toHaveBeenCalled();
    expect(messenger.sent).toHaveLength(0);
  });
});
