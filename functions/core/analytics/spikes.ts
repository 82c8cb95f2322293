/**
 * Early warning of a spike: more reports of one kind in one place (e.g. category × wilayat) in the last
 * hours than that place usually gets at the same hours of a comparable day. Comparable means the same kind
 * of day (working day, weekend, public holiday, and the same two in Ramadan, when the city keeps other
 * hours), over the last weeks. The count is tested against a Poisson expectation, so a quiet place needs a
 * real cluster before it alerts and a busy one needs a real excess; one alert per place per quiet period.
 */
import { type BusinessCalendar, localDate } from '../sla/business-calendar.ts';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'ramadan_working' | 'ramadan_weekend';

/** The business calendar plus the Ramadan periods (local dates, inclusive), entered for each year. */
export type SeasonalCalendar = BusinessCalendar & {
  ramadan?: readonly { start: string; end: string }[];
};

export function dayKind(day: string, calendar: SeasonalCalendar): DayKind {
  if (calendar.holidays.includes(day)) return 'holiday';
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const working = calendar.workingDays.includes(weekday);
  const ramadan = (calendar.ramadan ?? []).some((r) => day >= r.start && day <= r.end);
  if (ramadan) return working ? 'ramadan_working' : 'ramadan_weekend';
  return working ? 'working' : 'weekend';
}

export type SpikeSettings = {
  /** The window tested, in hours, ending at the hour just closed. */
  windowHours: number;
  /** How many past days the baseline looks at. */
  lookbackDays: number;
  /** Fewer comparable days than this: compare with every past day instead. */
  minComparableDays: number;
  /** No alert below this many reports in the window, however quiet the place usually is. */
  minCount: number;
  /** The window must hold at least this multiple of the expected count. */
  minRatio: number;
  /** The Poisson probability of seeing this many or more by chance must be below this. */
  alpha: number;
  /** The expected count is never taken below this (a place with no history is not "expected zero"). */
  floorExpected: number;
  /** After an alert, the same place is not alerted again for this many hours. */
  quietHours: number;
};

/** Tuned on a year of 311 reports (bench/spikes.ts, bench/RESULTS.md). */
export const DEFAULT_SPIKE_SETTINGS: SpikeSettings = {
  windowHours: 3,
  lookbackDays: 56,
  minComparableDays: 4,
  minCount: 5,
  minRatio: 2.5,
  alpha: 1e-5,
  floorExpected: 0.5,
  quietHours: 24,
};

/** Reports per place per hour: `counts.get(key)[i]` is the hour starting `startMs + i` hours (UTC). */
export type HourlySeries = { startMs: number; hours: number; counts: ReadonlyMap<string, ArrayLike<number>> };

export type Spike = {
  key: string;
  /** The window: its first hour's start and its end (exclusive), UTC. */
  from: string;
  to: string;
  observed: number;
  expected: number;
  /** Probability of at least `observed` under the baseline. */
  pValue: number;
  comparableDays: number;
  dayKind: DayKind;
};

const HOUR = 3_600_000;

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so large counts do not overflow. */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

const sum = (values: ArrayLike<number>, from: number, to: number) => {
  let total = 0;
  for (let i = Math.max(0, from); i < to; i++) total += values[i] ?? 0;
  return total;
};

/** The mean without the top tenth, so last month's spike does not teach the baseline to expect spikes. */
function trimmedMean(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.slice(0, sorted.length - Math.floor(sorted.length / 10));
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/**
 * Spikes in the window ending at hour index `end` (exclusive) of the series. `quiet` holds the places
 * alerted within the quiet period, which are skipped.
 */
export function detectSpikes(
  series: HourlySeries,
  end: number,
  calendar: SeasonalCalendar,
  settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS,
  quiet: ReadonlySet<string> = new Set(),
): Spike[] {
  const w = settings.windowHours;
  const windowEndMs = series.startMs + end * HOUR;
  const today = localDate(new Date(windowEndMs - 1), calendar);
  const kind = dayKind(today, calendar);
  const pastDays = Array.from({ length: settings.lookbackDays }, (_, i) => i + 1).filter(
    (d) => end - d * 24 - w >= 0,
  );
  const comparable = pastDays.filter(
    (d) => dayKind(localDate(new Date(windowEndMs - 1 - d * 24 * HOUR), calendar), calendar) === kind,
  );
  const baselineDays = comparable.length >= settings.minComparableDays ? comparable : pastDays;
  if (baselineDays.length < settings.minComparableDays) return [];

  const spikes: Spike[] = [];
  for (const [key, counts] of series.counts) {
    if (quiet.has(key)) continue;
    const observed = sum(counts, end - w, end);
    if (observed < settings.minCount) continue;
    const history = baselineDays.map((d) => sum(counts, end - d * 24 - w, end - d * 24));
    const expected = Math.max(trimmedMean(history), settings.floorExpected);
    if (observed < settings.minRatio * expected) continue;
    const pValue = poissonTail(observed, expected);
    if (pValue >= settings.alpha) continue;
    spikes.push({
      key,
      from: new Date(windowEndMs - w * HOUR).toISOString(),
      to: new Date(windowEndMs).toISOString(),
      observed,
      expected: Math.round(expected * 100) / 100,
      pValue,
      comparableDays: baselineDays.length,
      dayKind: kind,
    });
  }
  return spikes.sort((a, b) => a.pValue - b.pValue);
}
