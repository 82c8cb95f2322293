import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  isWorkingTime,
  localDate,
  localDayOfWeek,
  MUSCAT_CALENDAR,
  nextWorkingStart,
  validateCalendar,
} from '../../../../functions/core/sla/business-calendar.ts';

// Every instant below is written in UTC; the comment gives Muscat local time (UTC+4), which is what the
// calendar works in. Reference week: Thu 2026-10-01, Fri 10-02, Sat 10-03, Sun 10-04, Mon 10-05.
const at = (utc: string) => new Date(utc);
const WORKING_DAY_MINUTES = 7 * 60; // 07:30–14:30

/** New York-like hours at a fixed UTC−5, Monday–Friday 09:00–17:00, to prove nothing assumes Muscat. */
const WESTERN_CALENDAR: BusinessCalendar = {
  utcOffsetMinutes: -300,
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: [],
};

/** Deterministic PRNG (mulberry32) so the property tests explore the same cases on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('addBusinessMinutes', () => {
  // 30 minutes on Thursday (to 14:30 closing), then 30 more from Sunday's 07:30 opening.
  it('moves Thursday 14:00 + 60 min past the Friday–Saturday weekend to Sunday 08:00', () => {
    const thursday1400 = at('2026-10-01T10:00:00Z');
    expect(addBusinessMinutes(thursday1400, 60, MUSCAT_CALENDAR)).toEqual(at('2026-10-04T04:00:00Z'));
  });

  it('moves Thursday 14:00 + 90 min to Sunday 08:30', () => {
    const thursday1400 = at('2026-10-01T10:00:00Z');
    expect(addBusinessMinutes(thursday1400, 90, MUSCAT_CALENDAR)).toEqual(at('2026-10-04T04:30:00Z'));
  });

  it.each([
    ['within a day', '2026-10-04T04:00:00Z', 90, '2026-10-04T05:30:00Z'], // Sun 08:00 → Sun 09:30
    ['0 minutes during hours', '2026-10-04T04:00:00Z', 0, '2026-10-04T04:00:00Z'], // Sun 08:00 → Sun 08:00
    ['ending exactly at closing', '2026-10-01T10:00:00Z', 30, '2026-10-01T10:30:00Z'], // Thu 14:00 → Thu 14:30
    ['one minute past closing', '2026-10-01T10:00:00Z', 31, '2026-10-04T03:31:00Z'], // Thu 14:00 → Sun 07:31
    ['start before opening', '2026-10-04T02:00:00Z', 30, '2026-10-04T04:00:00Z'], // Sun 06:00 → Sun 08:00
    ['start at opening', '2026-10-04T03:30:00Z', 30, '2026-10-04T04:00:00Z'], // Sun 07:30 → Sun 08:00
    ['start after closing', '2026-10-05T11:00:00Z', 30, '2026-10-06T04:00:00Z'], // Mon 15:00 → Tue 08:00
    ['start at closing', '2026-10-05T10:30:00Z', 30, '2026-10-06T04:00:00Z'], // Mon 14:30 → Tue 08:00
    ['start on Friday', '2026-10-02T06:00:00Z', 60, '2026-10-04T04:30:00Z'], // Fri 10:00 → Sun 08:30
    ['start on Saturday', '2026-10-03T08:00:00Z', 60, '2026-10-04T04:30:00Z'], // Sat 12:00 → Sun 08:30
    ['0 minutes outside hours', '2026-10-03T19:59:00Z', 0, '2026-10-04T03:30:00Z'], // Sat 23:59 → Sun 07:30
    // Local Sunday starts at 20:00 UTC on Saturday: the UTC date must not decide the day.
    ['local midnight on a UTC Saturday', '2026-10-03T20:00:00Z', 1, '2026-10-04T03:31:00Z'], // Sun 00:00 → Sun 07:31
    ['a full working day', '2026-10-04T03:30:00Z', WORKING_DAY_MINUTES, '2026-10-04T10:30:00Z'], // Sun 07:30 → Sun 14:30
    ['a working day and a minute', '2026-10-04T03:30:00Z', WORKING_DAY_MINUTES + 1, '2026-10-05T03:31:00Z'], // → Mon 07:31
    ['5 days across the month end', '2026-10-28T06:00:00Z', 5 * WORKING_DAY_MINUTES, '2026-11-04T06:00:00Z'], // Wed 10:00 → Wed 10:00
    ['30 working days (6 weeks)', '2026-10-04T03:30:00Z', 30 * WORKING_DAY_MINUTES, '2026-11-12T10:30:00Z'], // Sun 07:30 → Thu 14:30
    ['seconds are kept', '2026-10-04T04:00:30Z', 1, '2026-10-04T04:01:30Z'], // Sun 08:00:30 → Sun 08:01:30
    ['fractional minutes', '2026-10-04T04:00:00Z', 0.5, '2026-10-04T04:00:30Z'], // Sun 08:00 → Sun 08:00:30
  ])('%s: %s + %d min → %s', (_label, start, minutes, expected) => {
    expect(addBusinessMinutes(at(start), minutes, MUSCAT_CALENDAR)).toEqual(at(expected));
  });

  it.each([
    // Accession Day, Sunday 2026-01-11: Thu 14:00 + 60 → Mon 08:00
    ['Accession Day after a weekend', '2026-01-08T10:00:00Z', '2026-01-12T04:00:00Z'],
    // Accession Day, Monday 2027-01-11: Sun 14:00 + 60 → Tue 08:00
    ['Accession Day mid-week', '2027-01-10T10:00:00Z', '2027-01-12T04:00:00Z'],
    // National Day, Sat 20 + Sun 21 Nov 2027: Thu 14:00 + 60 → Mon 08:00
    ['National Day running into the weekend', '2027-11-18T10:00:00Z', '2027-11-22T04:00:00Z'],
  ])('skips a holiday: %s', (_label, start, expected) => {
    expect(addBusinessMinutes(at(start), 60, MUSCAT_CALENDAR)).toEqual(at(expected));
  });

  it('skips a run of configured holidays', () => {
    const eidWeek = { ...MUSCAT_CALENDAR, holidays: ['2026-10-04', '2026-10-05', '2026-10-06'] };
    // Thu 2026-10-01 14:00 + 60 → Wed 2026-10-07 08:00 (Fri–Sat weekend, then Sun–Tue holidays)
    expect(addBusinessMinutes(at('2026-10-01T10:00:00Z'), 60, eidWeek)).toEqual(at('2026-10-07T04:00:00Z'));
  });

  it('works in a calendar west of UTC', () => {
    // Fri 2026-10-02 16:30 UTC−5 + 60 → Mon 2026-10-05 09:30 UTC−5
    expect(addBusinessMinutes(at('2026-10-02T21:30:00Z'), 60, WESTERN_CALENDAR)).toEqual(
      at('2026-10-05T14:30:00Z'),
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d minutes', (minutes) => {
    expect(() => addBusinessMinutes(at('2026-10-04T04:00:00Z'), minutes, MUSCAT_CALENDAR)).toThrow(
      RangeError,
    );
  });

  it('refuses a calendar without working days instead of looping forever', () => {
    const closed = { ...MUSCAT_CALENDAR, workingDays: [] };
    expect(() => addBusinessMinutes(at('2026-10-04T04:00:00Z'), 60, closed)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['within a day', '2026-10-04T04:00:00Z', '2026-10-04T05:30:00Z', 90], // Sun 08:00 → Sun 09:30
    ['over the weekend', '2026-10-01T10:00:00Z', '2026-10-04T04:30:00Z', 90], // Thu 14:00 → Sun 08:30
    ['both before opening', '2026-10-04T00:00:00Z', '2026-10-04T03:00:00Z', 0], // Sun 04:00 → Sun 07:00
    ['night to morning', '2026-10-04T16:00:00Z', '2026-10-05T04:00:00Z', 30], // Sun 20:00 → Mon 08:00
    ['Friday to Saturday', '2026-10-02T04:00:00Z', '2026-10-03T10:00:00Z', 0], // Fri 08:00 → Sat 14:00
    ['a whole holiday', '2027-01-10T20:00:00Z', '2027-01-11T20:00:00Z', 0], // Mon 2027-01-11 00:00 → 24:00
    ['a whole week', '2026-10-03T20:00:00Z', '2026-10-10T20:00:00Z', 5 * WORKING_DAY_MINUTES], // Sun → Sun
    ['across the month end', '2026-10-28T06:00:00Z', '2026-11-04T06:00:00Z', 5 * WORKING_DAY_MINUTES], // Wed 10:00 → Wed 10:00
    ['half a minute', '2026-10-04T04:00:00Z', '2026-10-04T04:00:30Z', 0.5], // Sun 08:00 → Sun 08:00:30
    ['equal instants', '2026-10-04T04:00:00Z', '2026-10-04T04:00:00Z', 0],
    ['to before from', '2026-10-05T04:00:00Z', '2026-10-04T04:00:00Z', 0], // Mon 08:00 → Sun 08:00
    ['to before from, same day', '2026-10-04T05:00:00Z', '2026-10-04T04:00:00Z', 0], // Sun 09:00 → Sun 08:00
  ])('%s: %s → %s = %d min', (_label, from, to, expected) => {
    expect(businessMinutesBetween(at(from), at(to), MUSCAT_CALENDAR)).toBe(expected);
  });

  it('counts a whole year day by day', () => {
    // 2026 starts and ends on a Thursday: 52 weeks × 5 + 1 working days, less Accession Day (Sunday 11 Jan);
    // National Day (20–21 Nov) falls on Friday–Saturday.
    const year2026 = businessMinutesBetween(
      at('2025-12-31T20:00:00Z'),
      at('2026-12-31T20:00:00Z'),
      MUSCAT_CALENDAR,
    );
    expect(year2026).toBe((52 * 5 + 1 - 1) * WORKING_DAY_MINUTES);
  });

  it('works in a calendar west of UTC', () => {
    // Fri 2026-10-02 16:30 UTC−5 → Mon 2026-10-05 09:30 UTC−5
    expect(
      businessMinutesBetween(at('2026-10-02T21:30:00Z'), at('2026-10-05T14:30:00Z'), WESTERN_CALENDAR),
    ).toBe(60);
  });
});

describe('addBusinessMinutes and businessMinutesBetween (property checks, fixed seed)', () => {
  const random = seededRandom(20_261_118);
  const spanStart = at('2026-01-01T00:00:00Z').getTime();
  const twoYearsMs = 2 * 365 * 24 * 60 * 60_000;
  const cases = Array.from({ length: 500 }, () => ({
    // Any second in 2026–2027, working time or not, holidays included.
    start: new Date(spanStart + Math.floor((random() * twoYearsMs) / 1000) * 1000),
    minutes: Math.floor(random() * 30 * WORKING_DAY_MINUTES),
  }));

  it('businessMinutesBetween(start, addBusinessMinutes(start, m)) is m', () => {
    for (const { start, minutes } of cases) {
      const due = addBusinessMinutes(start, minutes, MUSCAT_CALENDAR);
      expect(businessMinutesBetween(start, due, MUSCAT_CALENDAR), `${start.toISOString()} + ${minutes}`).toBe(
        minutes,
      );
    }
  });

  it('ends just after working time whenever there was time to count', () => {
    for (const { start, minutes } of cases.filter((c) => c.minutes > 0)) {
      const lastMomentCounted = new Date(addBusinessMinutes(start, minutes, MUSCAT_CALENDAR).getTime() - 1);
      expect(isWorkingTime(lastMomentCounted, MUSCAT_CALENDAR), `${start.toISOString()} + ${minutes}`).toBe(
        true,
      );
    }
  });

  it('nextWorkingStart is working time and skips no working minutes', () => {
    for (const { start } of cases) {
      const opening = nextWorkingStart(start, MUSCAT_CALENDAR);
      expect(isWorkingTime(opening, MUSCAT_CALENDAR), start.toISOString()).toBe(true);
      expect(businessMinutesBetween(start, opening, MUSCAT_CALENDAR)).toBe(0);
    }
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-10-04T03:29:59.999Z', false], // Sun 07:29:59.999, just before opening
    ['2026-10-04T03:30:00Z', true], // Sun 07:30, opening
    ['2026-10-04T10:29:59.999Z', true], // Sun 14:29:59.999
    ['2026-10-04T10:30:00Z', false], // Sun 14:30, closing
    ['2026-10-01T10:00:00Z', true], // Thu 14:00
    ['2026-10-02T06:00:00Z', false], // Fri 10:00
    ['2026-10-03T06:00:00Z', false], // Sat 10:00
    ['2026-10-03T23:00:00Z', false], // Sun 03:00 (still Saturday in UTC)
    ['2027-01-11T06:00:00Z', false], // Mon 10:00, Accession Day
    ['2027-01-12T06:00:00Z', true], // Tue 10:00, the day after
  ])('%s → %s', (utc, expected) => {
    expect(isWorkingTime(at(utc), MUSCAT_CALENDAR)).toBe(expected);
  });
});

describe('nextWorkingStart', () => {
  it.each([
    ['during hours: itself', '2026-10-04T05:17:42Z', '2026-10-04T05:17:42Z'], // Sun 09:17:42
    ['before opening', '2026-10-04T02:00:00Z', '2026-10-04T03:30:00Z'], // Sun 06:00 → Sun 07:30
    ['at closing', '2026-10-01T10:30:00Z', '2026-10-04T03:30:00Z'], // Thu 14:30 → Sun 07:30
    ['Friday', '2026-10-02T06:00:00Z', '2026-10-04T03:30:00Z'], // Fri 10:00 → Sun 07:30
    ['evening before a holiday', '2027-01-10T11:00:00Z', '2027-01-12T03:30:00Z'], // Sun 15:00 → Tue 07:30
  ])('%s: %s → %s', (_label, utc, expected) => {
    expect(nextWorkingStart(at(utc), MUSCAT_CALENDAR)).toEqual(at(expected));
  });

  it('refuses a calendar whose only working day does not exist', () => {
    const broken = { ...MUSCAT_CALENDAR, workingDays: [7] };
    expect(() => nextWorkingStart(at('2026-10-04T02:00:00Z'), broken)).toThrow(RangeError);
  });
});

describe('localDate and localDayOfWeek', () => {
  it.each([
    ['2026-10-01T19:59:59Z', MUSCAT_CALENDAR, '2026-10-01', 4], // Thu 23:59:59 Muscat
    ['2026-10-01T20:00:00Z', MUSCAT_CALENDAR, '2026-10-02', 5], // Fri 00:00 Muscat
    ['2026-12-31T20:00:00Z', MUSCAT_CALENDAR, '2027-01-01', 5], // New Year in Muscat, still 2026 in UTC
    ['2026-10-03T03:00:00Z', WESTERN_CALENDAR, '2026-10-02', 5], // Fri 22:00 UTC−5, Saturday in UTC
  ])('%s → %s, day %i', (utc, cal, date, dayOfWeek) => {
    expect(localDate(at(utc), cal)).toBe(date);
    expect(localDayOfWeek(at(utc), cal)).toBe(dayOfWeek);
  });
});

describe('validateCalendar', () => {
  it('accepts the Muscat calendar', () => {
    expect(validateCalendar(MUSCAT_CALENDAR)).toEqual([]);
  });

  it.each<[string, Partial<BusinessCalendar>, string]>([
    ['fractional offset', { utcOffsetMinutes: 240.5 }, 'utcOffsetMinutes'],
    ['offset beyond 14 h', { utcOffsetMinutes: 900 }, 'utcOffsetMinutes'],
    ['dayStart without leading zero', { dayStart: '7:30' }, 'dayStart "7:30"'],
    ['dayStart 24:00', { dayStart: '24:00' }, 'dayStart "24:00"'],
    ['dayEnd minutes out of range', { dayEnd: '14:60' }, 'dayEnd "14:60"'],
    ['dayEnd not a time', { dayEnd: 'afternoon' }, 'dayEnd "afternoon"'],
    ['dayEnd before dayStart', { dayStart: '14:30', dayEnd: '07:30' }, 'must be after dayStart'],
    ['dayEnd equal to dayStart', { dayEnd: '07:30' }, 'must be after dayStart'],
    ['no working days', { workingDays: [] }, 'workingDays is empty'],
    ['working day 7', { workingDays: [0, 7] }, 'workingDays: 7'],
    ['negative working day', { workingDays: [-1] }, 'workingDays: -1'],
    ['fractional working day', { workingDays: [1.5] }, 'workingDays: 1.5'],
    ['holiday without zero padding', { holidays: ['2026-1-11'] }, 'holidays: "2026-1-11"'],
    ['holiday in day/month/year order', { holidays: ['18/11/2026'] }, 'holidays: "18/11/2026"'],
    ['holiday on 30 February', { holidays: ['2026-02-30'] }, 'holidays: "2026-02-30"'],
    ['holiday in month 13', { holidays: ['2026-13-01'] }, 'holidays: "2026-13-01"'],
  ])('reports %s', (_label, change, problem) => {
    expect(validateCalendar({ ...MUSCAT_CALENDAR, ...change })).toEqual([expect.stringContaining(problem)]);
  });

  it('reports every problem at once', () => {
    const broken: BusinessCalendar = {
      utcOffsetMinutes: 240,
      workingDays: [],
      dayStart: '7',
      dayEnd: '14:30',
      holidays: ['2026-11-18', 'National Day'],
    };
    expect(validateCalendar(broken)).toHaveLength(3);
  });
});
