import type { Case, CaseEvent, Tier } from '../case/case.ts';
import type { Category } from '../catalogue/types.ts';
import { addBusinessMinutes, type BusinessCalendar } from '../sla/business-calendar.ts';

/**
 * Support tiers: 1 = contact-center agents, 2 = senior agents, 3 = the department's own queue.
 * Each tier gets its category's SLA for that tier, counted in business time from when the work reaches it.
 */
export const TIER_NAMES = {
  1: { ar: 'الخط الأول', en: 'Tier 1' },
  2: { ar: 'الخط الثاني', en: 'Tier 2' },
  3: { ar: 'الإدارة المختصة', en: 'Department' },
} as const;

/** The work queue of a tier: tiers 1 and 2 are shared, tier 3 belongs to the department (`t3#<code>`). */
export const queueOf = (c: { tier: Tier; departmentCode: string }) =>
  c.tier === 3 ? `t3#${c.departmentCode}` : `t${c.tier}`;

export function slaMinutesFor(category: Pick<Category, 'slaMinutes'>, tier: Tier): number {
  return tier === 1
    ? category.slaMinutes.tier1
    : tier === 2
      ? category.slaMinutes.tier2
      : category.slaMinutes.tier3;
}

export function dueAtFor(
  category: Pick<Category, 'slaMinutes'>,
  tier: Tier,
  from: Date,
  calendar: BusinessCalendar,
): string {
  return addBusinessMinutes(from, slaMinutesFor(category, tier), calendar).toISOString();
}

export type TierMove = { changes: Partial<Case>; events: CaseEvent[] };

/**
 * Moves a case to another tier: a new SLA clock for that tier, no assignee (the new tier's queue picks
 * it up), and a timeline entry with the reason. Used by agents (reason required), by SLA breaches and by
 * transfers made in Amazon Connect.
 */
export function moveTier(
  c: Case,
  to: Tier,
  args: {
    reason: string;
    actor: string;
    now: Date;
    calendar: BusinessCalendar;
    category: Category;
    /** `connect_transfer`: an agent transferred the case's task to another tier's queue in Connect. */
    cause: 'agent' | 'sla_breach' | 'connect_transfer';
  },
): TierMove {
  const at = args.now.toISOString();
  return {
    changes: {
      tier: to,
      // Still waiting for the citizen's answer: the new tier sees that, not a fresh assignment.
      status: c.status === 'waiting_citizen' ? 'waiting_citizen' : 'assigned',
      dueAt: dueAtFor(args.category, to, args.now, args.calendar),
      updatedAt: at,
      assignee: undefined,
    },
    events: [
      {
        reference: c.reference,
        id: `tier-${c.version}-${to}`,
        at,
        kind: 'tier',
        actor: args.actor,
        text: args.reason,
        data: { from: c.tier, to, cause: args.cause },
      },
    ],
  };
}

/** Where an SLA breach sends the work: up one tier; at tier 3 it stays, with the supervisor alerted. */
export const tierAfterBreach = (tier: Tier): Tier => (tier === 1 ? 2 : 3);
