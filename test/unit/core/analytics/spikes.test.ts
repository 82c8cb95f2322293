import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPIKE_SETTINGS,
  dayKind,
  detectSpikes,
  type HourlySeries,
  poissonTail,
  type SeasonalCalendar,
} from '../../../../functions/core/analytics/spikes.ts';

const MUSCAT: SeasonalCalendar = {
  utcOffsetMinutes: 240,
  workingDays: [0, 1, 2, 3, 4],
  dayStart: '07:30',
  dayEnd: '14:30',
  holidays: ['2026-11-20'],
  ramadan: [{ start: '2026-02-18', end: '2026-03-19' }],
};

describe('poissonTail', () => {
  it('is the probability of at least k events', () => {
    expect(poissonTail(0, 2)).toBe(1);
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    // P(X ≥ 3 | λ = 2) = 1 − e^-2 (1 + 2 + 2)
    expect(poissonTail(3, 2)).toBeCloseTo(1 - Math.exp(-2) * 5, 12);
    expect(poissonTail(40, 2)).toBeLessThan(1e-20);
  });
});

describe('dayKind', () => {
  it('knows the Sunday–Thursday week, public holidays and Ramadan', () => {
    expect(dayKind('2026-12-06', MUSCAT)).toBe('working'); // Sunday
    expect(dayKind('2026-12-04', MUSCAT)).toBe('weekend'); // Friday
    expect(dayKind('2026-11-20', MUSCAT)).toBe('holiday');
    expect(dayKind('2026-03-01', MUSCAT)).toBe('ramadan_working'); // a Sunday in Ramadan
    expect(dayKind('2026-02-20', MUSCAT)).toBe('ramadan_weekend'); // a Friday in Ramadan
  });
});

/** 70 days of hourly counts from 2026-09-01 00:00 Muscat, one place at a steady rate, another busy. */
function series(extraLastHours: number[] = [], busyExtra = 0): { s: HourlySeries; end: number } {
  const startMs = Date.parse('2026-08-31T20:00:00Z');
  const hours = 70 * 24;
  const quiet = new Array<number>(hours).fill(0);
  const busy = new Array<number>(hours).fill(0);
  for (let i = 0; i < hours; i++) {
    if (i % 6 === 0) quiet[i] = 1; // one report every six hours
    busy[i] = 3 + (i % 2); // three or four an hour
  }
  const end = hours - 10; // a window ending at 14:00 Muscat on day 69
  extraLastHours.forEach((n, k) => {
    quiet[end - 1 - k] = (quiet[end - 1 - k] ?? 0) + n;
  });
  busy[end - 1] = (busy[end - 1] ?? 0) + busyExtra;
  return {
    s: {
      startMs,
      hours,
      counts: new Map([
        ['pothole|bawshar', quiet],
        ['noise|muttrah', busy],
      ]),
    },
    end,
  };
}

describe('detectSpikes', () => {
  it('alerts a quiet place that suddenly gets a cluster, with the evidence', () => {
    // The window holds one of the usual reports (one every six hours, the same hours each day) and nine more.
    const { s, end } = series([4, 3, 2]);
    const [spike, ...rest] = detectSpikes(s, end, MUSCAT);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ key: 'pothole|bawshar', observed: 10, expected: 1, dayKind: 'working' });
    expect(spike?.pValue).toBeLessThan(DEFAULT_SPIKE_SETTINGS.alpha);
    expect(spike?.to).toBe(new Date(s.startMs + end * 3_600_000).toISOString());
  });

  it('does not alert on a handful of reports, or on a busy place having a busy hour', () => {
    expect(detectSpikes(series([1, 1]).s, series([1, 1]).end, MUSCAT)).toEqual([]);
    const { s, end } = series([], 6);
    expect(detectSpikes(s, end, MUSCAT)).toEqual([]);
  });

  it('alerts a busy place only for a real excess over its own baseline', () => {
    const { s, end } = series([], 30);
    expect(detectSpikes(s, end, MUSCAT).map((x) => x.key)).toEqual(['noise|muttrah']);
  });

  it('stays quiet about a place alerted within the quiet period', () => {
    const { s, end } = series([4, 3, 2]);
    expect(detectSpikes(s, end, MUSCAT, DEFAULT_SPIKE_SETTINGS, new Set(['pothole|bawshar']))).toEqual([]);
  });

  it('needs some history before it judges anything', () => {
    const { s } = series([4, 3, 2]);
    expect(detectSpikes(s, 48, MUSCAT)).toEqual([]);
  });
});
