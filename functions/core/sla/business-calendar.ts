/**
 * Business time for SLAs: a case due in "2 working days" must not expire over the weekend or a holiday.
 *
 * Local time is a fixed UTC offset, not an IANA zone: Asia/Muscat is UTC+04:00 all year (Oman has no DST),
 * so the offset is exact and keeps Intl out of the hot path. Internally a "local ms" is a timestamp shifted
 * by that offset, so its UTC fields read as the local wall clock.
 */

export type BusinessCalendar = {
  /** Local time minus UTC in minutes (Muscat: 240). Only exact for zones without DST. */
  utcOffsetMinutes: number;
  /** Working days in `getUTCDay` numbering: 0 = Sunday … 6 = Saturday. */
  workingDays: readonly number[];
  /** Local opening time, `HH:MM` 24-hour. */
  dayStart: string;
  /** Local closing time, `HH:MM`, after `dayStart` (no overnight shifts). */
  dayEnd: string;
  /** Local dates (`YYYY-MM-DD`) with no working time. */
  holidays: readonly string[];
};

/**
 * Muscat municipality hours: Sunday–Thursday, 07:30–14:30.
 * Holidays are the fixed-date ones of Royal Decree 88/2022 as amended by 15/2025: Accession Day (11 Jan)
 * and National Day (20–21 Nov). The government still announces the days actually observed each year
 * (moved, or compensated when they fall on a weekend, as in 2026), and the lunar holidays (Eids, Hijri
 * New Year, Prophet's Birthday, Isra'a wal Mi'raj) move every year: configure both per year.
 */
export const MUSCAT_CALENDAR: BusinessCalendar = {
  utcOffsetMinutes: 240,
  workingDays: [0, 1, 2, 3, 4],
  dayStart: '07:30',
  dayEnd: '14:30',
  holidays: ['2026-01-11', '2026-11-20', '2026-11-21', '2027-01-11', '2027-11-20', '2027-11-21'],
};

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Real calendars have working time every week; this bound only stops a broken one from looping forever. */
const MAX_DAYS_WITHOUT_WORK = 366;
const MAX_UTC_OFFSET_MINUTES = 14 * 60;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The moment when `minutes` of working time have elapsed after `start`. Counting starts at the next
 * opening when `start` is outside working hours; time running out exactly at closing returns the closing
 * time, not the next opening.
 * @throws RangeError if `minutes` is negative or not finite.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite number >= 0, got ${minutes}`);
  }
  let remaining = minutes * MINUTE_MS;
  let cursor = nextWorkingLocalMs(toLocalMs(start, cal), cal);
  // Jump a whole working day at a time: a 30-day SLA costs about 40 iterations, not 12,600.
  for (;;) {
    const close = workingHours(dayNumber(cursor), cal).close;
    if (remaining <= close - cursor) return fromLocalMs(cursor + remaining, cal);
    remaining -= close - cursor;
    cursor = nextWorkingLocalMs(close, cal);
  }
}

/**
 * Working minutes between two moments, possibly fractional (seconds count). 0 when `to` is not after
 * `from`. The inverse of `addBusinessMinutes`.
 */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const fromMs = toLocalMs(from, cal);
  const toMs = toLocalMs(to, cal);
  let totalMs = 0;
  for (let day = dayNumber(fromMs); day <= dayNumber(toMs); day++) {
    if (!isWorkingDay(day, cal)) continue;
    const { open, close } = workingHours(day, cal);
    // Overlap of [open, close) with [from, to); never negative, which also covers to <= from.
    totalMs += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
  }
  return totalMs / MINUTE_MS;
}

/** True when `at` is on a working day, not a holiday, and within [dayStart, dayEnd) local time. */
export function isWorkingTime(at: Date, cal: BusinessCalendar): boolean {
  const localMs = toLocalMs(at, cal);
  const day = dayNumber(localMs);
  if (!isWorkingDay(day, cal)) return false;
  const { open, close } = workingHours(day, cal);
  return localMs >= open && localMs < close;
}

/**
 * The earliest working moment at or after `at`: `at` itself during working hours, otherwise the next
 * opening (skipping weekends and holidays).
 * @throws RangeError if the calendar has no working time within a year (see `validateCalendar`).
 */
export function nextWorkingStart(at: Date, cal: BusinessCalendar): Date {
  return fromLocalMs(nextWorkingLocalMs(toLocalMs(at, cal), cal), cal);
}

/** The local calendar date of `at`, `YYYY-MM-DD`. */
export function localDate(at: Date, cal: BusinessCalendar): string {
  return isoDate(toLocalMs(at, cal));
}

/** The start of the local day holding `at`, as a UTC instant (ISO): "today" for counts and detectors. */
export function startOfLocalDay(at: Date, cal: BusinessCalendar): string {
  return fromLocalMs(dayNumber(toLocalMs(at, cal)) * DAY_MS, cal).toISOString();
}

/** The calendar day `n` days after `day` (before it when `n` is negative); both `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  return isoDate(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The local day of week of `at`: 0 = Sunday … 6 = Saturday, like `workingDays`. */
export function localDayOfWeek(at: Date, cal: BusinessCalendar): number {
  return new Date(toLocalMs(at, cal)).getUTCDay();
}

/**
 * Everything wrong with a calendar, as readable messages; empty when it is usable. Config loading calls
 * this once so the time functions can trust their input.
 */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  const offset = cal.utcOffsetMinutes;
  if (!Number.isInteger(offset) || Math.abs(offset) > MAX_UTC_OFFSET_MINUTES) {
    problems.push(`utcOffsetMinutes must be an integer from -840 to 840, got ${offset}`);
  }
  const start = parseClock(cal.dayStart);
  const end = parseClock(cal.dayEnd);
  if (start === undefined) problems.push(`dayStart "${cal.dayStart}" is not a HH:MM time`);
  if (end === undefined) problems.push(`dayEnd "${cal.dayEnd}" is not a HH:MM time`);
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push(`dayEnd ${cal.dayEnd} must be after dayStart ${cal.dayStart}`);
  }
  if (cal.workingDays.length === 0) problems.push('workingDays is empty');
  for (const day of cal.workingDays) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      problems.push(`workingDays: ${day} is not a day from 0 (Sunday) to 6 (Saturday)`);
    }
  }
  for (const holiday of cal.holidays) {
    if (!isRealIsoDate(holiday)) problems.push(`holidays: "${holiday}" is not a YYYY-MM-DD date`);
  }
  return problems;
}

function toLocalMs(at: Date, cal: BusinessCalendar): number {
  return at.getTime() + cal.utcOffsetMinutes * MINUTE_MS;
}

function fromLocalMs(localMs: number, cal: BusinessCalendar): Date {
  return new Date(localMs - cal.utcOffsetMinutes * MINUTE_MS);
}

/** Days since 1970-01-01 local; day N starts at local ms N × DAY_MS. */
function dayNumber(localMs: number): number {
  return Math.floor(localMs / DAY_MS);
}

function isoDate(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

function isWorkingDay(day: number, cal: BusinessCalendar): boolean {
  const midnight = day * DAY_MS;
  const weekday = new Date(midnight).getUTCDay();
  return cal.workingDays.includes(weekday) && !cal.holidays.includes(isoDate(midnight));
}

/** Opening and closing of local day `day`, in local ms. */
function workingHours(day: number, cal: BusinessCalendar): { open: number; close: number } {
  return { open: day * DAY_MS + clockMs(cal.dayStart), close: day * DAY_MS + clockMs(cal.dayEnd) };
}

/** The earliest working local ms at or after `localMs`. */
function nextWorkingLocalMs(localMs: number, cal: BusinessCalendar): number {
  const today = dayNumber(localMs);
  for (let day = today; day <= today + MAX_DAYS_WITHOUT_WORK; day++) {
    if (!isWorkingDay(day, cal)) continue;
    const { open, close } = workingHours(day, cal);
    if (localMs < close) return Math.max(localMs, open);
  }
  throw new RangeError(`Business calendar has no working time within ${MAX_DAYS_WITHOUT_WORK} days`);
}

function clockMs(hhmm: string): number {
  const minutes = parseClock(hhmm);
  if (minutes === undefined) throw new RangeError(`Business calendar time "${hhmm}" is not HH:MM`);
  return minutes * MINUTE_MS;
}

/** Minutes after midnight for `HH:MM`, or undefined when malformed. */
function parseClock(hhmm: string): number | undefined {
  const match = CLOCK.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** `YYYY-MM-DD` that names a real day (so `2026-02-30` is refused, not rolled over to March). */
export function isRealIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && isoDate(time) === text;
}
