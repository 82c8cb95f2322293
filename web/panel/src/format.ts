import {
  type BusinessCalendar,
  businessMinutesBetween,
} from '../../../functions/core/sla/business-calendar.ts';
import type { Lang } from './i18n.tsx';

/** Western digits in both languages, so times line up with references and phone numbers. */
const locale = (lang: Lang) => (lang === 'ar' ? 'ar-OM-u-nu-latn' : 'en-GB');

/** What the panel shows for a moment or a duration it cannot read: a dash, never an exception. */
export const UNKNOWN = '—';

/** The instant an ISO string names, or undefined for anything else (missing, malformed, not a string). */
export function parseInstant(iso: unknown): Date | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** A moment as Muscat's wall clock reads it; a dash when there is no valid moment (data is never trusted). */
export function formatTime(iso: unknown, lang: Lang): string {
  const at = parseInstant(iso);
  if (!at) return UNKNOWN;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Muscat',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}

export type SlaClock = {
  state: 'on_time' | 'at_risk' | 'breached';
  /** Business minutes left (positive) or overdue (negative). */
  minutes: number;
};

/**
 * How much working time is left before a deadline, counted the way the SLA was set: only working
 * hours on working days in Muscat (functions/core/sla/business-calendar.ts, the same code as the API).
 * Undefined when the deadline is not a valid moment.
 */
export function slaClock(
  dueAt: unknown,
  now: Date,
  calendar: BusinessCalendar,
  atRiskMinutes: number,
): SlaClock | undefined {
  const due = parseInstant(dueAt);
  if (!due || Number.isNaN(now.getTime())) return undefined;
  if (due.getTime() <= now.getTime()) {
    return { state: 'breached', minutes: -businessMinutesBetween(due, now, calendar) };
  }
  const minutes = businessMinutesBetween(now, due, calendar);
  return { state: minutes < atRiskMinutes ? 'at_risk' : 'on_time', minutes };
}

/** "2 d 3 h 05 min" of working time (a working day is the calendar's opening hours). */
export function formatDuration(totalMinutes: number, calendar: BusinessCalendar, lang: Lang): string {
  if (!Number.isFinite(totalMinutes)) return UNKNOWN;
  const dayLength = minutesOf(calendar.dayEnd) - minutesOf(calendar.dayStart);
  if (!(dayLength > 0)) return UNKNOWN;
  let rest = Math.abs(Math.round(totalMinutes));
  const days = Math.floor(rest / dayLength);
  rest -= days * dayLength;
  const hours = Math.floor(rest / 60);
  const minutes = rest % 60;
  const unit = lang === 'ar' ? { d: 'ي', h: 'س', m: 'د' } : { d: 'd', h: 'h', m: 'min' };
  const parts = [
    ...(days ? [`${days} ${unit.d}`] : []),
    ...(days || hours ? [`${hours} ${unit.h}`] : []),
    `${String(minutes).padStart(days || hours ? 2 : 1, '0')} ${unit.m}`,
  ];
  return parts.join(' ');
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
