import type { Staff } from '../auth/roles.ts';
import type { Case, CaseEvent, Tier } from '../case/case.ts';
import { canTransition } from '../case/case.ts';
import { routeCase } from '../catalogue/route.ts';
import type { Catalogue } from '../catalogue/types.ts';
import { ConflictError, ForbiddenError, invalidField } from '../errors.ts';
import type { BusinessCalendar } from '../sla/business-calendar.ts';
import { dueAtFor, moveTier } from './tiers.ts';

/** What an agent can do to a case from the panel or the API (one API route each). */
export const AGENT_ACTION_KINDS = [
  'claim',
  'note',
  'reply',
  'escalate',
  'deescalate',
  'resolve',
  'reopen',
  'recategorize',
  'merge',
] as const;

export type AgentAction =
  | { kind: 'claim' }
  | { kind: 'note'; text: string }
  /** A message to the citizen on their preferred channel; `awaitAnswer` parks the case until they reply. */
  | { kind: 'reply'; text: string; awaitAnswer?: boolean }
  | { kind: 'escalate'; reason: string }
  | { kind: 'deescalate'; reason: string }
  | { kind: 'resolve'; answer: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'recategorize'; categoryCode: string; reason: string }
  /** Closes this case as a duplicate of `into`; decided with both cases in merge.ts. */
  | { kind: 'merge'; into: string; reason: string };

/** The actions that change one case only, decided here. */
export type SingleCaseAction = Exclude<AgentAction, { kind: 'merge' }>;

/** What the waiting lifecycle workflow is told when an agent acts (sent with SendTaskSuccess). */
export type WorkflowSignal =
  | { action: 'move'; tier: Tier }
  | { action: 'resolve'; answer: string; at: string }
  | { action: 'reopen'; tier: Tier }
  /** The case was closed as a duplicate: its lifecycle ends; the primary's carries on. */
  | { action: 'merged'; into: string };

export type ActionResult = {
  changes: Partial<Case>;
  events: CaseEvent[];
  signal?: WorkflowSignal;
  /** A message for the citizen, sent (and put on the timeline) by notifyCitizen once the change is stored. */
  message?: { text: string };
};

export type ActionContext = { staff: Staff; now: Date; calendar: BusinessCalendar; catalogue: Catalogue };

const refuse = (ar: string, en: string) => new ConflictError({ ar, en });
const invalid = (ar: string, en: string) => invalidField('body', { ar, en });

/** The tiers a role works in; department staff work tier 3 of their departments. */
export function worksTier(staff: Staff, c: Case): boolean {
  if (staff.roles.includes('supervisor') || staff.roles.includes('admin')) return true;
  if (c.tier === 1) return staff.roles.includes('agent_t1') || staff.roles.includes('agent_t2');
  if (c.tier === 2) return staff.roles.includes('agent_t2');
  return staff.roles.includes('dept_staff') && staff.departments.includes(c.departmentCode);
}

function category(catalogue: Catalogue, code: string) {
  const found = catalogue.categories.find((c) => c.code === code);
  if (!found) throw invalid('الفئة غير معروفة.', `Unknown category "${code}".`);
  return found;
}

/**
 * Decides an agent's action on a case: who may do it, whether the case's state allows it, and what
 * changes. Nothing is stored here; the caller writes the changes with the case's version.
 */
export function decideAction(c: Case, action: SingleCaseAction, ctx: ActionContext): ActionResult {
  const at = ctx.now.toISOString();
  const actor = ctx.staff.username;
  const event = (
    kind: CaseEvent['kind'],
    id: string,
    text?: string,
    data?: Record<string, unknown>,
  ): CaseEvent => ({
    reference: c.reference,
    id: `${id}-${c.version}`,
    at,
    kind,
    actor,
    ...(text ? { text } : {}),
    ...(data ? { data } : {}),
  });
  if (action.kind === 'note')
    return { changes: { updatedAt: at }, events: [event('note', 'note', action.text)] };
  if (c.status === 'closed') throw refuse('البلاغ مغلق.', 'The case is closed.');

  const mayWork = worksTier(ctx.staff, c);
  switch (action.kind) {
    case 'claim':
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      if (c.status === 'resolved') throw refuse('البلاغ تمت معالجته.', 'The case is already resolved.');
      return {
        changes: { assignee: actor, status: 'in_progress', updatedAt: at },
        events: [event('assignment', 'claim', undefined, { assignee: actor })],
      };
    case 'reply': {
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      const working = c.status === 'new' || c.status === 'assigned' || c.status === 'waiting_citizen';
      const status = action.awaitAnswer ? 'waiting_citizen' : working ? 'in_progress' : c.status;
      return {
        changes: { status, updatedAt: at, ...(c.assignee ? {} : { assignee: actor }) },
        events:
          status === c.status ? [] : [event('status', 'reply', undefined, { from: c.status, to: status })],
        message: { text: action.text },
      };
    }
    case 'escalate':
    case 'deescalate': {
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      if (c.status === 'resolved') throw refuse('البلاغ تمت معالجته.', 'The case is already resolved.');
      const to = (c.tier + (action.kind === 'escalate' ? 1 : -1)) as Tier;
      if (to < 1 || to > 3)
        throw refuse('لا يوجد مستوى آخر في هذا الاتجاه.', 'There is no tier further in that direction.');
      const move = moveTier(c, to, {
        reason: action.reason,
        actor,
        now: ctx.now,
        calendar: ctx.calendar,
        category: category(ctx.catalogue, c.categoryCode),
        cause: 'agent',
      });
      return { ...move, signal: { action: 'move', tier: to } };
    }
    case 'resolve':
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      if (!canTransition(c.status, 'resolved'))
        throw refuse('لا يمكن إنهاء البلاغ في حالته الحالية.', `A ${c.status} case cannot be resolved.`);
      return {
        changes: {
          status: 'resolved',
          resolvedAt: at,
          updatedAt: at,
          resolution: { answer: action.answer, at, by: actor },
        },
        events: [event('status', 'resolve', action.answer, { from: c.status, to: 'resolved' })],
        signal: { action: 'resolve', answer: action.answer, at },
      };
    case 'reopen':
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      if (c.status !== 'resolved')
        throw refuse('يمكن إعادة فتح البلاغات المعالجة فقط.', 'Only resolved cases can be reopened.');
      return {
        // The tier's SLA starts again from the reopening: the old deadline has long passed.
        changes: {
          status: 'in_progress',
          updatedAt: at,
          dueAt: dueAtFor(category(ctx.catalogue, c.categoryCode), c.tier, ctx.now, ctx.calendar),
        },
        events: [event('status', 'reopen', action.reason, { from: 'resolved', to: 'in_progress' })],
        signal: { action: 'reopen', tier: c.tier },
      };
    case 'recategorize': {
      if (!mayWork)
        throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
      const next = category(ctx.catalogue, action.categoryCode);
      const departmentCode = routeCase(
        {
          categoryCode: action.categoryCode,
          ...(c.location?.wilayatCode ? { wilayatCode: c.location.wilayatCode } : {}),
        },
        ctx.catalogue,
      );
      const moved = departmentCode !== c.departmentCode;
      return {
        changes: {
          categoryCode: action.categoryCode,
          departmentCode,
          // Urgency came from the citizen's words and survives; otherwise the new category sets priority and SLA.
          priority: c.priority === 'urgent' ? 'urgent' : next.priority,
          dueAt: dueAtFor(next, c.tier, ctx.now, ctx.calendar),
          updatedAt: at,
        },
        events: [
          event('category', 'recategorize', action.reason, {
            from: { categoryCode: c.categoryCode, departmentCode: c.departmentCode },
            to: { categoryCode: action.categoryCode, departmentCode },
          }),
        ],
        // At tier 3 the work belongs to the department's queue: a new department means a new queue.
        ...(moved && c.tier === 3 ? { signal: { action: 'move', tier: 3 } as const } : {}),
      };
    }
  }
}
