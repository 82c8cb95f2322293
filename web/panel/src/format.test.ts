import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { formatDuration, formatTime, slaClock } from './format.ts';

describe('SLA clock in business time', () => {
  it('counts only working hours: Thursday 13:30 to Sunday 09:30 in Muscat is three hours', () => {
    const thursday = new Date('2026-03-05T09:30:00.000Z'); // 13:30 local
    const clock = slaClock('2026-03-08T05:30:00.000Z', thursday, MUSCAT_CALENDAR, 120); // Sunday 09:30 local
    expect(clock).toEqual({ state: 'on_time', minutes: 180 });
    expect(formatDuration(clock?.minutes ?? Number.NaN, MUSCAT_CALENDAR, 'en')).toBe('3 h 00 min');
    expect(formatDuration(clock?.minutes ?? Number.NaN, MUSCAT_CALENDAR, 'ar')).toBe('3 س 00 د');
  });

  it('is at risk under the threshold and breached (negative, counting working time) past the deadline', () => {
    const now = new Date('2026-03-03T06:00:00.000Z'); // Tuesday 10:00 local
    expect(slaClock('2026-03-03T07:00:00.000Z', now, MUSCAT_CALENDAR, 120)).toEqual({
      state: 'at_risk',
      minutes: 60,
    });
    expect(slaClock('2026-03-03T05:15:00.000Z', now, MUSCAT_CALENDAR, 120)).toEqual({
      state: 'breached',
      minutes: -45,
    });
  });

  it('writes whole working days (7 h in Muscat) as days', () => {
    expect(formatDuration(2 * 420 + 65, MUSCAT_CALENDAR, 'en')).toBe('2 d 1 h 05 min');
    expect(formatDuration(-30, MUSCAT_CALENDAR, 'en')).toBe('30 min');
  });
});

describe('formatting is total: bad data shows a dash, never an exception', () => {
  it('writes a valid moment in Muscat time, in both languages', () => {
    expect(formatTime('2026-03-03T06:00:00.000Z', 'en')).toBe('3 Mar, 10:00');
    expect(formatTime('2026-03-03T06:00:00.000Z', 'ar')).toContain('10:00');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a date', 'soon'],
    ['a number', 1_772_517_600_000],
    ['an object', { at: '2026-03-03' }],
  ])('writes %s as a dash', (_label, value) => {
    expect(formatTime(value, 'ar')).toBe('—');
    expect(formatTime(value, 'en')).toBe('—');
  });

  it('never throws, whatever it is given (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.date({ noInvalidDate: false }).map(String)),
        (value) => {
          expect(typeof formatTime(value, 'ar')).toBe('string');
          expect(typeof formatTime(value, 'en')).toBe('string');
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('has no SLA clock for an unreadable deadline, and no duration for a non-number', () => {
    const now = new Date('2026-03-03T06:00:00.000Z');
    expect(slaClock(undefined, now, MUSCAT_CALENDAR, 120)).toBeUndefined();
    expect(slaClock('not a date', now, MUSCAT_CALENDAR, 120)).toBeUndefined();
    expect(formatDuration(Number.NaN, MUSCAT_CALENDAR, 'en')).toBe('—');
    expect(formatDuration(60, { ...MUSCAT_CALENDAR, dayStart: 'x', dayEnd: 'y' }, 'en')).toBe('—');
  });
});
