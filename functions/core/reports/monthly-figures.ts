/**
 * The figures of one month for the monthly report (docs/exports.md): the queries of docs/metrics.md run
 * through the AnalyticsEngine port (Athena in AWS, DuckDB locally) for the local month just ended, summed
 * into a summary and tables by category, channel, wilayat and department. Counts are summed and shares
 * recomputed from their parts; medians are kept per department and category as the query gives them.
 */

import type { AnalyticsEngine, AnalyticsRow } from '../analytics/engine.ts';
import type { Bilingual } from '../errors.ts';

/** A local (Asia/Muscat) calendar month. */
export type ReportMonth = {
  /** `YYYY-MM`. */
  month: string;
  /** First and last local day, `YYYY-MM-DD`, inclusive. */
  first: string;
  last: string;
  /** The month's end, as the UTC moment `YYYY-MM-DD HH:MM:SS` (the backlog at that moment). */
  end: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The month `YYYY-MM` in local days, with its end as a UTC moment. */
export function reportMonth(month: string, utcOffsetMinutes: number): ReportMonth {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new Error(`Not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  const days = new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
  const endUtc = new Date(Date.UTC(year, index + 1, 1) - utcOffsetMinutes * 60_000);
  return {
    month,
    first: `${month}-01`,
    last: `${month}-${pad(days)}`,
    end: endUtc.toISOString().slice(0, 19).replace('T', ' '),
  };
}

/** The local month before the one `now` falls in. */
export function monthBefore(now: Date, utcOffsetMinutes: number): ReportMonth {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  const previous = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return reportMonth(`${previous.getUTCFullYear()}-${pad(previous.getUTCMonth() + 1)}`, utcOffsetMinutes);
}

/** How a column's values are shown: catalogue codes get their names, numbers their unit. */
export type FigureKind =
  | 'department'
  | 'category'
  | 'wilayat'
  | 'channel'
  | 'count'
  | 'percent'
  | 'hours'
  | 'average';

export type FigureColumn = { key: string; label: Bilingual; kind: FigureKind };
export type FigureRow = Record<string, string | number | null>;
export type FigureTable = { id: string; title: Bilingual; columns: FigureColumn[]; rows: FigureRow[] };
export type SummaryFigure = { id: string; label: Bilingual; value: number | null; kind: FigureKind };

export type MonthlyFigures = { month: ReportMonth; summary: SummaryFigure[]; tables: FigureTable[] };

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const str = (v: unknown, fallback = 'unknown'): string => (typeof v === 'string' && v !== '' ? v : fallback);
const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
const sum = (rows: readonly AnalyticsRow[], key: string) => rows.reduce((t, r) => t + num(r[key]), 0);

/** Sums `value` over rows grouped by `key`, largest first (ties by code, so the order is stable). */
function totalsBy(rows: readonly AnalyticsRow[], key: string, value: string): FigureRow[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(str(row[key]), (totals.get(str(row[key])) ?? 0) + num(row[value]));
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, total]) => ({ [key]: code, [value]: total }));
}

const L = {
  cases: { ar: 'البلاغات', en: 'Cases' },
  department: { ar: 'الإدارة', en: 'Department' },
  category: { ar: 'الفئة', en: 'Category' },
  wilayat: { ar: 'الولاية', en: 'Wilayat' },
  channel: { ar: 'القناة', en: 'Channel' },
  share: { ar: 'النسبة %', en: 'Share %' },
} satisfies Record<string, Bilingual>;

/** Runs the month's queries and puts their answers together. */
export async function monthlyFigures(engine: AnalyticsEngine, month: ReportMonth): Promise<MonthlyFigures> {
  const period = [month.first, month.last] as const;
  const [volume, outcomes, compliance, breaches, times, satisfaction, backlog] = await Promise.all([
    engine.run('volume', period),
    engine.run('case_outcomes', period),
    engine.run('sla_compliance', period),
    engine.run('sla_breaches', period),
    engine.run('response_times', period),
    engine.run('satisfaction', period),
    engine.run('backlog_ageing', [month.end]),
  ]);

  const opened = sum(volume, 'cases');
  const resolved = sum(outcomes, 'resolved');
  const ratings = sum(satisfaction, 'ratings');
  const ratingTotal = satisfaction.reduce((t, r) => t + num(r.average) * num(r.ratings), 0);
  const summary: SummaryFigure[] = [
    { id: 'opened', label: { ar: 'البلاغات الواردة', en: 'Cases opened' }, value: opened, kind: 'count' },
    {
      id: 'resolved',
      label: { ar: 'البلاغات المنجزة', en: 'Cases resolved' },
      value: resolved,
      kind: 'count',
    },
    {
      id: 'sla_compliance',
      label: { ar: 'الالتزام بمستوى الخدمة', en: 'SLA compliance' },
      value: share(sum(compliance, 'within_sla'), sum(compliance, 'resolved')),
      kind: 'percent',
    },
    {
      id: 'sla_breaches',
      label: { ar: 'تجاوزات المهلة', en: 'SLA breaches' },
      value: sum(breaches, 'breaches'),
      kind: 'count',
    },
    {
      id: 'first_contact',
      label: { ar: 'الحل من أول تواصل', en: 'First-contact resolution' },
      value: share(sum(outcomes, 'first_contact_resolved'), resolved),
      kind: 'percent',
    },
    {
      id: 'reopen_rate',
      label: { ar: 'نسبة إعادة الفتح', en: 'Reopen rate' },
      value: share(sum(outcomes, 'reopened'), resolved),
      kind: 'percent',
    },
    {
      id: 'escalation_rate',
      label: { ar: 'نسبة التصعيد', en: 'Escalation rate' },
      value: share(sum(outcomes, 'escalated'), sum(outcomes, 'cases')),
      kind: 'percent',
    },
    {
      id: 'merged',
      label: { ar: 'البلاغات المكررة المدمجة', en: 'Duplicates merged' },
      value: sum(outcomes, 'merged_duplicates'),
      kind: 'count',
    },
    {
      id: 'satisfaction',
      label: { ar: 'متوسط رضا المواطنين (من 5)', en: 'Average satisfaction (of 5)' },
      value: ratings > 0 ? Math.round((100 * ratingTotal) / ratings) / 100 : null,
      kind: 'average',
    },
    { id: 'ratings', label: { ar: 'عدد التقييمات', en: 'Ratings given' }, value: ratings, kind: 'count' },
    {
      id: 'open_at_end',
      label: { ar: 'البلاغات المفتوحة في نهاية الشهر', en: 'Open at the end of the month' },
      value: sum(backlog, 'open_cases'),
      kind: 'count',
    },
  ];

  const withShare = (rows: FigureRow[]) => rows.map((r) => ({ ...r, share: share(num(r.cases), opened) }));
  const byDimension = (id: string, title: Bilingual, key: string, kind: FigureKind, label: Bilingual) => ({
    id,
    title,
    columns: [
      { key, label, kind },
      { key: 'cases', label: L.cases, kind: 'count' as const },
      { key: 'share', label: L.share, kind: 'percent' as const },
    ],
    rows: withShare(totalsBy(volume, key, 'cases')),
  });

  const departments = new Set([
    ...outcomes.map((r) => str(r.department_code)),
    ...compliance.map((r) => str(r.department_code)),
    ...breaches.map((r) => str(r.department_code)),
    ...backlog.map((r) => str(r.department_code)),
  ]);
  const of = (rows: readonly AnalyticsRow[], code: string) =>
    rows.filter((r) => str(r.department_code) === code);
  const departmentRows: FigureRow[] = [...departments].sort().map((code) => {
    const o = of(outcomes, code);
    const c = of(compliance, code);
    const s = of(satisfaction, code);
    const rated = sum(s, 'ratings');
    return {
      department_code: code,
      cases: sum(o, 'cases'),
      resolved: sum(o, 'resolved'),
      sla_compliance: share(sum(c, 'within_sla'), sum(c, 'resolved')),
      sla_breaches: sum(of(breaches, code), 'breaches'),
      first_contact: share(sum(o, 'first_contact_resolved'), sum(o, 'resolved')),
      reopened: sum(o, 'reopened'),
      escalated: sum(o, 'escalated'),
      satisfaction:
        rated > 0
          ? Math.round((100 * s.reduce((t, r) => t + num(r.average) * num(r.ratings), 0)) / rated) / 100
          : null,
      open_at_end: sum(of(backlog, code), 'open_cases'),
    };
  });

  const tables: FigureTable[] = [
    byDimension(
      'by_category',
      { ar: 'البلاغات حسب الفئة', en: 'Cases by category' },
      'category_code',
      'category',
      L.category,
    ),
    byDimension(
      'by_channel',
      { ar: 'البلاغات حسب القناة', en: 'Cases by channel' },
      'channel',
      'channel',
      L.channel,
    ),
    byDimension(
      'by_wilayat',
      { ar: 'البلاغات حسب الولاية', en: 'Cases by wilayat' },
      'wilayat_code',
      'wilayat',
      L.wilayat,
    ),
    {
      id: 'by_department',
      title: { ar: 'الأداء حسب الإدارة', en: 'Performance by department' },
      columns: [
        { key: 'department_code', label: L.department, kind: 'department' },
        { key: 'cases', label: L.cases, kind: 'count' },
        { key: 'resolved', label: { ar: 'المنجزة', en: 'Resolved' }, kind: 'count' },
        { key: 'sla_compliance', label: { ar: 'ضمن المهلة %', en: 'Within SLA %' }, kind: 'percent' },
        { key: 'sla_breaches', label: { ar: 'التجاوزات', en: 'Breaches' }, kind: 'count' },
        { key: 'first_contact', label: { ar: 'من أول تواصل %', en: 'First contact %' }, kind: 'percent' },
        { key: 'reopened', label: { ar: 'أعيد فتحها', en: 'Reopened' }, kind: 'count' },
        { key: 'escalated', label: { ar: 'صُعّدت', en: 'Escalated' }, kind: 'count' },
        { key: 'satisfaction', label: { ar: 'الرضا', en: 'Satisfaction' }, kind: 'average' },
        { key: 'open_at_end', label: { ar: 'مفتوحة', en: 'Open' }, kind: 'count' },
      ],
      rows: departmentRows,
    },
    {
      id: 'response_times',
      title: { ar: 'أزمنة الرد والمعالجة (ساعات)', en: 'Response and resolution times (hours)' },
      columns: [
        { key: 'department_code', label: L.department, kind: 'department' },
        { key: 'category_code', label: L.category, kind: 'category' },
        { key: 'cases', label: L.cases, kind: 'count' },
        { key: 'response_median_hours', label: { ar: 'الرد: الوسيط', en: 'Response median' }, kind: 'hours' },
        { key: 'response_p90_hours', label: { ar: 'الرد: 90%', en: 'Response p90' }, kind: 'hours' },
        {
          key: 'resolution_median_hours',
          label: { ar: 'المعالجة: الوسيط', en: 'Resolution median' },
          kind: 'hours',
        },
        { key: 'resolution_p90_hours', label: { ar: 'المعالجة: 90%', en: 'Resolution p90' }, kind: 'hours' },
      ],
      rows: times.map((r) => ({
        department_code: str(r.department_code),
        category_code: str(r.category_code),
        cases: num(r.cases),
        response_median_hours: r.response_median_hours === null ? null : num(r.response_median_hours),
        response_p90_hours: r.response_p90_hours === null ? null : num(r.response_p90_hours),
        resolution_median_hours: r.resolution_median_hours === null ? null : num(r.resolution_median_hours),
        resolution_p90_hours: r.resolution_p90_hours === null ? null : num(r.resolution_p90_hours),
      })),
    },
  ];
  return { month, summary, tables };
}
