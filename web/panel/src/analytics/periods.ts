import { weekOf } from '../../../../functions/core/analytics/figures.ts';

/**
 * The Analytics screen's periods, in local days (Asia/Muscat, from the calendar the API sends): presets
 * for this week (Sunday to today: the working week is Sunday–Thursday), this month and the last 30 days,
 * and the days behind one point of a chart grouped by day, week or month.
 */
export type Period = { from: string; to: string };
export const PRESETS = ['week', 'month', 'last30'] as const;
export type Preset = (typeof PRESETS)[number];

const DAY_MS = 86_400_000;
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function presetPeriod(preset: Preset, today: string): Period {
  if (preset === 'week') return { from: weekOf(today), to: today };
  if (preset === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: shift(today, -29), to: today };
}

/** The grouping a period reads best in: days up to two months, then weeks, then months. */
export function timeGroupingFor(p: Period): 'day' | 'week' | 'month' {
  const days = (Date.parse(p.to) - Date.parse(p.from)) / DAY_MS + 1;
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
}

/** The days one point of a time chart stands for, inside the period asked about. */
export function periodOfPoint(grouping: 'day' | 'week' | 'month', key: string, within: Period): Period {
  const [from, to] =
    grouping === 'day'
      ? [key, key]
      : grouping === 'week'
        ? [key, shift(key, 6)]
        : [`${key}-01`, shift(`${shift(`${key}-28`, 4).slice(0, 8)}01`, -1)];
  // ISO days sort as text: the later start and the earlier end.
  return { from: [from, within.from].sort()[1] as string, to: [to, within.to].sort()[0] as string };
}

/** The keys of a time axis over the period, the days, weeks or months without a case included. */
export function timeKeys(period: Period, grouping: 'day' | 'week' | 'month'): string[] {
  const keys: string[] = [];
  for (let day = period.from; day <= period.to; day = shift(day, 1)) {
    const key = grouping === 'day' ? day : grouping === 'month' ? day.slice(0, 7) : weekOf(day);
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}
