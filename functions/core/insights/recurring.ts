/**
 * Recurring problems (docs/decisions/0108): a place whose problem comes back after it was resolved, a
 * citizen who has to contact us again and again about one case, and a category whose reopen or SLA-breach
 * rate climbs above its own past. The place is category × wilayat: the analytics store keeps no
 * coordinates (docs/decisions/0100), and a finer place would need them.
 */

import { timestampMs } from '../analytics/engine.ts';
import { poissonTail } from '../analytics/spikes.ts';
import { addDays } from '../sla/business-calendar.ts';
import type { Finding } from './alert.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

export type RecurringSettings = {
  /** A new report within this many days after a resolution in the same place is a repeat. */
  repeatWithinDays: number;
  /** The window repeats are counted over, ending at the hour just closed. */
  repeatWindowHours: number;
  /** The baseline of repeats: the place's own rate over this many days before the window. */
  repeatBaselineDays: number;
  /** No alert below this many repeats in the window. */
  minRepeats: number;
  /** The window must hold this multiple of the expected repeats. */
  minRepeatRatio: number;
  /** Poisson probability of that many repeats by chance, below which it alerts. */
  alpha: number;
  /** One citizen, one case: alerted when their contacts about it reach this many. */
  citizenContacts: number;
  /** Rates: the recent period and the baseline before it, in days. */
  rateRecentDays: number;
  rateBaselineDays: number;
  /** No rate alert on fewer events (reopens or breaches) than this in the recent period. */
  minRateEvents: number;
  /** The recent rate must be at least this multiple of the baseline, and this many points above it. */
  minRateRatio: number;
  minRatePoints: number;
  /** A place alerted for repeats stays quiet this long (one alert a day per place at most). */
  quietHours: number;
};

export const DEFAULT_RECURRING_SETTINGS: RecurringSettings = {
  repeatWithinDays: 7,
  repeatWindowHours: 24,
  repeatBaselineDays: 28,
  minRepeats: 6,
  minRepeatRatio: 3,
  alpha: 1e-5,
  citizenContacts: 3,
  rateRecentDays: 7,
  rateBaselineDays: 28,
  minRateEvents: 5,
  minRateRatio: 2,
  minRatePoints: 10,
  quietHours: 24,
};

/**
 * A row of detect_repeat_places: a case opened within `repeatWithinDays` after another case of the same
 * category in the same wilayat was resolved.
 */
export type RepeatRow = {
  reference: string;
  created_at: string;
  category_code: string;
  wilayat_code: string;
  department_code: string;
  /** The resolved case it followed. */
  after_reference: string;
};

/**
 * Places where resolved problems come back more than they used to: repeats in the window against the
 * place's own repeats per window over the baseline days. Rows must cover the baseline and the window.
 */
export function repeatPlaceFindings(
  rows: readonly RepeatRow[],
  endMs: number,
  s: RecurringSettings = DEFAULT_RECURRING_SETTINGS,
): Finding[] {
  const windowFrom = endMs - s.repeatWindowHours * HOUR;
  const baselineFrom = windowFrom - s.repeatBaselineDays * DAY;
  const windows = (s.repeatBaselineDays * 24) / s.repeatWindowHours;
  const byPlace = new Map<string, { recent: RepeatRow[]; before: number }>();
  for (const row of rows) {
    const at = timestampMs(row.created_at);
    if (at < baselineFrom || at >= endMs) continue;
    const key = `${row.category_code}|${row.wilayat_code}`;
    const place = byPlace.get(key) ?? { recent: [], before: 0 };
    if (at >= windowFrom) place.recent.push(row);
    else place.before++;
    byPlace.set(key, place);
  }
  const findings: Finding[] = [];
  for (const { recent, before } of byPlace.values()) {
    const observed = recent.length;
    const first = recent[0];
    if (!first || observed < s.minRepeats) continue;
    // A quarter of a repeat per window at least: a place with no past repeats is not "expected zero".
    const expected = Math.max(before / windows, 0.25);
    if (observed < s.minRepeatRatio * expected || poissonTail(observed, expected) >= s.alpha) continue;
    findings.push({
      kind: 'repeat_place',
      detectedAt: iso(endMs),
      from: iso(windowFrom),
      to: iso(endMs),
      place: {
        categoryCode: first.category_code,
        wilayatCode: first.wilayat_code,
        departmentCode: first.department_code,
      },
      observed,
      expected: Math.round(expected * 100) / 100,
      unit: 'cases',
      references: [...new Set(recent.flatMap((r) => [r.reference, r.after_reference]))].sort(),
    });
  }
  return findings;
}

/** A row of detect_repeat_contacts: a case and how often its citizen contacted us about it. */
export type ContactCountRow = {
  reference: string;
  category_code: string;
  wilayat_code: string;
  department_code: string;
  /** Contacts from the citizen about the case: the report, messages, reopenings. */
  contacts: number;
  /** Of those, the ones in the window (the hour just closed). */
  contacts_in_window: number;
};

/** Alerted once per case: in the hour its citizen's contacts reach `citizenContacts`. */
export function repeatCitizenFindings(
  rows: readonly ContactCountRow[],
  windowFromMs: number,
  endMs: number,
  s: RecurringSettings = DEFAULT_RECURRING_SETTINGS,
): Finding[] {
  return rows
    .filter((r) => r.contacts >= s.citizenContacts && r.contacts - r.contacts_in_window < s.citizenContacts)
    .map((r) => ({
      kind: 'repeat_citizen',
      detectedAt: iso(endMs),
      from: iso(windowFromMs),
      to: iso(endMs),
      // The case is the place: one alert per case, whatever hour the threshold is crossed in.
      place: {
        categoryCode: r.category_code,
        wilayatCode: r.wilayat_code,
        departmentCode: r.department_code,
      },
      observed: r.contacts,
      expected: s.citizenContacts - 1,
      unit: 'contacts',
      references: [r.reference],
    }));
}

/** A row of detect_category_rates: one category's outcomes on one local day. */
export type CategoryDayRow = {
  day: string;
  category_code: string;
  department_code: string;
  opened: number;
  resolved: number;
  reopened: number;
  breached: number;
};

/**
 * Categories whose reopen rate (reopens per resolution) or breach rate (breaches per case opened) over the
 * recent days climbed above their own rate over the baseline days before. `today` is the local day the
 * run belongs to (excluded: it is not over); the finding's window is whole local days, so every hourly run
 * of one day finds the same alert (one id).
 */
export function rateRiseFindings(
  rows: readonly CategoryDayRow[],
  today: string,
  dayStartMs: number,
  s: RecurringSettings = DEFAULT_RECURRING_SETTINGS,
): Finding[] {
  const recentFrom = addDays(today, -s.rateRecentDays);
  const baselineFrom = addDays(recentFrom, -s.rateBaselineDays);
  type Tally = { opened: number; resolved: number; reopened: number; breached: number };
  const empty = (): Tally => ({ opened: 0, resolved: 0, reopened: 0, breached: 0 });
  const byCategory = new Map<string, { department: string; recent: Tally; base: Tally }>();
  for (const row of rows) {
    if (row.day < baselineFrom || row.day >= today) continue;
    const entry = byCategory.get(row.category_code) ?? {
      department: row.department_code,
      recent: empty(),
      base: empty(),
    };
    const tally = row.day >= recentFrom ? entry.recent : entry.base;
    tally.opened += Number(row.opened);
    tally.resolved += Number(row.resolved);
    tally.reopened += Number(row.reopened);
    tally.breached += Number(row.breached);
    byCategory.set(row.category_code, entry);
  }
  const findings: Finding[] = [];
  for (const [category, { department, recent, base }] of byCategory) {
    for (const [events, outOf] of [
      ['reopened', 'resolved'],
      ['breached', 'opened'],
    ] as const) {
      const seen = recent[events];
      if (seen < s.minRateEvents || recent[outOf] === 0 || base[outOf] === 0) continue;
      const rate = seen / recent[outOf];
      const baseRate = base[events] / base[outOf];
      // The count expected at the old rate, never below one event (a category that never reopened).
      const expectedCount = Math.max(baseRate * recent[outOf], 1);
      if (rate < s.minRateRatio * baseRate || (rate - baseRate) * 100 < s.minRatePoints) continue;
      if (poissonTail(seen, expectedCount) >= s.alpha) continue;
      findings.push({
        kind: 'rate_rise',
        detectedAt: iso(dayStartMs),
        from: iso(dayStartMs - s.rateRecentDays * DAY),
        to: iso(dayStartMs),
        place: {
          categoryCode: category,
          departmentCode: department,
          metric: events === 'reopened' ? 'reopen_rate' : 'breach_rate',
        },
        observed: Math.round(rate * 1000) / 10,
        expected: Math.round(baseRate * 1000) / 10,
        unit: 'percent',
        references: [],
      });
    }
  }
  return findings;
}
