/**
 * Spikes as alerts: the hourly counts the lake gives (analytics/queries/detect_hourly_counts.sql) become
 * one series per place — category × wilayat, department, and channel — and the spike detector
 * (analytics/spikes.ts, docs/decisions/0101) tests the window that ends at the hour just closed.
 */

import { timestampMs } from '../analytics/engine.ts';
import {
  DEFAULT_SPIKE_SETTINGS,
  detectSpikes,
  type HourlySeries,
  type SeasonalCalendar,
  type SpikeSettings,
} from '../analytics/spikes.ts';
import type { AlertPlace, Finding } from './alert.ts';

const HOUR = 3_600_000;

/** A row of detect_hourly_counts: reports opened in one UTC hour, by the dimensions spikes are cut by. */
export type HourlyCountRow = {
  hour: string;
  category_code: string;
  wilayat_code: string;
  department_code: string;
  channel: string;
  cases: number;
};

/** A row of detect_cases_opened: a case opened in the window, to name the cases behind an alert. */
export type OpenedCaseRow = {
  reference: string;
  created_at: string;
  category_code: string;
  wilayat_code: string;
  department_code: string;
  channel: string;
};

/** The places a report counts in; a key per dimension, so one series never mixes two. */
export function spikeKeys(row: Omit<HourlyCountRow, 'hour' | 'cases'>): string[] {
  return [
    `place|${row.category_code}|${row.wilayat_code}`,
    `department|${row.department_code}`,
    `channel|${row.channel}`,
  ];
}

function placeOf(key: string): AlertPlace {
  const [dimension, a, b] = key.split('|');
  if (dimension === 'place') return { categoryCode: a, wilayatCode: b };
  if (dimension === 'department') return { departmentCode: a };
  return { channel: a };
}

/** The first hour the counts must cover for a run ending at `endMs` (the baseline and the window). */
export const spikeHistoryStart = (endMs: number, s: SpikeSettings = DEFAULT_SPIKE_SETTINGS) =>
  endMs - (s.lookbackDays * 24 + s.windowHours) * HOUR;

/**
 * Spike findings for the window ending at `endMs` (the close of an hour, UTC). `quiet` are keys
 * (`spikeKeys`) alerted within the quiet period, which are not alerted again.
 */
export function spikeFindings(
  counts: readonly HourlyCountRow[],
  opened: readonly OpenedCaseRow[],
  endMs: number,
  calendar: SeasonalCalendar,
  settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS,
  quiet: ReadonlySet<string> = new Set(),
): Finding[] {
  const startMs = spikeHistoryStart(endMs, settings);
  const hours = Math.round((endMs - startMs) / HOUR);
  const series = new Map<string, Int32Array>();
  for (const row of counts) {
    const index = Math.floor((timestampMs(row.hour) - startMs) / HOUR);
    if (index < 0 || index >= hours) continue;
    for (const key of spikeKeys(row)) {
      const values = series.get(key) ?? new Int32Array(hours);
      values[index] = (values[index] ?? 0) + Number(row.cases);
      series.set(key, values);
    }
  }
  const input: HourlySeries = { startMs, hours, counts: series };
  const windowFrom = endMs - settings.windowHours * HOUR;
  return detectSpikes(input, hours, calendar, settings, quiet).map((spike) => {
    const references = opened
      .filter((c) => {
        const at = timestampMs(c.created_at);
        return at >= windowFrom && at < endMs && spikeKeys(c).includes(spike.key);
      })
      .map((c) => c.reference)
      .sort();
    return {
      kind: 'spike',
      detectedAt: new Date(endMs).toISOString(),
      from: spike.from,
      to: spike.to,
      place: placeOf(spike.key),
      observed: spike.observed,
      expected: spike.expected,
      unit: 'cases',
      references,
    } satisfies Finding;
  });
}

/** The spike key of a stored spike alert's place (to rebuild the quiet set from recent alerts). */
export function spikeKeyOf(place: AlertPlace): string {
  if (place.categoryCode && place.wilayatCode) return `place|${place.categoryCode}|${place.wilayatCode}`;
  if (place.departmentCode) return `department|${place.departmentCode}`;
  return `channel|${place.channel ?? ''}`;
}
