import type { Channel, Tier } from '../case/case.ts';
import type { QueueEntry } from '../ports.ts';
import { addBusinessMinutes, type BusinessCalendar, localDate } from '../sla/business-calendar.ts';

/** A case is "at risk" when less than this much business time is left on its tier's SLA. */
export const AT_RISK_BUSINESS_MINUTES = 120;

/**
 * The two instants that split a queue sorted by deadline: before `now` is breached, before `atRiskUntil`
 * is at risk. Both are wall-clock instants, so a queue index sorted by `dueAt` answers each with one
 * key-range query; business time is applied here, once, not per case.
 */
export function slaWindow(now: Date, calendar: BusinessCalendar, atRiskMinutes = AT_RISK_BUSINESS_MINUTES) {
  return {
    breachedBefore: now.toISOString(),
    atRiskUntil: addBusinessMinutes(now, atRiskMinutes, calendar).toISOString(),
  };
}

/** The start of the current local (Asia/Muscat) day as a UTC instant: "today" for the volume counts. */
export function startOfLocalDay(now: Date, calendar: BusinessCalendar): string {
  const day = localDate(now, calendar);
  return new Date(Date.parse(`${day}T00:00:00Z`) - calendar.utcOffsetMinutes * 60_000).toISOString();
}

export type SlaState = 'breached' | 'at_risk' | 'on_time';

export function slaStateOf(dueAt: string, window: ReturnType<typeof slaWindow>): SlaState {
  if (dueAt < window.breachedBefore) return 'breached';
  return dueAt < window.atRiskUntil ? 'at_risk' : 'on_time';
}

type Count = Record<string, number>;
const bump = (counts: Count, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export type Workload = {
  at: string;
  open: {
    total: number;
    byTier: Record<`${Tier}`, number>;
    /** Department → tier → open cases. */
    byDepartment: Record<string, Record<`${Tier}`, number>>;
    breached: number;
    atRisk: number;
  };
  today: { since: string; total: number; byChannel: Partial<Record<Channel, number>>; byCategory: Count };
};

/**
 * The supervisor's numbers from two bounded reads: every open case (the sparse queue index holds only
 * those) and the cases created since local midnight (the department index, by creation time).
 */
export function summarizeWorkload(
  open: readonly QueueEntry[],
  createdToday: readonly QueueEntry[],
  now: Date,
  calendar: BusinessCalendar,
): Workload {
  const window = slaWindow(now, calendar);
  const byTier: Record<`${Tier}`, number> = { 1: 0, 2: 0, 3: 0 };
  const byDepartment: Workload['open']['byDepartment'] = {};
  let breached = 0;
  let atRisk = 0;
  for (const c of open) {
    byTier[`${c.tier}`] += 1;
    const department = byDepartment[c.departmentCode] ?? { 1: 0, 2: 0, 3: 0 };
    department[`${c.tier}`] += 1;
    byDepartment[c.departmentCode] = department;
    const state = slaStateOf(c.dueAt, window);
    if (state === 'breached') breached += 1;
    if (state === 'at_risk') atRisk += 1;
  }
  const byChannel: Count = {};
  const byCategory: Count = {};
  for (const c of createdToday) {
    bump(byChannel, c.originChannel);
    bump(byCategory, c.categoryCode);
  }
  return {
    at: now.toISOString(),
    open: { total: open.length, byTier, byDepartment, breached, atRisk },
    today: { since: startOfLocalDay(now, calendar), total: createdToday.length, byChannel, byCategory },
  };
}
