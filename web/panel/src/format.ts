import {
  type BusinessCalendar,
  businessMinutesBetween,
} from '../../../functions/core/sla/business-calendar.ts';
import type { Lang } from './i18n.tsx';

/** Western digits in both languages, so times line up with references and phone numbers. */
const locale = (lang: Lang) => (lang === 'ar' ? 'ar-OM-u-nu-latn' : 'en-GB');

/** A moment as Muscat's wall clock reads it. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Muscat',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export type SlaClock = {
  state: 'on_time' | 'at_risk' | 'breached';
  /** Business minutes left (positive) or overdue (negative). */
  minutes: number;
};

/**
 * How much working time is left before a deadline, counted the way the SLA was set: only working
 * hours on working days in Muscat (functions/core/sla/business-calendar.ts, the same code as the API).
 */
export function slaClock(
  dueAt: string,
  now: Date,
  calendar: BusinessCalendar,
  atRiskMinutes: number,
): SlaClock {
  const due = new Date(dueAt);
  if (due.getTime() <= now.getTime()) {
    return { state: 'breached', minutes: -businessMinutesBetween(due, now, calendar) };
  }
  const minutes = businessMinutesBetween(now, due, calendar);
  return { state: minutes < atRiskMinutes ? 'at_risk' : 'on_time', minutes };
}

/** "2 d 3 h 05 min" of working time (a working day is the calendar's opening hours). */
export function formatDuration(totalMinutes: number, calendar: BusinessCalendar, lang: Lang): string {
  const dayLength = minutesOf(calendar.dayEnd) - minutesOf(calendar.dayStart);
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
