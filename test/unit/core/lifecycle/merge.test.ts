import { describe, expect, it } from 'vitest';
import type { Staff } from '#core/auth/roles.ts';
import type { Case } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ConflictError, ForbiddenError, ValidationError } from '#core/errors.ts';
import { awaitAgent } from '#core/lifecycle/lifecycle.ts';
import { decideMerge, mergeCases } from '#core/lifecycle/merge.ts';
import type { NotifyRequest } from '#core/notify/notify-citizen.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryConnectTaskStore,
  RecordingSignals,
  RecordingTimers,
} from '../../../support/in-memory-stores.ts';
import { InterleavingCaseStore, RecordingContactCenter } from '../../../support/lifecycle-doubles.ts';

const NOW = '2026-03-01T06:00:00.000Z';
const PRIMARY = formatReference(2026, 10);
const DUPLICATE = formatReference(2026, 11);
const TOKEN = 'token-of-the-duplicate';

const STAFF = {
  agent_t1: { username: 'agent.t1', roles: ['agent_t1'], departments: [] },
  dept_roads: { username: 'roads.staff', roles: ['dept_staff'], departments: ['roads'] },
  dept_other: { username: 'clean.staff', roles: ['dept_staff'], departments: ['cleanliness'] },
} as const satisfies Record<string, Staff>;
const staff = (who: keyof typeof STAFF) => structuredClone(STAFF[who]) as Staff;

const pothole = (overrides: Partial<Case>) =>
  aCase({ categoryCode: 'pothole', departmentCode: 'roads', status: 'assigned', tier: 1, ...overrides });

const ctx = (who: keyof typeof STAFF = 'agent_t1') => ({
  staff: staff(who),
  now: new Date(NOW),
  calendar: MUSCAT_CALENDAR,
  catalogue: SEED_CATALOGUE,
});

const REQUEST = { into: PRIMARY, reason: 'the same pothole' };

describe('decideMerge', () => {
  it('closes the duplicate into the primary and makes its citizen a follower, with a merge event on each', () => {
    const duplicate = pothole({ reference: DUPLICATE, version: 4 });
    const primary = pothole({ reference: PRIMARY, followers: [formatReference(2026, 9)] });
    const decision = decideMerge(duplicate, primary, REQUEST, ctx());
    expect(decision.duplicate.changes).toEqual({
      status: 'closed',
      closedAt: NOW,
      updatedAt: NOW,
      mergedInto: PRIMARY,
    });
    expect(decision.duplicate.events.map((e) => [e.kind, e.data])).toEqual([
      ['merge', { into: PRIMARY }],
      ['status', { from: 'assigned', to: 'closed' }],
    ]);
    expect(decision.primary.changes.followers).toEqual([formatReference(2026, 9), DUPLICATE]);
    expect(decision.primary.events).toMatchObject([
      { reference: PRIMARY, kind: 'merge', text: 'the same pothole', data: { from: DUPLICATE } },
    ]);
    expect(decision.signal).toEqual({ action: 'merged', into: PRIMARY });
  });

  it.each([
    ['into itself', pothole({ reference: DUPLICATE }), pothole({ reference: DUPLICATE }), ValidationError],
    ['into a missing case', pothole({ reference: DUPLICATE }), undefined, ValidationError],
    [
      'a resolved duplicate',
      pothole({ reference: DUPLICATE, status: 'resolved' }),
      pothole({ reference: PRIMARY }),
      ConflictError,
    ],
    [
      'into a primary that was itself merged',
      pothole({ reference: DUPLICATE }),
      pothole({ reference: PRIMARY, status: 'closed', mergedInto: formatReference(2026, 3) }),
      ConflictError,
    ],
    [
      'into a resolved primary',
      pothole({ reference: DUPLICATE }),
      pothole({ reference: PRIMARY, status: 'resolved' }),
      ConflictError,
    ],
  ] as const)('refuses to merge %s', (_name, duplicate, primary, error) => {
    const request = { ...REQUEST, into: primary?.reference ?? formatReference(2026, 99) };
    expect(() => decideMerge(duplicate, primary, request, ctx())).toThrow(error);
  });

  it('lets only those who work the duplicate’s tier merge it, into a case they can see', () => {
    const duplicate = pothole({ reference: DUPLICATE, tier: 3 });
    const primary = pothole({ reference: PRIMARY, tier: 3 });
    expect(() => decideMerge(duplicate, primary, REQUEST, ctx('agent_t1'))).toThrow(ForbiddenError);
    expect(decideMerge(duplicate, primary, REQUEST, ctx('dept_roads')).signal.action).toBe('merged');
    // Another department's primary answers like a missing one.
    const elsewhere = pothole({ reference: PRIMARY, departmentCode: 'cleanliness' });
    expect(() => decideMerge(duplicate, elsewhere, REQUEST, ctx('dept_roads'))).toThrow(ValidationError);
  });
});

async function setup() {
  const cases = new InterleavingCaseStore();
  const signals = new RecordingSignals();
  const timers = new RecordingTimers();
  const notified: NotifyRequest[] = [];
  const deps = {
    cases,
    signals,
    timers,
    clock: new FixedClock(NOW),
    calendar: MUSCAT_CALENDAR,
    catalogue: SEED_CATALOGUE,
    notify: async (req: NotifyRequest) => {
      notified.push(req);
    },
  };
  await cases.create(pothole({ reference: PRIMARY, version: 1 }), []);
  await cases.create(
    pothole({
      reference: DUPLICATE,
      version: 1,
      workflow: { taskToken: TOKEN, waitingFor: 'agent', since: NOW, timer: 'sla-dup' },
    }),
    [],
  );
  await timers.schedule('sla-dup', new Date('2026-03-02T06:00:00Z'), TOKEN, {
    kind: 'fail',
    error: 'SlaBreached',
    cause: 'armed by the test',
  });
  return { cases, signals, timers, notified, deps };
}

describe('mergeCases', () => {
  it('stores both sides, ends the duplicate’s wait, disarms its SLA timer and tells its citizen', async () => {
    const { cases, signals, timers, notified, deps } = await setup();
    const merged = await mergeCases(DUPLICATE, REQUEST, staff('agent_t1'), deps);
    expect(merged).toMatchObject({ status: 'closed', mergedInto: PRIMARY });
    expect(merged.workflow).toBeUndefined();
    expect((await cases.get(PRIMARY))?.followers).toEqual([DUPLICATE]);
    expect(signals.resumed).toEqual([{ taskToken: TOKEN, output: { action: 'merged', into: PRIMARY } }]);
    expect(timers.cancelled).toEqual(['sla-dup']);
    expect(notified).toEqual([
      { reference: DUPLICATE, template: 'merged', messageId: `merged-${DUPLICATE}` },
    ]);
  });

  it('decides again when the lifecycle writes the duplicate in between, without adding the follower twice', async () => {
    const { cases, signals, deps } = await setup();
    // The primary's write goes through; just before the duplicate's, the lifecycle stores a fresh token on it.
    cases.beforeNextUpdate(async () =>
      cases.beforeNextUpdate(async () => {
        const current = await cases.get(DUPLICATE);
        await cases.update(
          DUPLICATE,
          current?.version ?? 0,
          { workflow: { taskToken: 'fresh-token', waitingFor: 'agent', since: NOW, timer: 'sla-dup-2' } },
          [],
        );
      }),
    );
    const merged = await mergeCases(DUPLICATE, REQUEST, staff('agent_t1'), deps);
    expect(merged.mergedInto).toBe(PRIMARY);
    expect((await cases.get(PRIMARY))?.followers).toEqual([DUPLICATE]);
    expect(signals.resumed.map((s) => s.taskToken)).toEqual(['fresh-token']);
  });

  it('answers a merge of another department’s case like a missing case, and changes nothing', async () => {
    const { cases, deps } = await setup();
    await expect(mergeCases(DUPLICATE, REQUEST, staff('dept_other'), deps)).rejects.toThrow('Case not found');
    expect((await cases.get(PRIMARY))?.followers).toBeUndefined();
    expect((await cases.get(DUPLICATE))?.status).toBe('assigned');
  });
});

describe('awaitAgent on a case merged between two waits', () => {
  it('ends the lifecycle instead of opening a task', async () => {
    const { cases, signals } = await setup();
    const dup = await cases.get(DUPLICATE);
    await cases.update(DUPLICATE, dup?.version ?? 0, { status: 'closed', mergedInto: PRIMARY }, []);
    const contactCenter = new RecordingContactCenter();
    await awaitAgent(
      { reference: DUPLICATE, taskToken: 'next-token' },
      {
        cases,
        contactCenter,
        connectTasks: new InMemoryConnectTaskStore(),
        timers: new RecordingTimers(),
        signals,
        clock: new FixedClock(NOW),
        catalogue: SEED_CATALOGUE,
      },
    );
    expect(contactCenter.tasks).toEqual([]);
    expect(signals.resumed).toEqual([
      { taskToken: 'next-token', output: { action: 'merged', into: PRIMARY } },
    ]);
  });
});

describe('mergeCases again after a failed notice', () => {
  it('sends the notice again under the same id instead of refusing the closed duplicate', async () => {
    const { cases, notified, deps } = await setup();
    await mergeCases(DUPLICATE, REQUEST, staff('agent_t1'), deps);
    const again = await mergeCases(DUPLICATE, REQUEST, staff('agent_t1'), deps);
    expect(again.mergedInto).toBe(PRIMARY);
    expect(notified.map((n) => n.messageId)).toEqual([`merged-${DUPLICATE}`, `merged-${DUPLICATE}`]);
    expect((await cases.get(PRIMARY))?.followers).toEqual([DUPLICATE]);
  });
});
