import { useEffect, useState } from 'react';
import type { BusinessCalendar } from '../../../../functions/core/sla/business-calendar.ts';
import { formatDuration, formatTime, slaClock, UNKNOWN } from '../format.ts';
import { useLang, When } from '../i18n.tsx';

/** Counts down the tier's SLA in working time, once a minute. */
export function SlaClock(props: {
  dueAt: unknown;
  calendar: BusinessCalendar;
  atRiskMinutes: number;
  open: boolean;
  now?: () => Date;
}) {
  const lang = useLang();
  const now = props.now ?? (() => new Date());
  const [at, setAt] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setAt(now()), 30_000);
    return () => clearInterval(timer);
  });
  const clock = props.open ? slaClock(props.dueAt, at, props.calendar, props.atRiskMinutes) : undefined;
  if (!clock) return <span className="sla sla-none">{UNKNOWN}</span>;
  const duration = formatDuration(clock.minutes, props.calendar, lang);
  const text =
    clock.state === 'breached'
      ? lang === 'ar'
        ? `متأخر ${duration}`
        : `${duration} overdue`
      : lang === 'ar'
        ? `متبقٍ ${duration}`
        : `${duration} left`;
  return (
    <span className={`sla sla-${clock.state}`} title={formatTime(props.dueAt, lang)} data-sla={clock.state}>
      <When>{text}</When>
    </span>
  );
}
