import { canSeeCase } from '../auth/policy.ts';
import type { Staff } from '../auth/roles.ts';
import type { Case, CaseEvent } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import { retryOnConflict } from '../conflicts.ts';
import { type Bilingual, NotFoundError } from '../errors.ts';
import type { NotifyRequest } from '../notify/notify-citizen.ts';
import type { CaseStore, Clock, ConnectTaskStore, ContactCenter, Timers, WorkflowSignals } from '../ports.ts';
import type { BusinessCalendar } from '../sla/business-calendar.ts';
import { decideAction, type SingleCaseAction, type WorkflowSignal } from './agent-actions.ts';
import { dueAtFor, moveTier, TIER_NAMES, tierAfterBreach } from './tiers.ts';

/** Raises an SLA breach with the supervisors (an SNS topic in AWS). */
export interface SupervisorAlerts {
  slaBreached(alert: {
    reference: string;
    fromTier: number;
    toTier: number;
    dueAt: string;
    departmentCode: string;
  }): Promise<void>;
}

export type LifecycleDeps = {
  cases: CaseStore;
  contactCenter: ContactCenter;
  /** Which case each opened Connect task belongs to, for contact events (contact-events.ts). */
  connectTasks: ConnectTaskStore;
  timers: Timers;
  signals: WorkflowSignals;
  alerts: SupervisorAlerts;
  clock: Clock;
  calendar: BusinessCalendar;
  catalogue: Catalogue;
  reopenWindowDays: number;
};

const MINUTE = 60_000;

async function load(cases: CaseStore, reference: string): Promise<Case> {
  const found = await cases.get(reference);
  if (!found) throw new NotFoundError({ ar: 'البلاغ غير موجود.', en: `Case ${reference} not found.` });
  return found;
}

function categoryOf(c: Case, catalogue: Catalogue) {
  const category = catalogue.categories.find((x) => x.code === c.categoryCode);
  if (!category) throw new Error(`Unknown category ${c.categoryCode}`);
  return category;
}

/** Timers fire in the future only: a deadline already past fires a minute from now. */
const notBefore = (at: Date, now: Date) => new Date(Math.max(at.getTime(), now.getTime() + MINUTE));

/**
 * AwaitTier: the workflow waits for the tier's agents. Stores the task token with the case, puts a Connect
 * task in the tier's queue (remembering which case the task is for), and arms the SLA timer at the case's
 * due time. A case resolved while the previous wait was being torn down (an agent and the SLA timer
 * racing) is handed straight on.
 */
export async function awaitAgent(
  input: { reference: string; taskToken: string },
  deps: Pick<
    LifecycleDeps,
    'cases' | 'contactCenter' | 'connectTasks' | 'timers' | 'signals' | 'clock' | 'catalogue'
  >,
) {
  const c = await load(deps.cases, input.reference);
  const now = deps.clock.now();
  if (c.status === 'resolved' && c.resolution) {
    await deps.signals.resume(input.taskToken, {
      action: 'resolve',
      answer: c.resolution.answer,
      at: c.resolution.at,
    });
    return;
  }
  // Merged into another case while the lifecycle was between waits: this lifecycle ends.
  if (c.status === 'closed' && c.mergedInto) {
    await deps.signals.resume(input.taskToken, { action: 'merged', into: c.mergedInto });
    return;
  }
  // Named by the deadline, not the version: a retried step reuses the same task and timer. A task closed
  // in Connect with no decision in Nidaa is opened again at the same deadline, under new names.
  const deadline = Math.floor(Date.parse(c.dueAt) / 1000);
  const waitId = `${c.reference}-t${c.tier}-${deadline}${c.taskReopens ? `-r${c.taskReopens}` : ''}`;
  const timer = `sla-${waitId}`;
  await deps.cases.update(
    c.reference,
    c.version,
    {
      status: c.status === 'new' ? 'assigned' : c.status,
      workflow: { taskToken: input.taskToken, waitingFor: 'agent', since: now.toISOString(), timer },
    },
    [],
  );
  const category = categoryOf(c, deps.catalogue);
  const contactId = await deps.contactCenter.openTask({
    reference: c.reference,
    tier: c.tier,
    departmentCode: c.departmentCode,
    name: `${c.reference} · ${category.name.ar} / ${category.name.en}`,
    description: c.description.slice(0, 1000),
    clientToken: waitId,
  });
  // Contact events name only the contact: remember its case. openedAt = workflow.since marks it current.
  if (contactId) {
    await deps.connectTasks.remember({
      contactId,
      reference: c.reference,
      tier: c.tier,
      openedAt: now.toISOString(),
    });
  }
  await deps.timers.schedule(timer, notBefore(new Date(c.dueAt), now), input.taskToken, {
    kind: 'fail',
    error: 'SlaBreached',
    cause: `${TIER_NAMES[c.tier].en} SLA for ${c.reference} passed at ${c.dueAt}`,
  });
}

/**
 * EscalateOnBreach: the SLA timer fired. Tier 1 → 2 → the department; at tier 3 the case stays with a new
 * deadline. Supervisors are alerted every time. A case an agent moved meanwhile has a fresh deadline and
 * is left alone.
 */
export async function handleSlaBreach(
  input: { reference: string },
  deps: Pick<LifecycleDeps, 'cases' | 'alerts' | 'clock' | 'calendar' | 'catalogue'>,
) {
  const c = await load(deps.cases, input.reference);
  const now = deps.clock.now();
  if (new Date(c.dueAt) > now || c.status === 'resolved' || c.status === 'closed')
    return { escalated: false, tier: c.tier };
  const to = tierAfterBreach(c.tier);
  const reason: Bilingual = {
    ar: `تجاوز مهلة ${TIER_NAMES[c.tier].ar}، نُقل تلقائياً إلى ${TIER_NAMES[to].ar}.`,
    en: `${TIER_NAMES[c.tier].en} SLA passed; moved automatically to ${TIER_NAMES[to].en}.`,
  };
  const move = moveTier(c, to, {
    reason: `${reason.ar} / ${reason.en}`,
    actor: 'system',
    now,
    calendar: deps.calendar,
    category: categoryOf(c, deps.catalogue),
    cause: 'sla_breach',
  });
  // Alert first: a retry after a failed alert must still alert (a rare duplicate beats a lost alert).
  await deps.alerts.slaBreached({
    reference: c.reference,
    fromTier: c.tier,
    toTier: to,
    dueAt: c.dueAt,
    departmentCode: c.departmentCode,
  });
  await deps.cases.update(c.reference, c.version, { ...move.changes, workflow: undefined }, move.events);
  return { escalated: true, tier: to };
}

/** AwaitReopen: a resolved case can be reopened by the citizen or an agent for `reopenWindowDays`, then closes. */
export async function awaitReopenWindow(
  input: { reference: string; taskToken: string },
  deps: Pick<LifecycleDeps, 'cases' | 'timers' | 'signals' | 'clock' | 'reopenWindowDays'>,
) {
  const c = await load(deps.cases, input.reference);
  const now = deps.clock.now();
  if (c.status !== 'resolved') {
    // Reopened while the answer was being sent: straight back to the tier's queue.
    await deps.signals.resume(input.taskToken, { action: 'reopen', tier: c.tier });
    return;
  }
  const timer = `close-${c.reference}-${Math.floor(Date.parse(c.resolvedAt ?? now.toISOString()) / 1000)}`;
  await deps.cases.update(
    c.reference,
    c.version,
    {
      workflow: { taskToken: input.taskToken, waitingFor: 'reopen_window', since: now.toISOString(), timer },
    },
    [],
  );
  const closesAt = new Date(
    new Date(c.resolvedAt ?? now).getTime() + deps.reopenWindowDays * 24 * 60 * MINUTE,
  );
  await deps.timers.schedule(timer, notBefore(closesAt, now), input.taskToken, {
    kind: 'succeed',
    output: { action: 'close' },
  });
}

/** Closes a resolved case; a case reopened at the last moment stays open and goes back to its tier. */
export async function closeCase(input: { reference: string }, deps: Pick<LifecycleDeps, 'cases' | 'clock'>) {
  const c = await load(deps.cases, input.reference);
  if (c.status === 'closed') return { closed: true };
  if (c.status !== 'resolved') return { closed: false };
  const at = deps.clock.now().toISOString();
  await deps.cases.update(
    c.reference,
    c.version,
    { status: 'closed', closedAt: at, updatedAt: at, workflow: undefined },
    [
      {
        reference: c.reference,
        id: `close-${c.version}`,
        at,
        kind: 'status',
        actor: 'system',
        data: { from: c.status, to: 'closed' },
      },
    ],
  );
  return { closed: true };
}

/** Hands an agent's or citizen's decision to the waiting workflow and disarms its timer. */
export type ResumeDeps = Pick<
  LifecycleDeps,
  'cases' | 'timers' | 'signals' | 'clock' | 'calendar' | 'catalogue'
>;

/**
 * Hands a decision to the waiting workflow, then disarms its timer. If the signal cannot be delivered the
 * timer stays armed: when it fires, the workflow finds the case as the decision left it (fresh deadline,
 * resolved, reopened) and carries on from there, so the case is never stranded.
 */
export async function resumeWorkflow(c: Case, signal: WorkflowSignal, deps: ResumeDeps, now: Date) {
  if (!c.workflow) return;
  let delivered = false;
  try {
    delivered = await deps.signals.resume(c.workflow.taskToken, signal);
  } catch {
    delivered = false;
  }
  if (delivered) {
    await deps.timers.cancel(c.workflow.timer);
    return;
  }
  await deps.cases.appendEvents([
    {
      reference: c.reference,
      id: `late-signal-${c.version}`,
      at: now.toISOString(),
      kind: 'note',
      actor: 'system',
      text: 'workflow had already moved on; it resumes when its timer fires',
      data: { signal },
    },
  ]);
}

/**
 * An agent acts on a case: decide, store with the version read, then resume the workflow if it waits.
 * When the lifecycle wrote the case in between (storing its next task token), the action is decided
 * again on the fresh case instead of failing: the agent sees a refusal only if the case itself changed
 * in a way that forbids the action.
 */
export function actOnCase(
  reference: string,
  action: SingleCaseAction,
  staff: Staff,
  deps: ResumeDeps & {
    /** Sends an agent's message to the citizen (notifyCitizen); needed for `reply` only. */
    notify?: (req: NotifyRequest) => Promise<unknown>;
  },
): Promise<Case> {
  return retryOnConflict(() => applyAction(reference, action, staff, deps));
}

async function applyAction(
  reference: string,
  action: SingleCaseAction,
  staff: Staff,
  deps: Parameters<typeof actOnCase>[3],
): Promise<Case> {
  const c = await deps.cases.get(reference);
  // Another department's case answers exactly like a missing one.
  if (!c || !canSeeCase(staff, c))
    throw new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Case not found.' });
  const now = deps.clock.now();
  const result = decideAction(c, action, { staff, now, calendar: deps.calendar, catalogue: deps.catalogue });
  const resumes = result.signal && c.workflow && waitsFor(c, result.signal);
  const updated = await deps.cases.update(
    reference,
    c.version,
    { ...result.changes, ...(resumes ? { workflow: undefined } : {}) },
    result.events,
  );
  if (resumes && result.signal) await resumeWorkflow(c, result.signal, deps, now);
  if (result.message) {
    if (!deps.notify) throw new Error('actOnCase needs notify to send a reply');
    const messageId = `reply-${reference}-${updated.version}`;
    await deps.notify({ reference, template: 'reply', messageId, answer: result.message.text });
  }
  return updated;
}

const waitsFor = (c: Case, signal: WorkflowSignal) =>
  signal.action === 'reopen'
    ? c.workflow?.waitingFor === 'reopen_window'
    : c.workflow?.waitingFor === 'agent';

/**
 * A citizen wrote about their case (reply, follow-up). The message joins the timeline; a case waiting for
 * the citizen goes back to work, and a resolved case in its reopen window is reopened at the tier that
 * resolved it.
 */
export function recordCitizenMessage(c: Case, message: CaseEvent, deps: ResumeDeps) {
  // The lifecycle may be updating the same case (storing its next task token): re-read and decide again.
  return retryOnConflict(async (attempt) => {
    const current = attempt === 1 ? c : await load(deps.cases, c.reference);
    await applyCitizenMessage(current, message, deps);
  });
}

async function applyCitizenMessage(c: Case, message: CaseEvent, deps: ResumeDeps) {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (c.status === 'waiting_citizen') {
    await deps.cases.update(c.reference, c.version, { status: 'in_progress', updatedAt: at }, [message]);
    return;
  }
  if (c.status === 'resolved') {
    const reopen: CaseEvent = {
      reference: c.reference,
      id: `reopen-${c.version}`,
      at,
      kind: 'status',
      actor: 'citizen',
      data: { from: 'resolved', to: 'in_progress' },
    };
    const dueAt = dueAtFor(categoryOf(c, deps.catalogue), c.tier, now, deps.calendar);
    const waiting = c.workflow?.waitingFor === 'reopen_window';
    await deps.cases.update(
      c.reference,
      c.version,
      { status: 'in_progress', dueAt, updatedAt: at, ...(waiting ? { workflow: undefined } : {}) },
      [message, reopen],
    );
    if (waiting) await resumeWorkflow(c, { action: 'reopen', tier: c.tier }, deps, now);
    return;
  }
  await deps.cases.update(c.reference, c.version, { updatedAt: at }, [message]);
}
