/**
 * The figures of one month for the monthly report (docs/exports.md): the queries of docs/metrics.md run
 * through the AnalyticsEngine port (Athena in AWS, DuckDB locally) for the local month just ended, summed
 * into a summary and tables by category, channel, wilayat and department. Each figure is answered by
 * answerFigure (functions/core/analytics/figures.ts), as the Analytics screen answers it: this file only
 * picks the figures and labels them.
 */

import type { AnalyticsEngine, AnalyticsRow } from '../analytics/engine.ts';
import {
  answerFigure,
  DIMENSIONS,
  type Dimension,
  FIGURES,
  type FigureName,
  type FigureRow,
  type FigureSpec,
  figureParameters,
  type Grouping,
} from '../analytics/figures.ts';
import type { Bilingual } from '../errors.ts';

/** figureParameters needs a moment only for snapshots, which the report asks at the month's end itself. */
const NOT_A_SNAPSHOT = { now: new Date(0), utcOffsetMinutes: 0 };

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
export type FigureTable = { id: string; title: Bilingual; columns: FigureColumn[]; rows: FigureRow[] };
export type SummaryFigure = { id: string; label: Bilingual; value: number | null; kind: FigureKind };
export type { FigureRow };

export type MonthlyFigures = { month: ReportMonth; summary: SummaryFigure[]; tables: FigureTable[] };

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** A group's code as the report's tables name it; a case with none is `unknown`, as volume counts it. */
const code = (v: unknown): string => (typeof v === 'string' && v !== '' ? v : 'unknown');

const L = {
  cases: { ar: 'البلاغات', en: 'Cases' },
  department: { ar: 'الإدارة', en: 'Department' },
  category: { ar: 'الفئة', en: 'Category' },
  wilayat: { ar: 'الولاية', en: 'Wilayat' },
  channel: { ar: 'القناة', en: 'Channel' },
  share: { ar: 'النسبة %', en: 'Share %' },
} satisfies Record<string, Bilingual>;

/** The figures the report reads, each answered as the Analytics screen answers it (figures.ts). */
const REPORT_FIGURES = [
  'volume',
  'case_outcomes',
  'sla_compliance',
  'sla_breaches',
  'response_times',
  'satisfaction',
  'backlog',
] as const satisfies readonly FigureName[];
type ReportFigure = (typeof REPORT_FIGURES)[number];

/** Runs the month's queries and puts their answers together: the maths is figures.ts's, the labels ours. */
export async function monthlyFigures(engine: AnalyticsEngine, month: ReportMonth): Promise<MonthlyFigures> {
  const period = { from: month.first, to: month.last };
  const rowsOf = Object.fromEntries(
    await Promise.all(
      REPORT_FIGURES.map(async (figure) => {
        // The backlog is taken at the month's end; the others select by the month's days.
        const spec: FigureSpec = FIGURES[figure];
        const params =
          spec.period === 'moment' ? [month.end] : figureParameters(figure, period, NOT_A_SNAPSHOT);
        return [figure, await engine.run(spec.query, params)] as const;
      }),
    ),
  ) as Record<ReportFigure, AnalyticsRow[]>;
  const answer = (figure: ReportFigure, groupBy: Grouping[]) =>
    answerFigure(figure, { ...period, groupBy, filters: {} }, rowsOf[figure]);
  const total = (figure: ReportFigure) => answer(figure, []).total;

  const volume = total('volume');
  const outcomes = total('case_outcomes');
  const satisfaction = total('satisfaction');
  const opened = num(volume.cases) ?? 0;
  const summary: SummaryFigure[] = [
    { id: 'opened', label: { ar: 'البلاغات الواردة', en: 'Cases opened' }, value: opened, kind: 'count' },
    {
      id: 'resolved',
      label: { ar: 'البلاغات المنجزة', en: 'Cases resolved' },
      value: num(outcomes.resolved),
      kind: 'count',
    },
    {
      id: 'sla_compliance',
      label: { ar: 'الالتزام بمستوى الخدمة', en: 'SLA compliance' },
      value: num(total('sla_compliance').compliance_pct),
      kind: 'percent',
    },
    {
      id: 'sla_breaches',
      label: { ar: 'تجاوزات المهلة', en: 'SLA breaches' },
      value: num(total('sla_breaches').breaches),
      kind: 'count',
    },
    {
      id: 'first_contact',
      label: { ar: 'الحل من أول تواصل', en: 'First-contact resolution' },
      value: num(outcomes.first_contact_pct),
      kind: 'percent',
    },
    {
      id: 'reopen_rate',
      label: { ar: 'نسبة إعادة الفتح', en: 'Reopen rate' },
      value: num(outcomes.reopen_pct),
      kind: 'percent',
    },
    {
      id: 'escalation_rate',
      label: { ar: 'نسبة التصعيد', en: 'Escalation rate' },
      value: num(outcomes.escalation_pct),
      kind: 'percent',
    },
    {
      id: 'merged',
      label: { ar: 'البلاغات المكررة المدمجة', en: 'Duplicates merged' },
      value: num(outcomes.merged_duplicates),
      kind: 'count',
    },
    {
      id: 'satisfaction',
      label: { ar: 'متوسط رضا المواطنين (من 5)', en: 'Average satisfaction (of 5)' },
      value: num(satisfaction.average),
      kind: 'average',
    },
    {
      id: 'ratings',
      label: { ar: 'عدد التقييمات', en: 'Ratings given' },
      value: num(satisfaction.ratings),
      kind: 'count',
    },
    {
      id: 'open_at_end',
      label: { ar: 'البلاغات المفتوحة في نهاية الشهر', en: 'Open at the end of the month' },
      value: num(total('backlog').open_cases),
      kind: 'count',
    },
  ];

  /** Cases by one dimension, largest first (ties by code), with each group's share of the month's cases. */
  const byDimension = (
    id: string,
    title: Bilingual,
    dimension: Dimension,
    kind: FigureKind,
    label: Bilingual,
  ) => {
    const key = DIMENSIONS[dimension];
    const rows = answer('volume', [dimension])
      .rows.map((r) => ({ code: code(r[dimension]), cases: num(r.cases) ?? 0 }))
      .sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
    return {
      id,
      title,
      columns: [
        { key, label, kind },
        { key: 'cases', label: L.cases, kind: 'count' as const },
        { key: 'share', label: L.share, kind: 'percent' as const },
      ],
      rows: rows.map((r) => ({
        [key]: r.code,
        cases: r.cases,
        share: opened > 0 ? Math.round((1000 * r.cases) / opened) / 10 : null,
      })),
    };
  };

  // Each department any figure names; a figure without it answers as for no rows (0, or null for a share).
  const perDepartment = (figure: ReportFigure) => {
    const rows = new Map(answer(figure, ['department']).rows.map((r) => [code(r.department), r]));
    const none = answerFigure(figure, { ...period, groupBy: [], filters: {} }, []).total;
    return (department: string) => rows.get(department) ?? none;
  };
  const o = perDepartment('case_outcomes');
  const c = perDepartment('sla_compliance');
  const b = perDepartment('sla_breaches');
  const s = perDepartment('satisfaction');
  const open = perDepartment('backlog');
  // The departments that opened, resolved, breached or hold cases (ratings alone do not add one).
  const departments = new Set(
    (['case_outcomes', 'sla_compliance', 'sla_breaches', 'backlog'] as const).flatMap((f) =>
      answer(f, ['department']).rows.map((r) => code(r.department)),
    ),
  );
  const departmentRows: FigureRow[] = [...departments].sort().map((d) => ({
    department_code: d,
    cases: o(d).cases ?? 0,
    resolved: o(d).resolved ?? 0,
    sla_compliance: c(d).compliance_pct ?? null,
    sla_breaches: b(d).breaches ?? 0,
    first_contact: o(d).first_contact_pct ?? null,
    reopened: o(d).reopened ?? 0,
    escalated: o(d).escalated ?? 0,
    satisfaction: s(d).average ?? null,
    open_at_end: open(d).open_cases ?? 0,
  }));

  const tables: FigureTable[] = [
    byDimension(
      'by_category',
      { ar: 'البلاغات حسب الفئة', en: 'Cases by category' },
      'category',
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
      'wilayat',
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
      rows: answer('response_times', ['department', 'category']).rows.map((r) => ({
        department_code: code(r.department),
        category_code: code(r.category),
        cases: num(r.cases) ?? 0,
        response_median_hours: num(r.response_median_hours),
        response_p90_hours: num(r.response_p90_hours),
        resolution_median_hours: num(r.resolution_median_hours),
        resolution_p90_hours: num(r.resolution_p90_hours),
      })),
    },
  ];
  return { month, summary, tables };
}
