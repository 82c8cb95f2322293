/**
 * The monthly report (docs/exports.md, decision 0112): the figures of the month just ended as an Arabic
 * and an English PDF and one workbook (a sheet per table, Arabic, right to left), e-mailed to the stage's
 * list (`analytics.reportRecipients`) through the one outbound path, once per recipient and month.
 */
import type { AnalyticsEngine } from '../analytics/engine.ts';
import type { Channel } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import type { Bilingual } from '../errors.ts';
import type { ExportLanguage, ExportTable } from '../exports/table.ts';
import { XLSX_MEDIA_TYPE, xlsxWorkbookBytes } from '../exports/xlsx.ts';
import { type DeliveryResult, deliver, type SendingDeps } from '../notify/deliver.ts';
import type { Rendered } from '../notify/templates.ts';
import {
  type FigureColumn,
  type FigureRow,
  type MonthlyFigures,
  monthlyFigures,
  type ReportMonth,
} from './monthly-figures.ts';

/** The names codes are shown under. */
export type ReportNames = {
  department(code: string): Bilingual | undefined;
  category(code: string): Bilingual | undefined;
  wilayat(code: string): Bilingual | undefined;
};

export const namesFrom = (catalogue: Catalogue): ReportNames => ({
  department: (code) => catalogue.departments.find((d) => d.code === code)?.name,
  category: (code) => catalogue.categories.find((c) => c.code === code)?.name,
  wilayat: (code) => catalogue.wilayats.find((w) => w.code === code)?.name,
});

const CHANNEL_NAMES: Record<Channel, Bilingual> = {
  voice: { ar: 'الهاتف', en: 'Phone' },
  sms: { ar: 'الرسائل القصيرة', en: 'SMS' },
  email: { ar: 'البريد الإلكتروني', en: 'E-mail' },
  web: { ar: 'البوابة الإلكترونية', en: 'Web portal' },
  app: { ar: 'التطبيقات', en: 'Apps' },
  fax: { ar: 'الفاكس', en: 'Fax' },
  chat: { ar: 'المحادثة', en: 'Chat' },
};

const UNKNOWN: Bilingual = { ar: 'غير محدد', en: 'Not given' };

const MONTHS: Record<ExportLanguage, readonly string[]> = {
  ar: [
    'يناير',
    'فبراير',
    'مارس',
    'أبريل',
    'مايو',
    'يونيو',
    'يوليو',
    'أغسطس',
    'سبتمبر',
    'أكتوبر',
    'نوفمبر',
    'ديسمبر',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "فبراير 2026", "February 2026". */
export function monthName(month: ReportMonth, language: ExportLanguage): string {
  const [year, m] = month.month.split('-');
  return `${MONTHS[language][Number(m) - 1]} ${year}`;
}

function nameOf(column: FigureColumn, code: unknown, names: ReportNames, language: ExportLanguage): string {
  const text = typeof code === 'string' ? code : '';
  if (text === '' || text === 'unknown') return UNKNOWN[language];
  const name =
    column.kind === 'department'
      ? names.department(text)
      : column.kind === 'category'
        ? names.category(text)
        : column.kind === 'wilayat'
          ? names.wilayat(text)
          : column.kind === 'channel'
            ? CHANNEL_NAMES[text as Channel]
            : undefined;
  return name?.[language] ?? text;
}

const isCode = (c: FigureColumn) => ['department', 'category', 'wilayat', 'channel'].includes(c.kind);

/** A number as the report prints it: ASCII digits, as the fax letters (OCR and Excel read them alike). */
export function formatFigure(value: unknown, kind: FigureColumn['kind']): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (kind) {
    case 'percent':
      return `${n.toFixed(1)}%`;
    case 'hours':
    case 'average':
      return n.toFixed(2);
    default:
      return String(Math.round(n));
  }
}

const title = (month: ReportMonth, language: ExportLanguage) =>
  language === 'ar'
    ? `التقرير الشهري — ${monthName(month, 'ar')}`
    : `Monthly report — ${monthName(month, 'en')}`;

/** The figures as spreadsheet tables in one language: names for codes, numbers left as numbers. */
export function reportTables(
  figures: MonthlyFigures,
  language: ExportLanguage,
  names: ReportNames,
): ExportTable[] {
  const summary: ExportTable = {
    title: language === 'ar' ? 'الملخص' : 'Summary',
    language,
    columns: [
      { key: 'figure', label: language === 'ar' ? 'المؤشر' : 'Figure' },
      { key: 'value', label: language === 'ar' ? 'القيمة' : 'Value' },
    ],
    // Shares are numbers of percent (50 for 50%): the label says so.
    rows: figures.summary.map((f) => ({
      figure: f.kind === 'percent' ? `${f.label[language]} (%)` : f.label[language],
      value: f.value,
    })),
  };
  return [
    summary,
    ...figures.tables.map((t) => ({
      title: t.title[language],
      language,
      columns: t.columns.map((c) => ({ key: c.key, label: c.label[language] })),
      rows: t.rows.map((row) =>
        Object.fromEntries(
          t.columns.map((c) => [c.key, isCode(c) ? nameOf(c, row[c.key], names, language) : row[c.key]]),
        ),
      ),
    })),
  ];
}

/** What the PDF shows, every cell already a string; the adapter lays it out. */
export type ReportDocument = {
  language: ExportLanguage;
  direction: 'rtl' | 'ltr';
  title: string;
  subtitle: string;
  summaryTitle: string;
  summaryColumns: [figure: string, value: string];
  summary: { label: string; value: string }[];
  sections: { title: string; columns: { label: string; numeric: boolean }[]; rows: string[][] }[];
  empty: string;
  footer: string;
};

export function reportDocument(
  figures: MonthlyFigures,
  language: ExportLanguage,
  context: { municipality: Bilingual; names: ReportNames; generatedOn: string },
): ReportDocument {
  const ar = language === 'ar';
  const { month } = figures;
  return {
    language,
    direction: ar ? 'rtl' : 'ltr',
    title: `${context.municipality[language]} — ${title(month, language)}`,
    subtitle: ar
      ? `الفترة من ${slashed(month.first)} إلى ${slashed(month.last)} (بتوقيت مسقط)`
      : `Period ${slashed(month.first)} to ${slashed(month.last)} (Muscat time)`,
    summaryTitle: ar ? 'الملخص' : 'Summary',
    summaryColumns: ar ? ['المؤشر', 'القيمة'] : ['Figure', 'Value'],
    summary: figures.summary.map((f) => ({ label: f.label[language], value: formatFigure(f.value, f.kind) })),
    sections: figures.tables.map((t) => ({
      title: t.title[language],
      columns: t.columns.map((c) => ({ label: c.label[language], numeric: !isCode(c) })),
      rows: t.rows.map((row: FigureRow) =>
        t.columns.map((c) =>
          isCode(c) ? nameOf(c, row[c.key], context.names, language) : formatFigure(row[c.key], c.kind),
        ),
      ),
    })),
    empty: ar ? 'لا بيانات لهذا الشهر.' : 'No data for this month.',
    footer: ar
      ? `أُعدّ آلياً في ${context.generatedOn} من مخزن التحليلات (نداء). تعريف كل مؤشر في docs/metrics.md.`
      : `Generated on ${context.generatedOn} from the analytics store (Nidaa). Each figure is defined in docs/metrics.md.`,
  };
}

/** dd/mm/yyyy, as the fax letters write dates (slashes keep it in one piece inside Arabic text). */
const slashed = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The covering e-mail, Arabic first, then English. */
export function reportMail(figures: MonthlyFigures, municipality: Bilingual): Rendered {
  const value = (id: string) => {
    const f = figures.summary.find((s) => s.id === id);
    return f ? formatFigure(f.value, f.kind) : '—';
  };
  const { month } = figures;
  return {
    subject: `${title(month, 'ar')} | ${title(month, 'en')} — ${municipality.en}`,
    text: [
      `${municipality.ar}: ${title(month, 'ar')}.`,
      `البلاغات الواردة: ${value('opened')}، المنجزة: ${value('resolved')}، الالتزام بمستوى الخدمة: ${value('sla_compliance')}، متوسط الرضا: ${value('satisfaction')} من 5.`,
      'مرفق التقرير بالعربية والإنجليزية (PDF) والأرقام في ملف Excel.',
      '',
      `${municipality.en}: ${title(month, 'en')}.`,
      `Cases opened: ${value('opened')}, resolved: ${value('resolved')}, SLA compliance: ${value('sla_compliance')}, average satisfaction: ${value('satisfaction')} of 5.`,
      'Attached: the report in Arabic and English (PDF) and the figures as an Excel workbook.',
    ].join('\n'),
  };
}

export type MonthlyReportDeps = {
  engine: AnalyticsEngine;
  /** Lays a report document out as PDF (pdfkit in the adapter). */
  renderPdf(document: ReportDocument): Promise<Uint8Array>;
  sending: SendingDeps;
  recipients: readonly string[];
  municipality: Bilingual;
  names: ReportNames;
  utcOffsetMinutes: number;
  log(message: string, details: Record<string, unknown>): void;
};

export type MonthlyReportOutcome =
  | { status: 'skipped'; month: string; reason: 'no_recipients' }
  | {
      status: 'sent';
      month: string;
      deliveries: { to: string; status: DeliveryResult['status'] }[];
      attachments: string[];
    };

/** The ledger key of one recipient's copy: the month and a hash of the address (no address in a key). */
async function messageIdFor(month: string, address: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(address.toLowerCase()));
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `monthly-report-${month}-${hex}`;
}

/**
 * Gathers, renders and sends the report of `month`. A recipient whose copy failed makes the whole run
 * throw after the others were tried, so the scheduler's retry sends it; the ledger keeps the others from
 * getting it twice.
 */
export async function sendMonthlyReport(
  month: ReportMonth,
  deps: MonthlyReportDeps,
): Promise<MonthlyReportOutcome> {
  if (deps.recipients.length === 0) {
    deps.log('No monthly report recipients are configured (analytics.reportRecipients); skipped', {
      month: month.month,
    });
    return { status: 'skipped', month: month.month, reason: 'no_recipients' };
  }
  const figures = await monthlyFigures(deps.engine, month);
  const generatedOn = slashed(
    new Date(deps.sending.clock.now().getTime() + deps.utcOffsetMinutes * 60_000).toISOString().slice(0, 10),
  );
  const context = { municipality: deps.municipality, names: deps.names, generatedOn };
  const [arabic, english] = await Promise.all([
    deps.renderPdf(reportDocument(figures, 'ar', context)),
    deps.renderPdf(reportDocument(figures, 'en', context)),
  ]);
  const workbook = xlsxWorkbookBytes(title(month, 'ar'), reportTables(figures, 'ar', deps.names), {
    utcOffsetMinutes: deps.utcOffsetMinutes,
    createdAt: deps.sending.clock.now(),
  });
  const attachments = [
    { fileName: `nidaa-report-${month.month}-ar.pdf`, contentType: 'application/pdf', bytes: arabic },
    { fileName: `nidaa-report-${month.month}-en.pdf`, contentType: 'application/pdf', bytes: english },
    { fileName: `nidaa-figures-${month.month}.xlsx`, contentType: XLSX_MEDIA_TYPE, bytes: workbook },
  ];
  const message = reportMail(figures, deps.municipality);
  const deliveries: { to: string; status: DeliveryResult['status'] }[] = [];
  const failures: Error[] = [];
  for (const to of deps.recipients) {
    const result = await deliver(
      {
        messageId: await messageIdFor(month.month, to),
        to: { channel: 'email', to },
        message,
        options: { automatic: true, attachments },
      },
      deps.sending,
    );
    deliveries.push({ to, status: result.status });
    if (result.status === 'failed') failures.push(result.error);
    if (result.status === 'in_progress')
      failures.push(new Error('Another attempt is sending to one of the recipients'));
  }
  // Counts only: the log keeps no recipient's address.
  const counts: Record<string, number> = {};
  for (const d of deliveries) counts[d.status] = (counts[d.status] ?? 0) + 1;
  deps.log('Monthly report sent', { month: month.month, recipients: deliveries.length, ...counts });
  if (failures.length > 0) {
    throw new AggregateError(failures, `The monthly report of ${month.month} did not reach every recipient`);
  }
  return { status: 'sent', month: month.month, deliveries, attachments: attachments.map((a) => a.fileName) };
}
