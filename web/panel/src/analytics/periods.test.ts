import { describe, expect, it } from 'vitest';
import { localDate, MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import { periodOfPoint, presetPeriod, timeGroupingFor, timeKeys } from './periods.ts';

describe('Analytics periods', () => {
  it('takes today in Muscat: 21:30 UTC is already the next day there', () => {
    expect(localDate(new Date('2026-03-04T21:30:00Z'), MUSCAT_CALENDAR)).toBe('2026-03-05');
  });

  it('starts this week on Sunday, this month on the 1st, and counts 30 days with today', () => {
    // 2026-03-05 is a Thursday; 2026-03-07 a Saturday (the weekend closes the week that began on the 1st).
    expect(presetPeriod('week', '2026-03-05')).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(presetPeriod('week', '2026-03-07')).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(presetPeriod('week', '2026-03-08')).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    expect(presetPeriod('month', '2026-03-05')).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(presetPeriod('last30', '2026-03-05')).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });

  it('opens the days behind a chart point, kept inside the period', () => {
    const year = { from: '2026-01-10', to: '2026-12-31' };
    expect(periodOfPoint('day', '2026-03-05', year)).toEqual({ from: '2026-03-05', to: '2026-03-05' });
    expect(periodOfPoint('week', '2026-03-01', year)).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(periodOfPoint('month', '2026-02', year)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOfPoint('month', '2026-01', year)).toEqual({ from: '2026-01-10', to: '2026-01-31' });
    expect(timeGroupingFor({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(timeGroupingFor({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
  });

  it('lays out a time axis with every day, Sunday-started week or month of the period, empty ones too', () => {
    expect(timeKeys({ from: '2026-02-27', to: '2026-03-02' }, 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    // 2026-03-07 is a Saturday (its week began on Sunday the 1st); 2026-03-08 starts the next one.
    expect(timeKeys({ from: '2026-03-05', to: '2026-03-16' }, 'week')).toEqual([
      '2026-03-01',
      '2026-03-08',
      '2026-03-15',
    ]);
    expect(timeKeys({ from: '2026-01-31', to: '2026-03-01' }, 'month')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});
