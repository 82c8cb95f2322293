import { describe, expect, it } from 'vitest';
import { lastDays, summarizeSatisfaction } from '#core/stats/satisfaction.ts';

describe('summarizeSatisfaction', () => {
  it('adds the days up and averages to one decimal', () => {
    const summary = summarizeSatisfaction([
      { day: '2026-11-28', ratings: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 3 } },
      { day: '2026-11-27', ratings: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 } },
    ]);
    expect(summary).toEqual({ count: 7, average: 3.7, byRating: { 1: 1, 2: 1, 3: 0, 4: 2, 5: 3 } });
  });

  it('has no average without ratings', () => {
    expect(summarizeSatisfaction([])).toEqual({ count: 0, byRating: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
  });
});

describe('lastDays', () => {
  it('counts Muscat calendar days: 22:30 UTC is already tomorrow in Muscat', () => {
    expect(lastDays(new Date('2026-11-27T22:30:00Z'), 3, 240)).toEqual([
      '2026-11-28',
      '2026-11-27',
      '2026-11-26',
    ]);
  });
});
