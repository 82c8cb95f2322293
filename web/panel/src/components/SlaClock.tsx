import { useEffect, useState } from 'react';
import type { BusinessCalendar } from '../../../../functions/core/sla/business-calendar.ts';
import { formatDuration, formatTime, slaClock } from '../format.ts';
import { useLang, When } from '../i18n.tsx';

/** Counts down the tier's SLA in working time, once a minute. */
export function SlaClock(props: {
  dueAt: string;
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
  if (!props.open) return <span className="sla sla-none">—</span>;
  const clock = slaClock(props.dueAt, at, props.calendar, props.atRiskMinutes);
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
