import type { Staff } from '../../../functions/core/auth/roles.ts';
import { type Case, isOpen } from '../../../functions/core/case/case.ts';
import type { Catalogue } from '../../../functions/core/catalogue/types.ts';
import {
  type AgentAction,
  decideAction,
  type SingleCaseAction,
  worksTier,
} from '../../../functions/core/lifecycle/agent-actions.ts';
import type { BusinessCalendar } from '../../../functions/core/sla/business-calendar.ts';
import type { StaffCase } from './api.ts';

export type PanelAction = AgentAction['kind'];

/** A stand-in for each single-case action, enough for decideAction to say yes or no. */
const PROBES: Record<SingleCaseAction['kind'], (c: StaffCase) => SingleCaseAction> = {
  claim: () => ({ kind: 'claim' }),
  note: () => ({ kind: 'note', text: '…' }),
  reply: () => ({ kind: 'reply', text: '…' }),
  escalate: () => ({ kind: 'escalate', reason: '…' }),
  deescalate: () => ({ kind: 'deescalate', reason: '…' }),
  resolve: () => ({ kind: 'resolve', answer: '…' }),
  reopen: () => ({ kind: 'reopen', reason: '…' }),
  recategorize: (c) => ({ kind: 'recategorize', categoryCode: c.categoryCode, reason: '…' }),
};

/**
 * The actions this user may take on this case now, decided by the same rules the API applies
 * (functions/core/lifecycle/agent-actions.ts): the panel offers nothing the API would refuse for role,
 * tier, department or state. The API still checks every request.
 */
export function allowedActions(
  c: StaffCase,
  ctx: { staff: Staff; now: Date; calendar: BusinessCalendar; catalogue: Catalogue },
): PanelAction[] {
  const allowed: PanelAction[] = [];
  for (const [kind, probe] of Object.entries(PROBES) as [
    SingleCaseAction['kind'],
    (c: StaffCase) => SingleCaseAction,
  ][]) {
    try {
      decideAction(c as Case, probe(c), ctx);
      allowed.push(kind);
    } catch {
      // Refused: not offered.
    }
  }
  // Merging closes this case into another: the API's rule (decideMerge) is an open case in the caller's
  // tier; the case it goes into is chosen, and checked, on the merge screen.
  if (isOpen(c as Case) && worksTier(ctx.staff, c as Case)) allowed.push('merge');
  return allowed;
}
