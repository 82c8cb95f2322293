/**
 * The figures of docs/metrics.md as the Analytics screen asks for them: a figure, a period of local days,
 * filters and a grouping. Each figure is one query file (analytics/queries) whose result rows are cut by
 * some dimensions; filters and groupings keep to those dimensions, counts are summed, shares are computed
 * again from the summed counts, and percentiles (which cannot be combined) are kept only where a group is
 * one row of the query. Pure: the engine that runs the query is the caller's (docs/decisions/0111).
 */
import { type Case, CHANNELS } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import { type Bilingual, invalidField } from '../errors.ts';
import { addDays, daysBetween, isRealIsoDate } from '../sla/business-calendar.ts';
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';
import type { AnalyticsRow, QueryParameter } from './engine.ts';
import { DEFAULT_UNIT_PRICES, type UnitPrices, unitPriceParameters } from './unit-prices.ts';

/** What a figure can be filtered and grouped by, as the API names them, and the result column of each. */

/** The wilayat of a case without a location, as the queries name it (`coalesce(wilayat_code, 'unknown')`). */
export const NO_WILAYAT = 'unknown';
export const DIMENSIONS = {
  department: 'department_code',
  category: 'category_code',
  wilayat: 'wilayat_code',
  channel: 'channel',
  tier: 'tier',
  language: 'language',
  /** Contact-center figures: Connect's queue, the IVR menu, the way a rating was given. */
  queue: 'queue_name',
  node: 'node',
  source: 'source',
  /** An agent as the lake names them: a keyed hash (the panel maps keys to names for supervisors). */
  agent: 'agent_key',
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export type TimeGrouping = 'day' | 'week' | 'month';
export type Grouping = Dimension | TimeGrouping;

/**
 * The dimensions a case has, in the order analytics/queries/cases_opened.sql takes them: what a drill-down
 * may be narrowed by (queue, menu and rating source belong to contacts and ratings, not cases).
 */
export const CASE_DIMENSIONS = ['department', 'category', 'wilayat', 'channel', 'tier', 'language'] as const;

/** How a measure combines when several query rows fall in one group. */
type Measure =
  | { kind: 'sum' }
  /** 100 × numerator ÷ denominator of the summed counts (the numerator may add columns), one decimal. */
  | { kind: 'percent'; of: string | readonly string[]; per: string }
  /** An average from summed totals: Σ total ÷ Σ count (e.g. seconds waited ÷ calls answered). */
  | { kind: 'ratio'; of: string; per: string; places: number }
  /** A mean weighted by counts: Σ(value_k × count_k) ÷ Σ count_k over named columns, two decimals. */
  | { kind: 'mean'; weights: Record<string, number> }
  /** A percentile or a distinct count: exact only for one query row; null once rows are combined. */
  | { kind: 'single' };

export type FigureSpec = {
  query: string;
  names: Bilingual;
  /** What the period's parameters are: the days the query selects by, or the moment of a snapshot. */
  period: 'days' | 'moment';
  dimensions: readonly Dimension[];
  /** The query's result has a `day` column: the figure can be grouped by day, week or month. */
  daily: boolean;
  measures: Readonly<Record<string, Measure>>;
  /**
   * Parameters the query takes besides the period: the service-level threshold first, or after the days
   * the unit prices or the fewest ratings an agent needs to be shown.
   */
  extra?: 'serviceLevel' | 'unitPrices' | 'minAgentRatings';
};

const sum: Measure = { kind: 'sum' };
const single: Measure = { kind: 'single' };

export const FIGURES = {
  volume: {
    query: 'volume',
    names: { ar: 'حجم البلاغات', en: 'Volume' },
    period: 'days',
    dimensions: ['channel', 'category', 'department', 'wilayat', 'language'],
    daily: true,
    measures: { cases: sum },
  },
  backlog: {
    query: 'backlog_ageing',
    names: { ar: 'البلاغات المفتوحة وأعمارها', en: 'Backlog with ageing' },
    period: 'moment',
    dimensions: ['department', 'tier'],
    daily: false,
    measures: {
      open_cases: sum,
      under_1_day: sum,
      days_1_to_3: sum,
      days_3_to_7: sum,
      days_7_to_30: sum,
      over_30_days: sum,
    },
  },
  sla_compliance: {
    query: 'sla_compliance',
    names: { ar: 'الالتزام بمستوى الخدمة', en: 'SLA compliance' },
    period: 'days',
    dimensions: ['department', 'tier'],
    daily: false,
    measures: {
      resolved: sum,
      within_sla: sum,
      compliance_pct: { kind: 'percent', of: 'within_sla', per: 'resolved' },
    },
  },
  sla_breaches: {
    query: 'sla_breaches',
    names: { ar: 'تجاوز المهلة', en: 'SLA breaches' },
    period: 'days',
    dimensions: ['department', 'tier'],
    daily: false,
    // A case breaching at two tiers is one case: distinct cases do not add up across tiers.
    measures: { breaches: sum, cases: single },
  },
  response_times: {
    query: 'response_times',
    names: { ar: 'زمن الرد الأول وزمن المعالجة', en: 'Time to first response and to resolution' },
    period: 'days',
    dimensions: ['department', 'category'],
    daily: false,
    measures: {
      cases: sum,
      answered: sum,
      response_median_hours: single,
      response_p90_hours: single,
      resolved: sum,
      resolution_median_hours: single,
      resolution_p90_hours: single,
    },
  },
  case_outcomes: {
    query: 'case_outcomes',
    names: {
      ar: 'الحل من أول تواصل، إعادة الفتح، التصعيد، الدمج',
      en: 'First-contact resolution, reopens, escalations, merged duplicates',
    },
    period: 'days',
    dimensions: ['department'],
    daily: false,
    measures: {
      cases: sum,
      resolved: sum,
      first_contact_resolved: sum,
      reopened: sum,
      escalated: sum,
      de_escalated: sum,
      merged_duplicates: sum,
      first_contact_pct: { kind: 'percent', of: 'first_contact_resolved', per: 'resolved' },
      reopen_pct: { kind: 'percent', of: 'reopened', per: 'resolved' },
      escalation_pct: { kind: 'percent', of: 'escalated', per: 'cases' },
      de_escalation_pct: { kind: 'percent', of: 'de_escalated', per: 'cases' },
    },
  },
  satisfaction: {
    query: 'satisfaction',
    names: { ar: 'رضا المواطنين', en: 'Satisfaction' },
    period: 'days',
    dimensions: ['department', 'channel'],
    daily: false,
    measures: {
      ratings: sum,
      rated_1: sum,
      rated_2: sum,
      rated_3: sum,
      rated_4: sum,
      rated_5: sum,
      average: { kind: 'mean', weights: { rated_1: 1, rated_2: 2, rated_3: 3, rated_4: 4, rated_5: 5 } },
      satisfied_pct: { kind: 'percent', of: ['rated_4', 'rated_5'], per: 'ratings' },
    },
  },
  calls: {
    query: 'calls',
    names: { ar: 'المكالمات والمحادثات', en: 'Calls and chats' },
    period: 'days',
    dimensions: ['channel', 'queue'],
    daily: true,
    extra: 'serviceLevel',
    measures: {
      offered: sum,
      answered: sum,
      abandoned: sum,
      answered_pct: { kind: 'percent', of: 'answered', per: 'offered' },
      abandoned_pct: { kind: 'percent', of: 'abandoned', per: 'offered' },
      answered_within_threshold: sum,
      average_speed_of_answer_seconds: {
        kind: 'ratio',
        of: 'answer_wait_seconds',
        per: 'answered',
        places: 1,
      },
      service_level_pct: { kind: 'percent', of: 'answered_within_threshold', per: 'offered' },
      average_handle_seconds: { kind: 'ratio', of: 'handle_seconds', per: 'answered', places: 1 },
    },
  },
  callbacks: {
    query: 'callbacks',
    names: { ar: 'معاودات الاتصال المنفّذة', en: 'Call backs kept' },
    period: 'days',
    dimensions: ['queue'],
    daily: true,
    measures: { callbacks: sum, kept: sum, kept_pct: { kind: 'percent', of: 'kept', per: 'callbacks' } },
  },
  ivr_containment: {
    query: 'ivr_containment',
    names: { ar: 'نسبة الخدمة الذاتية', en: 'IVR self-service containment' },
    period: 'days',
    dimensions: ['channel'],
    daily: true,
    measures: {
      contacts: sum,
      self_served: sum,
      to_agent: sum,
      dropped: sum,
      containment_pct: { kind: 'percent', of: 'self_served', per: 'contacts' },
    },
  },
  ivr_nodes: {
    query: 'ivr_nodes',
    names: { ar: 'الانقطاع والمفاتيح الخاطئة في كل قائمة', en: 'IVR drop-off and wrong keys per menu' },
    period: 'days',
    dimensions: ['node'],
    daily: false,
    // Callers are counted once per menu: across menus they are not distinct, so their share is per menu.
    measures: {
      visits: sum,
      contacts: single,
      drops: sum,
      drop_off_pct: single,
      wrong_keys: sum,
      wrong_key_pct: { kind: 'percent', of: 'wrong_keys', per: 'visits' },
      timeouts: sum,
      timeout_pct: { kind: 'percent', of: 'timeouts', per: 'visits' },
    },
  },
  delivery_failures: {
    query: 'delivery_failures',
    names: { ar: 'إخفاق تسليم الرسائل', en: 'SMS and e-mail delivery failures' },
    period: 'days',
    dimensions: ['channel'],
    daily: false,
    measures: {
      attempts: sum,
      sent: sum,
      failed: sum,
      suppressed: sum,
      delivered: sum,
      bounced: sum,
      complained: sum,
      failure_pct: { kind: 'percent', of: ['failed', 'bounced'], per: 'attempts' },
    },
  },
  channel_cost: {
    query: 'channel_cost',
    names: { ar: 'التكلفة حسب القناة', en: 'Cost per channel' },
    period: 'days',
    dimensions: ['channel'],
    daily: false,
    extra: 'unitPrices',
    // Units differ by channel (segments, messages, minutes, contacts): they do not add up across channels.
    measures: { units: single, cost: sum },
  },
  satisfaction_by_source: {
    query: 'satisfaction_by_source',
    names: { ar: 'الرضا حسب المصدر', en: 'Satisfaction by source' },
    period: 'days',
    dimensions: ['source', 'channel'],
    daily: false,
    measures: {
      ratings: sum,
      satisfied: sum,
      average: { kind: 'ratio', of: 'rating_sum', per: 'ratings', places: 2 },
      satisfied_pct: { kind: 'percent', of: 'satisfied', per: 'ratings' },
    },
  },
  satisfaction_by_agent: {
    query: 'satisfaction_by_agent',
    names: { ar: 'الرضا حسب الموظف', en: 'Satisfaction by agent' },
    period: 'days',
    dimensions: ['agent'],
    daily: false,
    extra: 'minAgentRatings',
    measures: {
      ratings: sum,
      satisfied: sum,
      average: { kind: 'ratio', of: 'rating_sum', per: 'ratings', places: 2 },
      satisfied_pct: { kind: 'percent', of: 'satisfied', per: 'ratings' },
      lowest_tier: single,
      highest_tier: single,
    },
  },
} as const satisfies Record<string, FigureSpec>;

/**
 * An agent with fewer ratings in the period is left out of satisfaction by agent: a score of one or two
 * ratings says little about the person and much about one citizen's day.
 */
export const MIN_AGENT_RATINGS = 5;

export type FigureName = keyof typeof FIGURES;
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];

/** The longest period one question may cover: a year and a day (a leap year and its comparison day). */
export const MAX_PERIOD_DAYS = 366;
/** At most two groupings: a chart has series and categories, a table rows and columns. */
export const MAX_GROUPINGS = 2;

export type FigureFilters = Partial<Record<Dimension, string | number>>;

export type FigureQuery = {
  from: string;
  to: string;
  groupBy: Grouping[];
  filters: FigureFilters;
};

/** Digits as typed (Arabic-Indic or Latin, with invisible bidi marks) made plain, trimmed. */
const plain = (value: string) => toLatinDigits(stripBidiMarks(value)).trim();

/** A YYYY-MM-DD that names a real day (2026-02-30 does not). */
export function parseDay(field: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = plain(raw);
  if (!isRealIsoDate(value))
    throw invalidField(field, {
      ar: `التاريخ ${field} يُكتب بالصيغة YYYY-MM-DD (مثل ٢٠٢٦-٠٣-٠١) ويكون يوماً صحيحاً.`,
      en: `${field} is a date written YYYY-MM-DD (e.g. 2026-03-01) and must be a real day.`,
    });
  return value;
}

/** The first day of the Sunday–Thursday week a day belongs to (Sunday; Friday and Saturday close it). */
export function weekOf(day: string): string {
  return addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay());
}

/**
 * The query string of a figure question, checked: dates (inclusive local days, Arabic-Indic digits
 * accepted, at most MAX_PERIOD_DAYS), groupings and filters this figure has, codes the catalogue knows.
 * Without dates: the last 30 days up to `today`.
 */
export function parseFigureQuery(
  figure: FigureName,
  query: Record<string, string | undefined>,
  catalogue: Pick<Catalogue, 'departments' | 'categories' | 'wilayats'>,
  today: string,
): FigureQuery {
  return parseQuestion(FIGURES[figure], query, catalogue, today);
}

/** What a drill-down may be narrowed by: the dimensions the cases have (others are refused, 400). */
export const DRILL_DOWN: Pick<FigureSpec, 'names' | 'dimensions' | 'daily'> = {
  names: { ar: 'البلاغات', en: 'Cases' },
  dimensions: CASE_DIMENSIONS,
  daily: false,
};
/** The references a drill-down lists at most (its query returns one more, to say there are more). */
export const DRILL_DOWN_MAX_REFERENCES = 500;
/** Cases whose summaries one drill-down page reads from the table. */
export const DRILL_DOWN_PAGE_SIZE = 50;

export function parseQuestion(
  spec: Pick<FigureSpec, 'names' | 'dimensions' | 'daily'>,
  query: Record<string, string | undefined>,
  catalogue: Pick<Catalogue, 'departments' | 'categories' | 'wilayats'>,
  today: string,
): FigureQuery {
  const to = parseDay('to', query.to) ?? today;
  const from = parseDay('from', query.from) ?? addDays(to, -29);
  if (from > to)
    throw invalidField('from', {
      ar: 'تاريخ البداية بعد تاريخ النهاية.',
      en: 'from is after to.',
    });
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS)
    throw invalidField('to', {
      ar: `الفترة أطول من ${MAX_PERIOD_DAYS} يوماً؛ اختاروا فترة أقصر.`,
      en: `The period is longer than ${MAX_PERIOD_DAYS} days; choose a shorter one.`,
    });
  const allowed: Grouping[] = [
    ...(spec.daily ? (['day', 'week', 'month'] as const) : []),
    ...spec.dimensions,
  ];
  const groupBy = (plain(query.groupBy ?? '') || '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  if (groupBy.length > MAX_GROUPINGS || new Set(groupBy).size !== groupBy.length)
    throw invalidField('groupBy', {
      ar: `التجميع بعمودين مختلفين على الأكثر.`,
      en: `groupBy takes at most ${MAX_GROUPINGS} different groupings.`,
    });
  for (const g of groupBy) {
    if (!(allowed as string[]).includes(g))
      throw invalidField('groupBy', {
        ar: `لا يمكن تجميع «${spec.names.ar}» حسب ${g.slice(0, 40)}؛ المتاح: ${allowed.join('، ')}.`,
        en: `${spec.names.en} cannot be grouped by ${g.slice(0, 40)}; it can be by ${allowed.join(', ')}.`,
      });
  }
  if (groupBy.filter((g) => g === 'day' || g === 'week' || g === 'month').length > 1)
    throw invalidField('groupBy', {
      ar: 'اختاروا تجميعاً زمنياً واحداً: يوم أو أسبوع أو شهر.',
      en: 'Choose one time grouping: day, week or month.',
    });
  const filters: FigureFilters = {};
  for (const dimension of Object.keys(DIMENSIONS) as Dimension[]) {
    const raw = query[dimension];
    if (raw === undefined || raw === '') continue;
    if (!spec.dimensions.includes(dimension))
      throw invalidField(dimension, {
        ar: `لا يمكن تصفية «${spec.names.ar}» حسب ${dimension}؛ المتاح: ${spec.dimensions.join('، ')}.`,
        en: `${spec.names.en} cannot be filtered by ${dimension}; it can be by ${spec.dimensions.join(', ')}.`,
      });
    filters[dimension] = parseFilter(dimension, plain(raw), catalogue);
  }
  return { from, to, groupBy: groupBy as Grouping[], filters };
}

/** A queue's or menu's name as Connect and the flows write them: letters, digits, spaces and _.:- only. */
const NAME_PATTERN = /^[\p{L}\p{N} _.:-]{1,80}$/u;
/** An agent's keyed hash as the lake holds it (hex or base64url, maybe with a prefix): no spaces, no quotes. */
const AGENT_KEY_PATTERN = /^[A-Za-z0-9_.:=-]{1,128}$/;

function parseFilter(
  dimension: Dimension,
  value: string,
  catalogue: Pick<Catalogue, 'departments' | 'categories' | 'wilayats'>,
): string | number {
  const known: Record<Dimension, readonly string[]> = {
    department: catalogue.departments.map((d) => d.code),
    category: catalogue.categories.map((c) => c.code),
    // Cases without a location are counted under "unknown" (docs/metrics.md, volume).
    wilayat: [...catalogue.wilayats.map((w) => w.code), NO_WILAYAT],
    // Contacts add tasks; ratings without a channel are `unknown` (satisfaction_by_source).
    channel: [...CHANNELS, 'task', 'unknown'],
    tier: ['1', '2', '3'],
    language: ['ar', 'en'],
    source: ['ivr_survey', 'sms', 'email', 'portal'],
    // Queues and menus are named in Connect and the flows, not the catalogue: any plain name.
    queue: [],
    node: [],
    agent: [],
  };
  const pattern = dimension === 'agent' ? AGENT_KEY_PATTERN : NAME_PATTERN;
  const named = dimension === 'queue' || dimension === 'node' || dimension === 'agent';
  if (named ? !pattern.test(value) : !known[dimension].includes(value))
    throw invalidField(dimension, {
      ar: `القيمة «${value.slice(0, 40)}» غير معروفة في ${dimension}.`,
      en: `Unknown ${dimension} "${value.slice(0, 40)}".`,
    });
  return dimension === 'tier' ? Number(value) : value;
}

/**
 * The service-level threshold: answered within this many seconds counts as served on time. A fixed default
 * (docs/metrics.md, Service level) so the figure means the same in every period and export.
 */
export const SERVICE_LEVEL_SECONDS = 60;

/** When a question is asked: now, and the business calendar's offset from UTC (local days). */
export type AskedAt = { now: Date; utcOffsetMinutes: number };

/**
 * The end of a local day as the lake's timestamps are written (UTC, 'YYYY-MM-DD HH:MM:SS'), or now while
 * that day is not over: a snapshot figure (backlog) is taken then.
 */
export function momentOfEnd(day: string, at: AskedAt): string {
  const end = Math.min(Date.parse(`${day}T23:59:59.000Z`) - at.utcOffsetMinutes * 60_000, at.now.getTime());
  return new Date(end).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The query's parameters for a question: the period's days, or for a snapshot the end of its last day;
 * calls take the service-level threshold before the days, channel_cost the unit prices after them.
 */
export function figureParameters(
  figure: FigureName,
  q: Pick<FigureQuery, 'from' | 'to'>,
  at: AskedAt,
  unitPrices: UnitPrices = DEFAULT_UNIT_PRICES,
): QueryParameter[] {
  const spec: FigureSpec = FIGURES[figure];
  if (spec.period === 'moment') return [momentOfEnd(q.to, at)];
  if (spec.extra === 'serviceLevel') return [SERVICE_LEVEL_SECONDS, q.from, q.to];
  if (spec.extra === 'unitPrices') return [q.from, q.to, ...unitPriceParameters(unitPrices)];
  if (spec.extra === 'minAgentRatings') return [q.from, q.to, MIN_AGENT_RATINGS];
  return [q.from, q.to];
}

export type FigureRow = Record<string, string | number | null>;

const groupValue = (row: AnalyticsRow, g: Grouping): string | number | null => {
  const day = String(row.day ?? '');
  if (g === 'day') return day;
  if (g === 'week') return weekOf(day);
  if (g === 'month') return day.slice(0, 7);
  return dimensionValue(row, g);
};

/** A row's value of a dimension; channels in lower case, as the cases name them (contacts say VOICE). */
const dimensionValue = (row: AnalyticsRow, d: Dimension): string | number | null => {
  const value = row[DIMENSIONS[d]];
  if (typeof value === 'boolean') return String(value);
  if (d === 'channel' && typeof value === 'string') return value.toLowerCase();
  return value ?? null;
};

const numeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Combines query rows that fall in one group, measure by measure. */
function combine(spec: FigureSpec, rows: readonly AnalyticsRow[]): FigureRow {
  const out: FigureRow = {};
  const totals = (columns: string | readonly string[]) =>
    (typeof columns === 'string' ? [columns] : columns).reduce(
      (s, column) => s + rows.reduce((t, r) => t + numeric(r[column]), 0),
      0,
    );
  for (const [name, m] of Object.entries(spec.measures)) {
    // Money sums (cost) add binary fractions: six places keep every real digit and drop the float noise.
    if (m.kind === 'sum') out[name] = round(totals(name), 6);
    else if (m.kind === 'single') {
      const only = rows.length === 1 ? rows[0]?.[name] : null;
      out[name] = typeof only === 'number' ? only : null;
    } else if (m.kind === 'percent') {
      const per = totals(m.per);
      out[name] = per > 0 ? round((100 * totals(m.of)) / per, 1) : null;
    } else if (m.kind === 'ratio') {
      const per = totals(m.per);
      out[name] = per > 0 ? round(totals(m.of) / per, m.places) : null;
    } else {
      const weights = Object.entries(m.weights);
      const count = weights.reduce((s, [column]) => s + totals(column), 0);
      out[name] = count > 0 ? round(weights.reduce((s, [c, w]) => s + w * totals(c), 0) / count, 2) : null;
    }
  }
  return out;
}

export type FigureAnswer = {
  figure: FigureName;
  names: Bilingual;
  from: string;
  to: string;
  groupBy: Grouping[];
  filters: FigureFilters;
  /** One row per group (the grouping's values, then the measures), in the groups' order. */
  rows: FigureRow[];
  /** Every row of the question combined. */
  total: FigureRow;
  /** The currency of the costs (channel_cost only: the unit prices' currency). */
  currency?: string;
};

/**
 * Filters the query's rows, groups them and combines each group: the answer the screen draws. Costs
 * (channel_cost) name the currency of the unit prices the query was given.
 */
export function answerFigure(
  figure: FigureName,
  q: FigureQuery,
  rows: readonly AnalyticsRow[],
  unitPrices: UnitPrices = DEFAULT_UNIT_PRICES,
): FigureAnswer {
  const spec: FigureSpec = FIGURES[figure];
  const kept = rows.filter((row) =>
    (Object.entries(q.filters) as [Dimension, string | number][]).every(
      ([d, value]) => String(dimensionValue(row, d) ?? '') === String(value),
    ),
  );
  const groups = new Map<string, { key: (string | number | null)[]; rows: AnalyticsRow[] }>();
  for (const row of kept) {
    const key = q.groupBy.map((g) => groupValue(row, g));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const [x, y] = [a.key[i], b.key[i]];
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x ?? '') < String(y ?? '') ? -1 : 1;
    }
    return 0;
  });
  return {
    figure,
    names: spec.names,
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    filters: q.filters,
    rows: ordered.map((g) => ({
      ...Object.fromEntries(q.groupBy.map((name, i) => [name, g.key[i] ?? null])),
      ...combine(spec, g.rows),
    })),
    total: combine(spec, kept),
    ...(spec.extra === 'unitPrices' ? { currency: unitPrices.currency } : {}),
  };
}

/** The drill-down query's parameters (analytics/queries/cases_opened.sql): each filter twice, '' or 0 for any. */
export function drillDownParameters(q: Pick<FigureQuery, 'from' | 'to' | 'filters'>): QueryParameter[] {
  const any = (d: Dimension, v: string | number | undefined) =>
    d === 'tier' ? Number(v ?? 0) : String(v ?? '');
  return [q.from, q.to, ...CASE_DIMENSIONS.flatMap((d) => [any(d, q.filters[d]), any(d, q.filters[d])])];
}

/** What staff see of a case in a drill-down list: no text, no contact, no coordinates (the case view has the rest). */
export const caseSummary = (c: Case) => ({
  reference: c.reference,
  status: c.status,
  tier: c.tier,
  priority: c.priority,
  categoryCode: c.categoryCode,
  departmentCode: c.departmentCode,
  wilayatCode: c.location?.wilayatCode ?? null,
  originChannel: c.originChannel,
  language: c.language,
  createdAt: c.createdAt,
  dueAt: c.dueAt,
});
export type CaseSummary = ReturnType<typeof caseSummary>;
