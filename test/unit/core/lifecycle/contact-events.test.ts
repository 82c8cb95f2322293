import { describe, expect, it } from 'vitest';
import type { Case, Tier } from '#core/case/case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ConflictError } from '#core/errors.ts';
import {
  type ContactEventDeps,
  MAX_TASK_REOPENS,
  onTaskContactEvent,
  queueTarget,
  type TaskContactEvent,
} from '#core/lifecycle/contact-events.ts';
import { awaitAgent } from '#core/lifecycle/lifecycle.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryConnectTaskStore,
  RecordingSignals,
  RecordingTimers,
} from '../../../support/in-memory-stores.ts';
import { InterleavingCaseStore, RecordingContactCenter } from '../../../support/lifecycle-doubles.ts';

/** Sunday 1 March 2026, 10:00 in Muscat: working time. The task was opened when the wait began, at OPENED. */
const OPENED = '2026-03-01T06:00:00.000Z';
const NOW = '2026-03-01T06:20:00.000Z';
const TOKEN = 'task-token-1';
const TIMER = 'sla-timer-1';
const INSTANCE = '12345678-1234-1234-1234-123456789012';
const INSTANCE_ARN = `arn:aws:connect:eu-central-1:111122223333:instance/${INSTANCE}`;
const queueArn = (id: string) => `${INSTANCE_ARN}/queue/${id}`;
const AGENT_ID = 'aaaaaaaa-1111-2222-3333-444444444444';
const AGENT_ARN = `${INSTANCE_ARN}/agent/${AGENT_ID}`;
const QUEUES = {
  t1: queueArn('q-t1'),
  t2: queueArn('q-t2'),
  't3#roads': queueArn('q-roads'),
  // A queue may be configured by id only.
  't3#health': 'q-health',
};

/** One stored pothole case (roads, tier 1) waiting for an agent, and its task-1 remembered by AwaitAgent. */
async function setup(overrides: Partial<Case> = {}, taskTier: Tier = 1) {
  const cases = new InterleavingCaseStore();
  const clock = new FixedClock(NOW);
  const timers = new RecordingTimers();
  const signals = new RecordingSignals();
  const connectTasks = new InMemoryConnectTaskStore();
  const deps: ContactEventDeps = {
    cases,
    connectTasks,
    timers,
    signals,
    clock,
    calendar: MUSCAT_CALENDAR,
    catalogue: SEED_CATALOGUE,
    connect: { instanceId: INSTANCE, queues: QUEUES },
  };
  const c = aCase({
    status: 'assigned',
    tier: 1,
    dueAt: '2026-03-01T10:00:00.000Z',
    workflow: { taskToken: TOKEN, waitingFor: 'agent', since: OPENED, timer: TIMER },
    version: 3,
    ...overrides,
  });
  await cases.create(c, []);
  if (c.workflow) {
    await timers.schedule(c.workflow.timer, new Date(c.dueAt), c.workflow.taskToken, {
      kind: 'fail',
      error: 'SlaBreached',
      cause: 'armed by the test',
    });
  }
  await connectTasks.remember({
    contactId: 'task-1',
    reference: c.reference,
    tier: taskTier,
    openedAt: OPENED,
  });
  const stored = async () => (await cases.get(c.reference)) as Case;
  return { c, deps, cases, clock, timers, signals, connectTasks, stored };
}

/** A task contact event of our instance, as the adapter hands it over. */
const event = (eventType: string, overrides: Partial<TaskContactEvent> = {}): TaskContactEvent => ({
  eventType,
  contactId: 'task-1',
  initialContactId: 'task-1',
  channel: 'TASK',
  instanceArn: INSTANCE_ARN,
  at: '2026-03-01T06:10:00.000Z',
  queueArn: QUEUES.t1,
  ...overrides,
});

const connected = (overrides: Partial<TaskContactEvent> = {}) =>
  event('CONNECTED_TO_AGENT', { agentArn: AGENT_ARN, ...overrides });

describe('onTaskContactEvent: an agent picks the task up (CONNECTED_TO_AGENT)', () => {
  it('records the pick-up with the agent’s Connect user id and puts an assigned case in progress', async () => {
    // Prepare
    const { c, deps, cases, signals, stored } = await setup();

    // Act
    const result = await onTaskContactEvent(connected(), deps);

    // Assess
    expect(result).toMatchObject({ outcome: 'picked_up', reference: c.reference });
    const after = await stored();
    expect(after).toMatchObject({ status: 'in_progress', version: 4, updatedAt: NOW });
    expect(after.workflow).toEqual(c.workflow); // the lifecycle still waits for the agent's decision
    expect(cases.timeline(c.reference)).toEqual([
      {
        reference: c.reference,
        id: 'connect-task-1-connected_to_agent',
        at: '2026-03-01T06:10:00.000Z',
        kind: 'assignment',
        actor: `connect:${AGENT_ID}`,
        text: expect.stringContaining('picked up the task'),
        data: { connectUserId: AGENT_ID, contactId: 'task-1', tier: 1 },
      },
      expect.objectContaining({
        id: 'connect-task-1-connected_to_agent-status',
        kind: 'status',
        data: { from: 'assigned', to: 'in_progress' },
      }),
    ]);
    expect(signals.resumed).toEqual([]);
  });

  it('is idempotent: a repeated event rewrites the same entry and changes nothing else', async () => {
    // Prepare
    const { c, deps, cases, stored } = await setup();
    await onTaskContactEvent(connected(), deps);
    const before = { case: await stored(), timeline: cases.timeline(c.reference) };

    // Act
    const again = await onTaskContactEvent(connected(), deps);

    // Assess
    expect(again.outcome).toBe('noted');
    expect(await stored()).toEqual(before.case);
    expect(cases.timeline(c.reference)).toEqual(before.timeline);
  });

  it.each(['in_progress', 'waiting_citizen'] as const)(
    'only records the pick-up on a %s case',
    async (status) => {
      // Prepare
      const { c, deps, cases, stored } = await setup({ status });

      // Act
      const result = await onTaskContactEvent(connected(), deps);

      // Assess
      expect(result.outcome).toBe('noted');
      expect(await stored()).toMatchObject({ status, version: 3 });
      expect(cases.timeline(c.reference).map((e) => e.kind)).toEqual(['assignment']);
    },
  );

  it('does not start work on a tier-2 case when the task picked up was the old tier-1 one', async () => {
    // Prepare: the case was escalated meanwhile; a late pick-up of the old task arrives.
    const { c, deps, cases, stored } = await setup({ tier: 2 });

    // Act
    await onTaskContactEvent(connected(), deps);

    // Assess
    expect((await stored()).status).toBe('assigned');
    expect(cases.timeline(c.reference).map((e) => e.kind)).toEqual(['assignment']);
  });
});

describe('onTaskContactEvent: the task is closed in Connect with no decision in Nidaa', () => {
  it('resumes the lifecycle with a move to the same tier, so AwaitAgent opens a fresh task there', async () => {
    // Prepare
    const { c, deps, cases, signals, timers, stored } = await setup({ status: 'in_progress' });

    // Act
    const result = await onTaskContactEvent(
      event('COMPLETED', { agentArn: AGENT_ARN, at: '2026-03-01T06:15:00.000Z' }),
      deps,
    );

    // Assess
    expect(result).toMatchObject({ outcome: 'task_reopened', reference: c.reference });
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 1 } }]);
    expect(timers.cancelled).toEqual([TIMER]);
    const after = await stored();
    expect(after).toMatchObject({ tier: 1, status: 'in_progress', dueAt: c.dueAt, taskReopens: 1 });
    expect(after.workflow).toBeUndefined();
    expect(cases.timeline(c.reference)).toEqual([
      expect.objectContaining({
        id: 'connect-task-1-completed',
        at: '2026-03-01T06:15:00.000Z',
        kind: 'note',
        actor: 'system',
        text: expect.stringContaining('a new task was opened in the same queue'),
      }),
    ]);
  });

  it('the next AwaitAgent opens a second task for the same tier; repeats and the old task’s late events do nothing', async () => {
    // Prepare
    const { c, deps, signals, connectTasks, clock, stored } = await setup();
    const contactCenter = new RecordingContactCenter();
    await onTaskContactEvent(event('COMPLETED'), deps);
    clock.advance({ seconds: 2 });
    await awaitAgent({ reference: c.reference, taskToken: 'task-token-2' }, { ...deps, contactCenter });

    // Act: the same COMPLETED again, then the old task's DISCONNECTED, out of order.
    const repeated = await onTaskContactEvent(event('COMPLETED'), deps);
    const late = await onTaskContactEvent(event('DISCONNECTED'), deps);

    // Assess
    expect(contactCenter.tasks).toEqual([
      expect.objectContaining({ tier: 1, clientToken: `${c.reference}-t1-${Date.parse(c.dueAt) / 1000}-r1` }),
    ]);
    expect(await connectTasks.find('contact-1')).toMatchObject({ reference: c.reference, tier: 1 });
    expect(repeated).toEqual({ outcome: 'ignored', reason: expect.stringContaining('older task') });
    expect(late.outcome).toBe('ignored');
    expect(signals.resumed).toHaveLength(1);
    expect((await stored()).workflow?.taskToken).toBe('task-token-2');
  });

  it('reopens once whichever of DISCONNECTED and COMPLETED comes first', async () => {
    // Prepare: a task that expired in the queue, never picked up (no agent on either event).
    const { deps, signals } = await setup();

    // Act
    const first = await onTaskContactEvent(event('COMPLETED'), deps);
    const second = await onTaskContactEvent(event('DISCONNECTED'), deps);

    // Assess
    expect(first.outcome).toBe('task_reopened');
    expect(second).toEqual({ outcome: 'ignored', reason: 'the lifecycle is not waiting for an agent' });
    expect(signals.resumed).toHaveLength(1);
  });

  it('reopens a task that was disconnected before any agent had it (expired, dropped by the flow)', async () => {
    const { deps, signals } = await setup();

    expect((await onTaskContactEvent(event('DISCONNECTED'), deps)).outcome).toBe('task_reopened');
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 1 } }]);
  });

  it('waits for COMPLETED when an agent had the task: the decision may still come during after-contact work', async () => {
    // Prepare
    const { deps, signals } = await setup({ status: 'in_progress' });

    // Act
    const disconnected = await onTaskContactEvent(event('DISCONNECTED', { agentArn: AGENT_ARN }), deps);

    // Assess
    expect(disconnected).toEqual({
      outcome: 'ignored',
      reason: expect.stringContaining('COMPLETED follows'),
    });
    expect(signals.resumed).toEqual([]);
  });

  it.each<[string, Partial<Case>]>([
    ['resolved meanwhile', { status: 'resolved', workflow: undefined }],
    [
      'resolved and waiting out its reopen window',
      {
        status: 'resolved',
        workflow: { taskToken: TOKEN, waitingFor: 'reopen_window', since: NOW, timer: 'close-1' },
      },
    ],
    ['escalated meanwhile (the workflow moved on)', { tier: 2, workflow: undefined }],
    [
      'escalated and waiting in tier 2',
      { tier: 2, workflow: { taskToken: 'token-t2', waitingFor: 'agent', since: NOW, timer: 'sla-t2' } },
    ],
    [
      'waiting again in the same tier with a newer task (an earlier wait’s task)',
      { workflow: { taskToken: 'token-2', waitingFor: 'agent', since: NOW, timer: 'sla-2' } },
    ],
  ])('does nothing when the case was %s', async (_label, overrides) => {
    // Prepare
    const { c, deps, cases, signals, stored } = await setup(overrides);

    // Act
    const result = await onTaskContactEvent(event('COMPLETED'), deps);

    // Assess
    expect(result.outcome).toBe('ignored');
    expect(signals.resumed).toEqual([]);
    expect(await stored()).toEqual(c);
    expect(cases.timeline(c.reference)).toEqual([]);
  });

  it(`stops reopening after ${MAX_TASK_REOPENS} times and leaves the case to its SLA timer`, async () => {
    // Prepare
    const { c, deps, cases, signals, stored } = await setup({ taskReopens: MAX_TASK_REOPENS });

    // Act
    const result = await onTaskContactEvent(event('COMPLETED'), deps);

    // Assess
    expect(result).toMatchObject({ outcome: 'noted', reason: 'reopen limit reached' });
    expect(signals.resumed).toEqual([]);
    expect((await stored()).workflow).toEqual(c.workflow);
    expect(cases.timeline(c.reference).map((e) => e.id)).toEqual(['connect-task-1-completed']);
  });

  it('notes a late signal when the SLA timer won the race, and keeps the case for the timer’s path', async () => {
    // Prepare
    const { c, deps, cases, signals, timers } = await setup();
    signals.expire(TOKEN);

    // Act
    await onTaskContactEvent(event('COMPLETED'), deps);

    // Assess
    expect(timers.cancelled).toEqual([]);
    expect(cases.timeline(c.reference).map((e) => e.id)).toEqual([
      'connect-task-1-completed',
      `late-signal-${c.version}`,
    ]);
  });
});

describe('onTaskContactEvent: an agent transfers the task to another tier’s queue (QUEUED)', () => {
  it('moves the case to that tier with a fresh SLA and resumes the lifecycle there', async () => {
    // Prepare
    const { c, deps, cases, signals, timers, stored } = await setup({ status: 'in_progress', assignee: 'x' });

    // Act
    const result = await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps);

    // Assess
    expect(result).toMatchObject({ outcome: 'transferred', reference: c.reference });
    const after = await stored();
    expect(after).toMatchObject({ tier: 2, status: 'assigned', updatedAt: NOW });
    expect(after.assignee).toBeUndefined();
    expect(after.workflow).toBeUndefined();
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(NOW));
    expect(after.dueAt).not.toBe(c.dueAt);
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 2 } }]);
    expect(timers.cancelled).toEqual([TIMER]);
    expect(cases.timeline(c.reference)).toEqual([
      expect.objectContaining({
        id: 'connect-task-1-queued',
        at: '2026-03-01T06:10:00.000Z',
        kind: 'tier',
        text: expect.stringContaining('transferred in Connect'),
        data: { from: 1, to: 2, cause: 'connect_transfer', contactId: 'task-1' },
      }),
    ]);
  });

  it('is idempotent, and a late QUEUED of the task in its own tier’s queue never moves the case back', async () => {
    // Prepare
    const { deps, signals, stored } = await setup();
    await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps);
    const moved = await stored();

    // Act
    const repeated = await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps);
    const late = await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t1 }), deps);

    // Assess
    expect(repeated.outcome).toBe('ignored');
    expect(late).toEqual({ outcome: 'ignored', reason: 'an older task of the case (another tier)' });
    expect(await stored()).toEqual(moved);
    expect(signals.resumed).toHaveLength(1);
  });

  it('ignores a task queued in its own tier’s queue (the task flow placing it)', async () => {
    const { deps, stored, c } = await setup();

    expect((await onTaskContactEvent(event('QUEUED'), deps)).outcome).toBe('ignored');
    expect(await stored()).toEqual(c);
  });

  it('follows a quick-connect transfer’s new contact to its case, and remembers that contact for its own events', async () => {
    // Prepare: Connect creates task-2, transferred from task-1, and queues it in the department's queue.
    const { c, deps, connectTasks, signals, stored } = await setup({ status: 'in_progress' });
    const transfer = { contactId: 'task-2', previousContactId: 'task-1', initialContactId: 'task-1' };

    // Act
    const result = await onTaskContactEvent(
      event('QUEUED', { ...transfer, queueArn: QUEUES['t3#roads'] }),
      deps,
    );
    const picked = await onTaskContactEvent(connected({ contactId: 'task-2' }), deps);

    // Assess
    expect(result.outcome).toBe('transferred');
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 3 } }]);
    expect(await connectTasks.find('task-2')).toEqual({
      contactId: 'task-2',
      reference: c.reference,
      tier: 3,
      openedAt: '2026-03-01T06:10:00.000Z',
    });
    expect(picked.outcome).toBe('picked_up');
    expect(await stored()).toMatchObject({ tier: 3, status: 'in_progress' });
  });

  it('does not reopen anything when only the transferred copy is completed', async () => {
    // Prepare
    const { deps, signals } = await setup();
    await onTaskContactEvent(
      event('QUEUED', { contactId: 'task-2', previousContactId: 'task-1', queueArn: QUEUES.t2 }),
      deps,
    );

    // Act: the case now waits in tier 2 for Nidaa's own new task (the test's workflow is gone).
    const completed = await onTaskContactEvent(event('COMPLETED', { contactId: 'task-2' }), deps);

    // Assess
    expect(completed.outcome).toBe('ignored');
    expect(signals.resumed).toHaveLength(1);
  });

  it('matches a queue configured by its id only', async () => {
    // Prepare: a health case in tier 1, transferred to the health department's queue.
    const { deps, stored } = await setup({ departmentCode: 'health', categoryCode: 'pothole' });

    // Act
    await onTaskContactEvent(event('QUEUED', { queueArn: queueArn('q-health') }), deps);

    // Assess
    expect((await stored()).tier).toBe(3);
  });

  it('notes a transfer to another department’s queue and leaves the move to a recategorization in Nidaa', async () => {
    // Prepare
    const { c, deps, cases, signals, stored } = await setup();

    // Act
    const result = await onTaskContactEvent(event('QUEUED', { queueArn: queueArn('q-health') }), deps);

    // Assess
    expect(result.outcome).toBe('noted');
    expect(await stored()).toEqual(c);
    expect(signals.resumed).toEqual([]);
    expect(cases.timeline(c.reference)).toEqual([
      expect.objectContaining({
        kind: 'note',
        id: 'connect-task-1-queued',
        text: expect.stringContaining('recategorize'),
      }),
    ]);
  });

  it('moves a case whose lifecycle is between two waits without resuming: AwaitAgent reads the tier next', async () => {
    // Prepare
    const { deps, signals, timers, stored } = await setup({ workflow: undefined });

    // Act
    await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps);

    // Assess
    expect((await stored()).tier).toBe(2);
    expect(signals.resumed).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it('ignores queues that are not Nidaa tier queues, and closed cases', async () => {
    const other = await setup();
    expect(
      (await onTaskContactEvent(event('QUEUED', { queueArn: queueArn('q-other') }), other.deps)).outcome,
    ).toBe('ignored');
    const closed = await setup({ status: 'closed', workflow: undefined });
    expect((await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), closed.deps)).outcome).toBe(
      'ignored',
    );
    expect(await closed.stored()).toEqual(closed.c);
  });
});

describe('onTaskContactEvent: what it leaves alone', () => {
  it.each<[string, TaskContactEvent]>([
    ['another channel', connected({ channel: 'VOICE' })],
    [
      'another instance',
      connected({ instanceArn: 'arn:aws:connect:eu-central-1:111122223333:instance/other' }),
    ],
    ['an unknown contact', connected({ contactId: 'not-ours', initialContactId: 'not-ours' })],
    ['an event type it does not act on', event('INITIATED')],
    ['a newer event type', event('PAUSED')],
  ])('ignores %s, with a reason', async (_label, e) => {
    // Prepare
    const { c, deps, cases, signals, stored } = await setup();

    // Act
    const result = await onTaskContactEvent(e, deps);

    // Assess
    expect(result).toEqual({ outcome: 'ignored', reason: expect.any(String) });
    expect(await stored()).toEqual(c);
    expect(cases.timeline(c.reference)).toEqual([]);
    expect(signals.resumed).toEqual([]);
  });

  it('ignores everything when no Connect instance is configured', async () => {
    const { deps } = await setup();
    deps.connect = { instanceId: undefined, queues: {} };

    expect(await onTaskContactEvent(connected(), deps)).toEqual({
      outcome: 'ignored',
      reason: 'no Connect instance is configured',
    });
  });

  it('accepts the instance configured as an ARN as well as an id', async () => {
    const { deps } = await setup();
    deps.connect = { ...deps.connect, instanceId: INSTANCE_ARN };

    expect((await onTaskContactEvent(connected(), deps)).outcome).toBe('picked_up');
  });

  it('ignores a task whose case is gone', async () => {
    const { deps, connectTasks } = await setup();
    await connectTasks.remember({ contactId: 'task-9', reference: '999999999', tier: 1, openedAt: OPENED });

    expect((await onTaskContactEvent(connected({ contactId: 'task-9' }), deps)).outcome).toBe('ignored');
  });

  it('throws ConflictError when the case changes between its read and write; a rerun decides on the fresh case', async () => {
    // Prepare: an agent escalates in Nidaa while the transfer is being applied.
    const { c, deps, cases, signals, stored } = await setup();
    cases.beforeNextUpdate(async () => {
      await cases.update(c.reference, c.version, { tier: 3, workflow: undefined }, []);
    });

    // Act
    const error = await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps).catch((e) => e);
    const rerun = await onTaskContactEvent(event('QUEUED', { queueArn: QUEUES.t2 }), deps);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(rerun.outcome).toBe('ignored');
    expect((await stored()).tier).toBe(3);
    expect(signals.resumed).toEqual([]);
  });
});

describe('queueTarget', () => {
  it('maps configured queues (ARN or id) to tiers and departments', () => {
    expect(queueTarget(QUEUES.t1, QUEUES)).toEqual({ tier: 1 });
    expect(queueTarget(QUEUES.t2, QUEUES)).toEqual({ tier: 2 });
    expect(queueTarget(QUEUES['t3#roads'], QUEUES)).toEqual({ tier: 3, department: 'roads' });
    expect(queueTarget(queueArn('q-health'), QUEUES)).toEqual({ tier: 3, department: 'health' });
    expect(queueTarget(queueArn('q-unknown'), QUEUES)).toBeUndefined();
    expect(queueTarget(undefined, QUEUES)).toBeUndefined();
  });
});
