import { describe, expect, it } from 'vitest';
import { noContactCenter } from '#adapters/connect/connect-tasks.ts';
import type { Staff } from '#core/auth/roles.ts';
import type { Case, CaseEvent, CaseStatus } from '#core/case/case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '#core/errors.ts';
import {
  actOnCase,
  awaitAgent,
  awaitReopenWindow,
  closeCase,
  handleSlaBreach,
  type LifecycleDeps,
  recordCitizenMessage,
} from '#core/lifecycle/lifecycle.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryConnectTaskStore,
  RecordingSignals,
  RecordingTimers,
} from '../../../support/in-memory-stores.ts';
import {
  InterleavingCaseStore,
  RecordingContactCenter,
  RecordingSupervisorAlerts,
} from '../../../support/lifecycle-doubles.ts';

/** Sunday 1 March 2026, 10:00 in Muscat (UTC+4): working time. */
const NOW = '2026-03-01T06:00:00.000Z';
const TOKEN = 'task-token-1';
const SLA_TIMER = 'sla-timer-1';
const REOPEN_DAYS = 7;

const STAFF = {
  agent_t1: { username: 'agent.t1', roles: ['agent_t1'], departments: [] },
  dept_roads: { username: 'roads.staff', roles: ['dept_staff'], departments: ['roads'] },
  dept_cleanliness: { username: 'clean.staff', roles: ['dept_staff'], departments: ['cleanliness'] },
  supervisor: { username: 'supervisor', roles: ['supervisor'], departments: [] },
} as const satisfies Record<string, Staff>;
const staff = (who: keyof typeof STAFF): Staff => structuredClone(STAFF[who]) as Staff;

const waitingForAgent = { taskToken: TOKEN, waitingFor: 'agent', since: NOW, timer: SLA_TIMER } as const;
const waitingForReopen = {
  taskToken: TOKEN,
  waitingFor: 'reopen_window',
  since: NOW,
  timer: 'close-timer-1',
} as const;

/** The lifecycle with in-memory ports and one stored pothole case (roads, high priority, tier 1, version 1). */
async function setup(overrides: Partial<Case> = {}) {
  const cases = new InterleavingCaseStore();
  const clock = new FixedClock(NOW);
  const timers = new RecordingTimers();
  const signals = new RecordingSignals();
  const contactCenter = new RecordingContactCenter();
  const alerts = new RecordingSupervisorAlerts();
  const connectTasks = new InMemoryConnectTaskStore();
  const deps: LifecycleDeps = {
    cases,
    contactCenter,
    connectTasks,
    timers,
    signals,
    alerts,
    clock,
    calendar: MUSCAT_CALENDAR,
    catalogue: SEED_CATALOGUE,
    reopenWindowDays: REOPEN_DAYS,
  };
  const c = aCase({ categoryCode: 'pothole', departmentCode: 'roads', version: 1, ...overrides });
  await cases.create(c, []);
  // A case that waits in the workflow has its timer armed, as awaitAgent/awaitReopenWindow leave it.
  if (c.workflow) {
    await timers.schedule(c.workflow.timer, new Date(c.dueAt), c.workflow.taskToken, {
      kind: 'fail',
      error: 'SlaBreached',
      cause: 'armed by the test',
    });
  }
  const stored = async () => {
    const found = await cases.get(c.reference);
    if (!found) throw new Error(`case ${c.reference} vanished`);
    return found;
  };
  return { c, deps, cases, clock, timers, signals, contactCenter, connectTasks, alerts, stored };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('awaitAgent', () => {
  it('stores the task token with the case, opens the tier’s task and arms the SLA timer at dueAt', async () => {
    // Prepare
    const { c, deps, timers, contactCenter, signals, stored } = await setup({ status: 'new', tier: 1 });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    const after = await stored();
    // Named by tier and deadline (epoch seconds), so a retried step reuses the same timer and task.
    const timer = `sla-${c.reference}-t1-${Date.parse(c.dueAt) / 1000}`;
    expect(after.status).toBe('assigned');
    expect(after.version).toBe(2);
    expect(after.workflow).toEqual({ taskToken: TOKEN, waitingFor: 'agent', since: NOW, timer });
    expect(contactCenter.tasks).toEqual([
      {
        reference: c.reference,
        tier: 1,
        departmentCode: 'roads',
        name: `${c.reference} · حفرة في الطريق / Pothole`,
        description: c.description,
        clientToken: `${c.reference}-t1-${Date.parse(c.dueAt) / 1000}`,
      },
    ]);
    expect([...timers.scheduled.entries()]).toEqual([
      [
        timer,
        {
          at: new Date(c.dueAt),
          taskToken: TOKEN,
          outcome: { kind: 'fail', error: 'SlaBreached', cause: expect.stringContaining(c.reference) },
        },
      ],
    ]);
    expect(signals.resumed).toEqual([]);
  });

  it.each([1, 2, 3] as const)('names the tier-%i task by reference, tier and deadline', async (tier) => {
    // Prepare
    const { c, deps, contactCenter } = await setup({ status: 'assigned', tier, version: 5 });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect(contactCenter.tasks).toHaveLength(1);
    expect(contactCenter.tasks[0]).toMatchObject({ tier, departmentCode: 'roads' });
    expect(contactCenter.tasks[0]?.clientToken).toBe(`${c.reference}-t${tier}-${Date.parse(c.dueAt) / 1000}`);
  });

  it('opens one task and one timer when the step is retried after a failure', async () => {
    // Prepare
    const { c, deps, contactCenter, timers } = await setup({ status: 'assigned', tier: 1 });

    // Act: the first attempt fails after its write; Step Functions retries with the same token.
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect(new Set(contactCenter.tasks.map((t) => t.clientToken)).size).toBe(1);
    expect(timers.scheduled.size).toBe(1);
  });

  it.each(['assigned', 'in_progress', 'waiting_citizen'] as const)(
    'keeps a %s case’s status',
    async (status) => {
      // Prepare
      const { c, deps, stored } = await setup({ status });

      // Act
      await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

      // Assess
      expect((await stored()).status).toBe(status);
    },
  );

  it.each([
    ['already passed', '2026-03-01T05:00:00.000Z', '2026-03-01T06:01:00.000Z'],
    ['due right now', NOW, '2026-03-01T06:01:00.000Z'],
    ['due in ten minutes', '2026-03-01T06:10:00.000Z', '2026-03-01T06:10:00.000Z'],
  ])('arms the SLA timer for a deadline %s at %s → %s', async (_label, dueAt, firesAt) => {
    // Prepare
    const { c, deps, timers } = await setup({ dueAt });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect([...timers.scheduled.values()].map((t) => t.at.toISOString())).toEqual([firesAt]);
  });

  it('hands a case resolved meanwhile straight on to NotifyResolved, with no task and no timer', async () => {
    // Prepare: an agent resolved the case while the previous wait was being torn down.
    const resolution = { answer: 'تم ردم الحفرة.', at: '2026-03-01T05:59:00.000Z', by: 'agent.t1' };
    const { c, deps, timers, contactCenter, signals, stored } = await setup({
      status: 'resolved',
      resolvedAt: resolution.at,
      resolution,
    });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect(signals.resumed).toEqual([
      { taskToken: TOKEN, output: { action: 'resolve', answer: resolution.answer, at: resolution.at } },
    ]);
    expect(timers.scheduled.size).toBe(0);
    expect(contactCenter.tasks).toEqual([]);
    expect(await stored()).toEqual(c);
  });

  it('fails with ConflictError (retried by the state machine) when the case changes under it', async () => {
    // Prepare
    const { c, deps, cases, contactCenter, timers } = await setup();
    cases.beforeNextUpdate(async () => {
      await cases.update(c.reference, c.version, { assignee: 'agent.t1' }, []);
    });

    // Act
    const error = await caught(awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(contactCenter.tasks).toEqual([]);
    expect(timers.scheduled.size).toBe(0);
  });

  it('reports a missing case as NotFoundError', async () => {
    const { deps } = await setup();

    expect(await caught(awaitAgent({ reference: '999999999', taskToken: TOKEN }, deps))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('remembers which case and tier the opened task belongs to, opened when the wait began, without the token', async () => {
    // Prepare
    const { c, deps, connectTasks, stored } = await setup({ status: 'assigned', tier: 2 });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess: the recording contact center answered contact-1.
    expect([...connectTasks.tasks.values()]).toEqual([
      { contactId: 'contact-1', reference: c.reference, tier: 2, openedAt: NOW },
    ]);
    expect((await stored()).workflow?.since).toBe(NOW);
    expect(JSON.stringify([...connectTasks.tasks.values()])).not.toContain(TOKEN);
  });

  it('remembers nothing when no Connect instance is configured (no contact id)', async () => {
    // Prepare
    const { c, deps, connectTasks } = await setup();
    deps.contactCenter = noContactCenter;

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect(connectTasks.tasks.size).toBe(0);
  });

  it('opens a fresh task and timer at the same deadline after a task was closed in Connect (taskReopens)', async () => {
    // Prepare
    const { c, deps, contactCenter, timers } = await setup({ status: 'in_progress', taskReopens: 2 });

    // Act
    await awaitAgent({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    const deadline = Date.parse(c.dueAt) / 1000;
    expect(contactCenter.tasks[0]?.clientToken).toBe(`${c.reference}-t1-${deadline}-r2`);
    expect([...timers.scheduled.keys()]).toEqual([`sla-${c.reference}-t1-${deadline}-r2`]);
    expect([...timers.scheduled.values()][0]?.at).toEqual(new Date(c.dueAt));
  });
});

describe('handleSlaBreach', () => {
  it.each([
    [1, 2, '2026-03-02T06:31:00.000Z'],
    [2, 3, '2026-03-04T06:31:00.000Z'],
    [3, 3, '2026-03-04T06:31:00.000Z'],
  ] as const)(
    'moves a tier-%i case past its deadline to tier %i, due %s, and alerts supervisors',
    async (from, to, dueAt) => {
      // Prepare: due at 10:30 local, the timer fired at 10:31.
      const { c, deps, clock, alerts, cases, stored } = await setup({
        tier: from,
        status: 'in_progress',
        assignee: 'agent.t1',
        dueAt: '2026-03-01T06:30:00.000Z',
        workflow: waitingForAgent,
      });
      clock.set('2026-03-01T06:31:00.000Z');

      // Act
      const result = await handleSlaBreach({ reference: c.reference }, deps);

      // Assess
      expect(result).toEqual({ escalated: true, tier: to });
      const after = await stored();
      expect(after).toMatchObject({ tier: to, status: 'assigned', dueAt, version: 2 });
      expect(after.workflow).toBeUndefined();
      expect(after.assignee).toBeUndefined();
      expect(alerts.alerts).toEqual([
        {
          reference: c.reference,
          fromTier: from,
          toTier: to,
          dueAt: '2026-03-01T06:30:00.000Z',
          departmentCode: 'roads',
        },
      ]);
      const events = cases.timeline(c.reference);
      expect(events).toEqual([
        expect.objectContaining({ kind: 'tier', actor: 'system', data: { from, to, cause: 'sla_breach' } }),
      ]);
      expect(events[0]?.text).toMatch(/[\u0600-\u06FF]/);
      expect(events[0]?.text).toContain('SLA passed; moved automatically to');
    },
  );

  it('is a no-op when run again after it escalated (a retried EscalateOnBreach)', async () => {
    // Prepare
    const { c, deps, clock, alerts, stored } = await setup({ dueAt: '2026-03-01T06:30:00.000Z' });
    clock.set('2026-03-01T06:31:00.000Z');
    await handleSlaBreach({ reference: c.reference }, deps);

    // Act
    const again = await handleSlaBreach({ reference: c.reference }, deps);

    // Assess
    expect(again).toEqual({ escalated: false, tier: 2 });
    expect((await stored()).version).toBe(2);
    expect(alerts.alerts).toHaveLength(1);
  });

  it.each([
    ['an agent moved the deadline', { status: 'assigned', dueAt: '2026-03-01T06:45:00.000Z' }],
    ['the case is resolved', { status: 'resolved', dueAt: '2026-03-01T06:30:00.000Z' }],
    ['the case is closed', { status: 'closed', dueAt: '2026-03-01T06:30:00.000Z' }],
  ] satisfies [string, Partial<Case>][])('leaves the case alone when %s', async (_label, overrides) => {
    // Prepare
    const { c, deps, clock, alerts, cases, stored } = await setup({ tier: 2, ...overrides });
    clock.set('2026-03-01T06:31:00.000Z');

    // Act
    const result = await handleSlaBreach({ reference: c.reference }, deps);

    // Assess
    expect(result).toEqual({ escalated: false, tier: 2 });
    expect(await stored()).toEqual(c);
    expect(alerts.alerts).toEqual([]);
    expect(cases.timeline(c.reference)).toEqual([]);
  });
});

describe('awaitReopenWindow', () => {
  it('stores the token and arms the close timer at resolvedAt + the reopen window', async () => {
    // Prepare
    const { c, deps, clock, timers, stored } = await setup({
      status: 'resolved',
      resolvedAt: '2026-03-01T06:00:00.000Z',
    });
    clock.set('2026-03-01T06:05:00.000Z');

    // Act
    await awaitReopenWindow({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    const timer = `close-${c.reference}-${Date.parse('2026-03-01T06:00:00.000Z') / 1000}`;
    const after = await stored();
    expect(after.status).toBe('resolved');
    expect(after.workflow).toEqual({
      taskToken: TOKEN,
      waitingFor: 'reopen_window',
      since: '2026-03-01T06:05:00.000Z',
      timer,
    });
    expect([...timers.scheduled.entries()]).toEqual([
      [
        timer,
        {
          at: new Date('2026-03-08T06:00:00.000Z'),
          taskToken: TOKEN,
          outcome: { kind: 'succeed', output: { action: 'close' } },
        },
      ],
    ]);
  });

  it('closes a minute from now when the window has already run out', async () => {
    // Prepare: NotifyResolved kept retrying past the whole window.
    const { c, deps, clock, timers } = await setup({
      status: 'resolved',
      resolvedAt: '2026-03-01T06:00:00.000Z',
    });
    clock.set('2026-03-09T06:00:00.000Z');

    // Act
    await awaitReopenWindow({ reference: c.reference, taskToken: TOKEN }, deps);

    // Assess
    expect([...timers.scheduled.values()].map((t) => t.at.toISOString())).toEqual([
      '2026-03-09T06:01:00.000Z',
    ]);
  });
});

describe('closeCase', () => {
  it('closes a resolved case, forgets the workflow and notes the change on the timeline', async () => {
    // Prepare
    const { c, deps, clock, cases, stored } = await setup({ status: 'resolved', workflow: waitingForReopen });
    clock.set('2026-03-08T06:00:00.000Z');

    // Act
    await closeCase({ reference: c.reference }, deps);

    // Assess
    const after = await stored();
    expect(after).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-08T06:00:00.000Z',
      updatedAt: '2026-03-08T06:00:00.000Z',
      version: 2,
    });
    expect(after.workflow).toBeUndefined();
    expect(cases.timeline(c.reference)).toEqual([
      {
        reference: c.reference,
        id: 'close-1',
        at: '2026-03-08T06:00:00.000Z',
        kind: 'status',
        actor: 'system',
        data: { from: 'resolved', to: 'closed' },
      },
    ]);
  });

  it('leaves a closed case as it is (a retried CloseCase)', async () => {
    // Prepare
    const { c, deps, cases, stored } = await setup({ status: 'closed', closedAt: NOW });

    // Act
    await closeCase({ reference: c.reference }, deps);

    // Assess
    expect(await stored()).toEqual(c);
    expect(cases.timeline(c.reference)).toEqual([]);
  });
});

describe('actOnCase', () => {
  it('escalates a waiting case: stored at tier 2, timer disarmed, the workflow told to move', async () => {
    // Prepare
    const { c, deps, timers, signals, stored } = await setup({
      status: 'assigned',
      workflow: waitingForAgent,
    });

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'escalate', reason: 'needs a senior' },
      staff('agent_t1'),
      deps,
    );

    // Assess
    expect(updated).toEqual(await stored());
    expect(updated).toMatchObject({ tier: 2, status: 'assigned', version: 2 });
    expect(updated.workflow).toBeUndefined();
    expect(timers.cancelled).toEqual([SLA_TIMER]);
    expect(timers.scheduled.has(SLA_TIMER)).toBe(false);
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 2 } }]);
  });

  it('resolves a waiting case and hands the answer to the workflow', async () => {
    // Prepare
    const { c, deps, signals } = await setup({ status: 'in_progress', workflow: waitingForAgent });

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'resolve', answer: 'تم الإصلاح.' },
      staff('agent_t1'),
      deps,
    );

    // Assess
    expect(updated.status).toBe('resolved');
    expect(signals.resumed).toEqual([
      { taskToken: TOKEN, output: { action: 'resolve', answer: 'تم الإصلاح.', at: NOW } },
    ]);
  });

  it('reopens a case in its reopen window and sends the workflow back to the resolving tier', async () => {
    // Prepare
    const { c, deps, timers, signals } = await setup({
      tier: 2,
      status: 'resolved',
      workflow: waitingForReopen,
    });

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'reopen', reason: 'لم تُحل المشكلة' },
      staff('supervisor'),
      deps,
    );

    // Assess
    expect(updated.status).toBe('in_progress');
    expect(updated.workflow).toBeUndefined();
    expect(timers.cancelled).toEqual(['close-timer-1']);
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'reopen', tier: 2 } }]);
  });

  it('notes on the timeline, without failing the agent, when the workflow had already moved on', async () => {
    // Prepare: the SLA timer fired first and used the token.
    const { c, deps, cases, signals } = await setup({ status: 'assigned', workflow: waitingForAgent });
    signals.expire(TOKEN);

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'escalate', reason: 'needs a senior' },
      staff('agent_t1'),
      deps,
    );

    // Assess
    expect(updated.tier).toBe(2);
    expect(signals.resumed).toEqual([]);
    const notes = cases.timeline(c.reference).filter((e) => e.kind === 'note');
    expect(notes).toEqual([
      expect.objectContaining({
        actor: 'system',
        text: expect.stringContaining('workflow had already moved on'),
        data: { signal: { action: 'move', tier: 2 } },
      }),
    ]);
  });

  it('does not resume the workflow for a claim: the case keeps waiting with its timer armed', async () => {
    // Prepare
    const { c, deps, timers, signals } = await setup({ status: 'assigned', workflow: waitingForAgent });

    // Act
    const updated = await actOnCase(c.reference, { kind: 'claim' }, staff('agent_t1'), deps);

    // Assess
    expect(updated).toMatchObject({ status: 'in_progress', assignee: 'agent.t1' });
    expect(updated.workflow).toEqual(waitingForAgent);
    expect(timers.cancelled).toEqual([]);
    expect(signals.resumed).toEqual([]);
  });

  it('stores a tier move but tells nobody when no workflow is waiting (between two waits)', async () => {
    // Prepare
    const { c, deps, timers, signals } = await setup({ status: 'assigned' });

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'escalate', reason: 'needs a senior' },
      staff('agent_t1'),
      deps,
    );

    // Assess
    expect(updated.tier).toBe(2);
    expect(timers.cancelled).toEqual([]);
    expect(signals.resumed).toEqual([]);
  });

  it('does not hand a tier move to a workflow that waits for something else (the reopen window)', async () => {
    // Prepare: an open case whose stored wait is the reopen window (see the known gap below).
    const { c, deps, timers, signals, stored } = await setup({
      status: 'in_progress',
      workflow: waitingForReopen,
    });

    // Act
    await actOnCase(c.reference, { kind: 'escalate', reason: 'needs a senior' }, staff('supervisor'), deps);

    // Assess
    expect(await stored()).toMatchObject({ tier: 2, workflow: waitingForReopen });
    expect(timers.cancelled).toEqual([]);
    expect(signals.resumed).toEqual([]);
  });

  it('answers another department’s staff exactly as for a case that does not exist', async () => {
    // Prepare
    const { c, deps, stored } = await setup({ tier: 3, status: 'assigned', workflow: waitingForAgent });

    // Act
    const otherDepartment = await caught(
      actOnCase(c.reference, { kind: 'note', text: 'x' }, staff('dept_cleanliness'), deps),
    );
    const missing = await caught(
      actOnCase('999999999', { kind: 'note', text: 'x' }, staff('dept_cleanliness'), deps),
    );

    // Assess
    expect(otherDepartment).toBeInstanceOf(NotFoundError);
    expect(otherDepartment).not.toBeInstanceOf(ForbiddenError);
    expect((otherDepartment as NotFoundError).messages).toEqual((missing as NotFoundError).messages);
    expect(await stored()).toEqual(c);
  });

  it('refuses (403) the department’s own staff on a case still at tier 1', async () => {
    // Prepare
    const { c, deps, stored } = await setup({ tier: 1, status: 'assigned' });

    // Act
    const error = await caught(actOnCase(c.reference, { kind: 'claim' }, staff('dept_roads'), deps));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await stored()).toEqual(c);
  });

  it('lets the department’s staff add a note to a closed case', async () => {
    // Prepare
    const { c, deps, cases } = await setup({ tier: 3, status: 'closed' });

    // Act
    const updated = await actOnCase(
      c.reference,
      { kind: 'note', text: 'أُغلق بعد زيارة الموقع' },
      staff('dept_roads'),
      deps,
    );

    // Assess
    expect(updated.status).toBe('closed');
    expect(cases.timeline(c.reference).map((e) => [e.kind, e.text])).toEqual([
      ['note', 'أُغلق بعد زيارة الموقع'],
    ]);
  });

  it('decides again on the fresh case when another write lands between its read and its write', async () => {
    // Prepare: another agent claims the case between this request's read and its write.
    const { c, deps, cases, signals, stored } = await setup({
      status: 'assigned',
      workflow: waitingForAgent,
    });
    cases.beforeNextUpdate(async () => {
      await cases.update(c.reference, c.version, { assignee: 'agent.other', status: 'in_progress' }, []);
    });

    // Act
    await actOnCase(c.reference, { kind: 'escalate', reason: 'needs a senior' }, staff('agent_t1'), deps);

    // Assess: the escalation still applies after the claim (a new tier has no assignee yet) and resumes
    // the workflow once.
    const after = await stored();
    expect(after).toMatchObject({ tier: 2, version: 3 });
    expect(after?.assignee).toBeUndefined();
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'move', tier: 2 } }]);
  });

  it('refuses, changing nothing more, when the write in between makes the action wrong', async () => {
    // Prepare: another agent resolves the case while this one escalates it.
    const { c, deps, cases, timers, signals, stored } = await setup({
      status: 'assigned',
      workflow: waitingForAgent,
    });
    cases.beforeNextUpdate(async () => {
      await cases.update(c.reference, c.version, { status: 'resolved', workflow: undefined }, []);
    });

    // Act
    const error = await caught(
      actOnCase(c.reference, { kind: 'escalate', reason: 'needs a senior' }, staff('agent_t1'), deps),
    );

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('already resolved');
    expect(await stored()).toMatchObject({ tier: 1, status: 'resolved', version: 2 });
    expect(timers.cancelled).toEqual([]);
    expect(signals.resumed).toEqual([]);
  });
});

describe('recordCitizenMessage', () => {
  const LATER = '2026-03-02T06:00:00.000Z';
  const message = (c: Case): CaseEvent => ({
    reference: c.reference,
    id: 'msg-sms-2',
    at: LATER,
    kind: 'message_in',
    actor: 'citizen',
    channel: 'sms',
    text: 'الحفرة ما زالت موجودة',
  });

  it('puts a case waiting for the citizen back to work', async () => {
    // Prepare
    const { c, deps, clock, cases, signals, stored } = await setup({ status: 'waiting_citizen' });
    clock.set(LATER);

    // Act
    await recordCitizenMessage(c, message(c), deps);

    // Assess
    expect(await stored()).toMatchObject({ status: 'in_progress', updatedAt: LATER, version: 2 });
    expect(cases.timeline(c.reference)).toEqual([message(c)]);
    expect(signals.resumed).toEqual([]);
  });

  it('reopens a resolved case in its reopen window at the tier that resolved it', async () => {
    // Prepare
    const { c, deps, clock, cases, timers, signals, stored } = await setup({
      tier: 2,
      status: 'resolved',
      resolvedAt: NOW,
      workflow: waitingForReopen,
    });
    clock.set(LATER);

    // Act
    await recordCitizenMessage(c, message(c), deps);

    // Assess
    const after = await stored();
    expect(after).toMatchObject({ status: 'in_progress', updatedAt: LATER, version: 2 });
    expect(after.workflow).toBeUndefined();
    expect(timers.cancelled).toEqual(['close-timer-1']);
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'reopen', tier: 2 } }]);
    expect(cases.timeline(c.reference)).toEqual([
      message(c),
      {
        reference: c.reference,
        id: 'reopen-1',
        at: LATER,
        kind: 'status',
        actor: 'citizen',
        data: { from: 'resolved', to: 'in_progress' },
      },
    ]);
  });

  it.each([
    ['new', undefined],
    ['assigned', waitingForAgent],
    ['in_progress', waitingForAgent],
    ['closed', undefined],
  ] satisfies [CaseStatus, Case['workflow']][])(
    'only adds the message to a %s case (workflow: %o)',
    async (status, workflow) => {
      // Prepare
      const { c, deps, clock, cases, timers, signals, stored } = await setup({
        status,
        ...(workflow ? { workflow } : {}),
      });
      clock.set(LATER);

      // Act
      await recordCitizenMessage(c, message(c), deps);

      // Assess
      expect(await stored()).toEqual({ ...c, updatedAt: LATER, version: 2 });
      expect(cases.timeline(c.reference)).toEqual([message(c)]);
      expect(timers.cancelled).toEqual([]);
      expect(signals.resumed).toEqual([]);
    },
  );
});

it('reopens a resolved case whose reopen window is not armed yet, without resuming anything', async () => {
  // Prepare: resolved moments ago, the workflow still sending the answer (no workflow stored).
  const { c, deps, clock, timers, signals, stored } = await setup({ status: 'resolved', resolvedAt: NOW });
  const later = '2026-03-02T06:00:00.000Z';
  clock.set(later);

  // Act
  await recordCitizenMessage(
    c,
    {
      reference: c.reference,
      id: 'in-sms-1',
      at: later,
      kind: 'message_in',
      actor: 'citizen',
      text: 'لم تُحل',
    },
    deps,
  );

  // Assess: in progress again with a fresh deadline; awaitReopenWindow will hand the workflow back.
  const after = await stored();
  expect(after.status).toBe('in_progress');
  expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(later));
  expect(timers.cancelled).toEqual([]);
  expect(signals.resumed).toEqual([]);
});

it('a citizen reply racing the lifecycle’s own update is decided again on the fresh case, not lost', async () => {
  // Prepare: resolved; while the reply is being recorded, the lifecycle arms the reopen window.
  const { c, deps, cases, signals, stored } = await setup({ status: 'resolved', resolvedAt: NOW });
  cases.beforeNextUpdate(async () => {
    await cases.update(c.reference, c.version, { workflow: waitingForReopen }, []);
  });
  const reply: CaseEvent = {
    reference: c.reference,
    id: 'in-sms-race',
    at: NOW,
    kind: 'message_in',
    actor: 'citizen',
    text: 'لم تُحل المشكلة',
  };

  // Act
  await recordCitizenMessage(c, reply, deps);

  // Assess: reopened, and the reopen window the lifecycle just armed is told so.
  expect((await stored()).status).toBe('in_progress');
  expect(signals.resumed).toEqual([
    { taskToken: waitingForReopen.taskToken, output: { action: 'reopen', tier: c.tier } },
  ]);
});

/** Races between agents, citizens and the lifecycle's own timers. */
describe('reopen races', () => {
  it('a reopened case gets a fresh SLA for its tier instead of breaching a minute later', async () => {
    // Prepare: resolved on Sunday, reopened on Tuesday 10:00 local; its tier-1 deadline passed on Sunday.
    const { c, deps, clock, timers, alerts } = await setup({
      status: 'resolved',
      dueAt: '2026-03-01T06:30:00.000Z',
      resolvedAt: '2026-03-01T06:10:00.000Z',
      workflow: waitingForReopen,
    });
    clock.set('2026-03-03T06:00:00.000Z');
    await actOnCase(c.reference, { kind: 'reopen', reason: 'لم تُحل المشكلة' }, staff('supervisor'), deps);

    // Act: the workflow waits in tier 1 again, and its timer fires.
    await awaitAgent({ reference: c.reference, taskToken: 'task-token-2' }, deps);
    const armed = [...timers.scheduled.values()].map((t) => t.at.toISOString());
    clock.advance({ minutes: 1 });
    await handleSlaBreach({ reference: c.reference }, deps);

    // Assess: tier 1's 30 business minutes from the reopen, and no breach.
    expect(armed).toEqual(['2026-03-03T06:30:00.000Z']);
    expect(alerts.alerts).toEqual([]);
  });

  it('a case reopened before the reopen window was armed goes back to work instead of closing', async () => {
    // Prepare: resolved, then reopened while NotifyResolved was still running (no workflow stored).
    const { c, deps, timers, signals, stored } = await setup({
      status: 'resolved',
      resolvedAt: NOW,
      resolution: { answer: 'تم', at: NOW, by: 'agent.t1' },
    });
    await actOnCase(c.reference, { kind: 'reopen', reason: 'لم تُحل المشكلة' }, staff('supervisor'), deps);

    // Act
    await awaitReopenWindow({ reference: c.reference, taskToken: 'task-token-2' }, deps);

    // Assess: like awaitAgent's resolved race, the workflow is sent straight back to the tier.
    expect(timers.scheduled.size).toBe(0);
    expect(signals.resumed).toEqual([{ taskToken: 'task-token-2', output: { action: 'reopen', tier: 1 } }]);
    expect((await stored()).workflow).toBeUndefined();
  });

  it('closeCase leaves a case that is not resolved open', async () => {
    // Prepare
    const { c, deps, stored } = await setup({ status: 'in_progress', workflow: waitingForReopen });

    // Act
    await closeCase({ reference: c.reference }, deps);

    // Assess
    expect((await stored()).status).toBe('in_progress');
  });
});
