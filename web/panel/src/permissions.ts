import type { Staff } from '../../../functions/core/auth/roles.ts';
import type { Case } from '../../../functions/core/case/case.ts';
import type { Catalogue } from '../../../functions/core/catalogue/types.ts';
import { type AgentAction, decideAction } from '../../../functions/core/lifecycle/agent-actions.ts';
import type { BusinessCalendar } from '../../../functions/core/sla/business-calendar.ts';
import type { StaffCase } from './api.ts';

export type PanelAction = AgentAction['kind'] | 'merge';

/** A stand-in for each action, enough for decideAction to say yes or no. */
const PROBES: Record<AgentAction['kind'], (c: StaffCase) => AgentAction> = {
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
    AgentAction['kind'],
    (c: StaffCase) => AgentAction,
  ][]) {
    try {
      decideAction(c as Case, probe(c), ctx);
      allowed.push(kind);
    } catch {
      // Refused: not offered.
    }
  }
  // Merging closes a duplicate: whoever may work the open case (claim it) may merge it.
  if (allowed.includes('claim')) allowed.push('merge');
  return allowed;
}
