import type { Case, CaseEvent, Tier } from '../case/case.ts';
import { isOpen } from '../case/case.ts';
import type { ConnectTask, ConnectTaskStore } from '../ports.ts';
import { type ResumeDeps, resumeWorkflow } from './lifecycle.ts';
import { moveTier } from './tiers.ts';

/**
 * Amazon Connect contact events keep the case lifecycle in step with what agents do in the Connect agent
 * workspace (docs/decisions/0014). Events are best effort, unordered and may repeat: every decision
 * re-reads the case, timeline entries have ids made of the contact and the event type (a repeat rewrites
 * the same entry), and a task counts as the case's current one only if AwaitAgent opened it for the wait
 * in progress (its `openedAt` is not before the workflow's `since`).
 */

/** The event types the EventBridge rule delivers (lib/core-stack.ts) and local mode lets through. */
export const HANDLED_CONTACT_EVENTS = ['QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'COMPLETED'] as const;

/** A task closed in Connect this many times without a decision is not opened again; its SLA timer still runs. */
export const MAX_TASK_REOPENS = 10;

/** One contact event, as the adapter reads it from EventBridge (functions/adapters/connect/contact-event.ts). */
export type TaskContactEvent = {
  eventType: string;
  contactId: string;
  /** Set on a contact created by a transfer: the contact it was transferred from. */
  previousContactId?: string;
  initialContactId?: string;
  channel: string;
  instanceArn: string;
  /** When it happened in Connect (the event type's own timestamp), ISO 8601. */
  at: string;
  queueArn?: string;
  agentArn?: string;
};

/** Where Nidaa opens its tasks: the instance (id or ARN) and the queues by Nidaa name (CONNECT_QUEUES). */
export type ConnectSettings = {
  instanceId: string | undefined;
  /** Queue ids or ARNs by name: `t1`, `t2`, `t3#<department>`. */
  queues: Readonly<Record<string, string>>;
};

export type ContactEventDeps = ResumeDeps & { connectTasks: ConnectTaskStore; connect: ConnectSettings };

export type ContactEventResult =
  | { outcome: 'ignored'; reason: string }
  | {
      outcome: 'picked_up' | 'task_reopened' | 'transferred' | 'noted';
      reference: string;
      reason: string;
    };

const ignored = (reason: string): ContactEventResult => ({ outcome: 'ignored', reason });

/** `…/instance/<id>` → `<id>`; a bare id stays as it is. */
const instanceIdOf = (value: string) => /instance\/([^/]+)/.exec(value)?.[1] ?? value;
/** `…/queue/<id>` → `<id>`; a bare id stays as it is. */
const queueIdOf = (value: string) => /\/queue\/([^/]+)$/.exec(value)?.[1] ?? value;
/** `…/agent/<user id>` → the Connect user id. */
const userIdOf = (agentArn: string | undefined) =>
  agentArn ? (/\/agent\/([^/]+)$/.exec(agentArn)?.[1] ?? agentArn) : undefined;

/** The Nidaa queue a Connect queue ARN stands for, from its configured name (t1, t2, t3#<department>). */
export function queueTarget(
  queueArn: string | undefined,
  queues: Readonly<Record<string, string>>,
): { tier: Tier; department?: string } | undefined {
  if (!queueArn) return undefined;
  for (const [name, value] of Object.entries(queues)) {
    if (value !== queueArn && queueIdOf(value) !== queueIdOf(queueArn)) continue;
    if (name === 't1') return { tier: 1 };
    if (name === 't2') return { tier: 2 };
    const department = /^t3#(.+)$/.exec(name)?.[1];
    if (department) return { tier: 3, department };
  }
  return undefined;
}

/** The task an event is about: the contact itself, or (a transfer's new contact) the one it came from. */
async function findTask(event: TaskContactEvent, store: ConnectTaskStore) {
  const own = await store.find(event.contactId);
  if (own) return { task: own, transferred: false };
  const earlier = new Set([event.previousContactId, event.initialContactId]);
  earlier.delete(event.contactId);
  for (const contactId of earlier) {
    if (!contactId) continue;
    const task = await store.find(contactId);
    if (task) return { task, transferred: true };
  }
  return undefined;
}

/**
 * Decides what one Connect contact event means for its case:
 * - CONNECTED_TO_AGENT: the pick-up goes on the timeline; an `assigned` case of that tier is `in_progress`.
 * - COMPLETED (or DISCONNECTED with no agent: expired, dropped by the flow) of the current task while the
 *   lifecycle still waits for an agent: the task was closed without a decision in Nidaa, so the lifecycle
 *   is resumed with a move to the same tier and AwaitAgent opens a fresh task in the same queue.
 * - QUEUED in another tier's queue (a transfer with a quick connect): the case moves to that tier.
 * Anything else is ignored, with the reason. A lost optimistic-lock race throws ConflictError: the caller
 * runs the whole decision again on the fresh case.
 */
export async function onTaskContactEvent(
  event: TaskContactEvent,
  deps: ContactEventDeps,
): Promise<ContactEventResult> {
  if (event.channel !== 'TASK') return ignored(`a ${event.channel} contact, not a task`);
  if (!deps.connect.instanceId) return ignored('no Connect instance is configured');
  if (instanceIdOf(event.instanceArn) !== instanceIdOf(deps.connect.instanceId))
    return ignored('a contact of another Connect instance');
  if (!(HANDLED_CONTACT_EVENTS as readonly string[]).includes(event.eventType))
    return ignored(`${event.eventType} events are not acted on`);
  const found = await findTask(event, deps.connectTasks);
  if (!found) return ignored('not a task Nidaa opened (or older than 30 days)');
  const c = await deps.cases.get(found.task.reference);
  if (!c) return ignored(`case ${found.task.reference} not found`);
  const context = { event, c, ...found, deps, now: deps.clock.now() };
  if (event.eventType === 'CONNECTED_TO_AGENT') return pickedUp(context);
  if (event.eventType === 'QUEUED') return queued(context);
  return closedInConnect(context);
}

type Context = {
  event: TaskContactEvent;
  c: Case;
  task: ConnectTask;
  /** The event's contact was transferred from `task`'s contact (found through previous/initial contact id). */
  transferred: boolean;
  deps: ContactEventDeps;
  now: Date;
};

/** A timeline entry for this event: its id is the contact and the event type, its time Connect's. */
function entry(
  { event, c }: Context,
  fields: Pick<CaseEvent, 'kind' | 'actor'> & Partial<CaseEvent>,
  suffix = '',
): CaseEvent {
  return {
    reference: c.reference,
    id: `connect-${event.contactId}-${event.eventType.toLowerCase()}${suffix}`,
    at: event.at,
    ...fields,
  };
}

const actorOf = (event: TaskContactEvent) => {
  const userId = userIdOf(event.agentArn);
  return userId ? `connect:${userId}` : 'connect';
};

async function pickedUp(ctx: Context): Promise<ContactEventResult> {
  const { event, c, task, deps, now } = ctx;
  const actor = actorOf(event);
  const assignment = entry(ctx, {
    kind: 'assignment',
    actor,
    text: 'استلم موظف المهمة في Amazon Connect / An agent picked up the task in Amazon Connect',
    data: { connectUserId: userIdOf(event.agentArn) ?? null, contactId: event.contactId, tier: task.tier },
  });
  // Any task of the case's tier means an agent of that tier is on it (including a transferred copy).
  if (task.tier === c.tier && c.status === 'assigned') {
    const started = entry(
      ctx,
      { kind: 'status', actor, data: { from: 'assigned', to: 'in_progress' } },
      '-status',
    );
    await deps.cases.update(c.reference, c.version, { status: 'in_progress', updatedAt: now.toISOString() }, [
      assignment,
      started,
    ]);
    return { outcome: 'picked_up', reference: c.reference, reason: 'an agent picked up the task' };
  }
  // History either way; a repeat rewrites the same entry.
  await deps.cases.appendEvents([assignment]);
  return { outcome: 'noted', reference: c.reference, reason: 'pick-up recorded; status unchanged' };
}

async function closedInConnect(ctx: Context): Promise<ContactEventResult> {
  const { event, c, task, transferred, deps, now } = ctx;
  if (transferred) return ignored('a transferred copy of a task; only Nidaa’s own task is reopened');
  if (!isOpen(c)) return ignored(`case is ${c.status}`);
  if (c.workflow?.waitingFor !== 'agent') return ignored('the lifecycle is not waiting for an agent');
  if (task.tier !== c.tier || task.openedAt < c.workflow.since)
    return ignored('an older task of the case (another tier or an earlier wait)');
  if (event.eventType === 'DISCONNECTED' && event.agentArn)
    return ignored('an agent had the task: COMPLETED follows after-contact work');
  const reopens = c.taskReopens ?? 0;
  if (reopens >= MAX_TASK_REOPENS) {
    await deps.cases.appendEvents([
      entry(ctx, {
        kind: 'note',
        actor: 'system',
        text: `أُغلقت مهمة Amazon Connect دون قرار ${reopens} مرات، فلن تُفتح مهمة جديدة؛ مهلة الخدمة مستمرة / The Amazon Connect task was closed without a decision ${reopens} times and is not opened again; the SLA timer still runs`,
        data: { contactId: event.contactId, eventType: event.eventType },
      }),
    ]);
    return { outcome: 'noted', reference: c.reference, reason: 'reopen limit reached' };
  }
  const note = entry(ctx, {
    kind: 'note',
    actor: 'system',
    text: 'أُغلقت مهمة Amazon Connect دون قرار في نداء، فأُعيد فتحها في الطابور نفسه / The Amazon Connect task was closed with no decision in Nidaa; a new task was opened in the same queue',
    data: { contactId: event.contactId, eventType: event.eventType, tier: c.tier },
  });
  await deps.cases.update(
    c.reference,
    c.version,
    { workflow: undefined, taskReopens: reopens + 1, updatedAt: now.toISOString() },
    [note],
  );
  await resumeWorkflow(c, { action: 'move', tier: c.tier }, deps, now);
  return { outcome: 'task_reopened', reference: c.reference, reason: 'task closed without a decision' };
}

async function queued(ctx: Context): Promise<ContactEventResult> {
  const { event, c, task, transferred, deps, now } = ctx;
  const target = queueTarget(event.queueArn, deps.connect.queues);
  if (!target) return ignored('queued in a queue that is not one of Nidaa’s tier queues');
  if (!isOpen(c)) return ignored(`case is ${c.status}`);
  // Only a task of the case's current tier speaks for it: an older task's late event must not move it back.
  const older = ignored('an older task of the case (another tier)');
  if (target.tier === 3 && target.department !== c.departmentCode) {
    if (task.tier !== c.tier) return older;
    await deps.cases.appendEvents([
      entry(ctx, {
        kind: 'note',
        actor: actorOf(event),
        text: 'حُوِّلت المهمة في Amazon Connect إلى طابور إدارة أخرى؛ غيّر فئة البلاغ في نداء لنقله / The task was transferred in Amazon Connect to another department’s queue; recategorize the case in Nidaa to move it',
        data: { contactId: event.contactId, department: target.department },
      }),
    ]);
    return { outcome: 'noted', reference: c.reference, reason: 'transferred to another department’s queue' };
  }
  let result: ContactEventResult = ignored('already in that tier’s queue');
  if (target.tier !== c.tier) {
    if (task.tier !== c.tier) return older;
    const category = deps.catalogue.categories.find((x) => x.code === c.categoryCode);
    if (!category) throw new Error(`Unknown category ${c.categoryCode}`);
    const move = moveTier(c, target.tier, {
      reason: 'حُوِّلت في Amazon Connect / transferred in Connect',
      actor: actorOf(event),
      now,
      calendar: deps.calendar,
      category,
      cause: 'connect_transfer',
    });
    const events = move.events.map((e) => ({
      ...e,
      id: entry(ctx, { kind: e.kind, actor: e.actor }).id,
      at: event.at,
      data: { ...e.data, contactId: event.contactId },
    }));
    const waiting = c.workflow?.waitingFor === 'agent';
    // Not waiting (between two waits): AwaitAgent reads the new tier from the case when it runs next.
    await deps.cases.update(
      c.reference,
      c.version,
      { ...move.changes, ...(waiting ? { workflow: undefined } : {}) },
      events,
    );
    if (waiting) await resumeWorkflow(c, { action: 'move', tier: target.tier }, deps, now);
    result = { outcome: 'transferred', reference: c.reference, reason: `moved to tier ${target.tier}` };
  }
  // A transfer's new contact now carries the case in that queue: its own events find the case directly.
  if (transferred) {
    await deps.connectTasks.remember({
      contactId: event.contactId,
      reference: c.reference,
      tier: target.tier,
      openedAt: event.at,
    });
  }
  return result;
}
