import { canSeeCase } from '../auth/policy.ts';
import type { Staff } from '../auth/roles.ts';
import type { Case, CaseEvent } from '../case/case.ts';
import { isOpen } from '../case/case.ts';
import { retryOnConflict } from '../conflicts.ts';
import { ConflictError, ForbiddenError, invalidField, NotFoundError } from '../errors.ts';
import type { NotifyRequest } from '../notify/notify-citizen.ts';
import { type ActionContext, type WorkflowSignal, worksTier } from './agent-actions.ts';
import { type ResumeDeps, resumeWorkflow } from './lifecycle.ts';

export type MergeRequest = { into: string; reason: string };

type Write = { changes: Partial<Case>; events: CaseEvent[] };

export type MergeDecision = { duplicate: Write; primary: Write; signal: WorkflowSignal };

const refuse = (ar: string, en: string) => new ConflictError({ ar, en });
const badInto = (ar: string, en: string) => invalidField('into', { ar, en });

/**
 * Merging closes a duplicate into the case that will carry the work (the primary). The duplicate's citizen
 * then follows the primary: told of the merge now, sent the primary's answer when it is resolved. Only an
 * agent who works the duplicate's tier may merge it, into a case they can see that is still being worked.
 */
export function decideMerge(
  duplicate: Case,
  primary: Case | undefined,
  request: MergeRequest,
  ctx: ActionContext,
): MergeDecision {
  if (request.into === duplicate.reference)
    throw badInto('لا يمكن ضم البلاغ إلى نفسه.', 'A case cannot be merged into itself.');
  // A case of another department answers like a missing one, as everywhere else.
  if (!primary || !canSeeCase(ctx.staff, primary))
    throw badInto('البلاغ المراد الضم إليه غير موجود.', `Case ${request.into} was not found.`);
  if (!worksTier(ctx.staff, duplicate))
    throw new ForbiddenError({ ar: 'البلاغ ليس في طابورك.', en: 'This case is not in your queue.' });
  if (!isOpen(duplicate)) throw refuse('يمكن ضم البلاغات المفتوحة فقط.', 'Only open cases can be merged.');
  if (primary.mergedInto)
    throw refuse(
      `البلاغ ${primary.reference} ضُمّ إلى ${primary.mergedInto}؛ اضمم إليه.`,
      `Case ${primary.reference} was merged into ${primary.mergedInto}; merge into that one.`,
    );
  if (!isOpen(primary))
    throw refuse(
      'البلاغ المراد الضم إليه لم يعد مفتوحاً؛ عالج هذا البلاغ بالرد نفسه.',
      `Case ${primary.reference} is no longer open; resolve this one with the same answer instead.`,
    );

  const at = ctx.now.toISOString();
  const actor = ctx.staff.username;
  return {
    duplicate: {
      changes: { status: 'closed', closedAt: at, updatedAt: at, mergedInto: primary.reference },
      events: [
        {
          reference: duplicate.reference,
          id: `merge-${duplicate.version}`,
          at,
          kind: 'merge',
          actor,
          text: request.reason,
          data: { into: primary.reference },
        },
        {
          reference: duplicate.reference,
          id: `merge-status-${duplicate.version}`,
          at,
          kind: 'status',
          actor,
          data: { from: duplicate.status, to: 'closed' },
        },
      ],
    },
    primary: {
      changes: { followers: [...(primary.followers ?? []), duplicate.reference], updatedAt: at },
      // Named after the duplicate: a retried merge rewrites the same entry.
      events: [
        {
          reference: primary.reference,
          id: `merged-from-${duplicate.reference}`,
          at,
          kind: 'merge',
          actor,
          text: request.reason,
          data: { from: duplicate.reference },
        },
      ],
    },
    signal: { action: 'merged', into: primary.reference },
  };
}

/**
 * Stores a merge without a transaction (docs/decisions/0015): the primary learns of its follower first and
 * the duplicate's write is the commit point. If that write loses a race, the retry decides again on fresh
 * reads; a follower whose own write never happened is skipped when the answer goes out, because only
 * cases whose `mergedInto` names the primary are answered (notify-citizen.ts).
 */
export function mergeCases(
  reference: string,
  request: MergeRequest,
  staff: Staff,
  deps: ResumeDeps & { notify: (req: NotifyRequest) => Promise<unknown> },
): Promise<Case> {
  return retryOnConflict(async () => {
    const duplicate = await deps.cases.get(reference);
    if (!duplicate || !canSeeCase(staff, duplicate))
      throw new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Case not found.' });
    // Already merged there (an agent retrying after the notice failed): send the notice again, same id.
    if (duplicate.mergedInto === request.into) {
      await notifyMerged(duplicate.reference, deps);
      return duplicate;
    }
    const primary = await deps.cases.get(request.into);
    const now = deps.clock.now();
    const decision = decideMerge(duplicate, primary, request, {
      staff,
      now,
      calendar: deps.calendar,
      catalogue: deps.catalogue,
    });
    if (primary && !primary.followers?.includes(duplicate.reference)) {
      await deps.cases.update(
        primary.reference,
        primary.version,
        decision.primary.changes,
        decision.primary.events,
      );
    }
    const resumes = duplicate.workflow?.waitingFor === 'agent';
    const merged = await deps.cases.update(
      duplicate.reference,
      duplicate.version,
      { ...decision.duplicate.changes, ...(resumes ? { workflow: undefined } : {}) },
      decision.duplicate.events,
    );
    // A lifecycle between two waits finds the case closed in AwaitAgent and ends there (lifecycle.ts).
    if (resumes) await resumeWorkflow(duplicate, decision.signal, deps, now);
    await notifyMerged(duplicate.reference, deps);
    return merged;
  });
}

const notifyMerged = (reference: string, deps: { notify: (req: NotifyRequest) => Promise<unknown> }) =>
  deps.notify({ reference, template: 'merged', messageId: `merged-${reference}` });
