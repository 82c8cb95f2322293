import { describe, expect, it } from 'vitest';
import type { Staff } from '#core/auth/roles.ts';
import type { Case, CaseStatus, Tier } from '#core/case/case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import type { Category } from '#core/catalogue/types.ts';
import { ConflictError, ForbiddenError, ValidationError } from '#core/errors.ts';
import { decideAction, type SingleCaseAction } from '#core/lifecycle/agent-actions.ts';
import { dueAtFor } from '#core/lifecycle/tiers.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';
import { InMemoryCaseStore } from '../../../support/in-memory-stores.ts';

/** Sunday 1 March 2026, 10:00 in Muscat: working time, so deadlines are easy to read. */
const NOW = new Date('2026-03-01T06:00:00.000Z');
const AT = NOW.toISOString();

const STAFF = {
  agent_t1: { username: 'agent.t1', roles: ['agent_t1'], departments: [] },
  agent_t2: { username: 'agent.t2', roles: ['agent_t2'], departments: [] },
  dept_own: { username: 'roads.staff', roles: ['dept_staff'], departments: ['roads'] },
  dept_other: { username: 'clean.staff', roles: ['dept_staff'], departments: ['cleanliness'] },
  supervisor: { username: 'supervisor', roles: ['supervisor'], departments: [] },
  admin: { username: 'admin', roles: ['admin'], departments: [] },
} as const satisfies Record<string, Staff>;
type Who = keyof typeof STAFF;

const staff = (who: Who): Staff => structuredClone(STAFF[who]) as Staff;

/** A pothole case in the roads department (high priority: 30 / 420 / 1260 business minutes). */
const roadsCase = (overrides: Partial<Case> = {}) =>
  aCase({ categoryCode: 'pothole', departmentCode: 'roads', status: 'assigned', version: 3, ...overrides });

const decide = (c: Case, action: SingleCaseAction, who: Who = 'admin') =>
  decideAction(c, action, {
    staff: staff(who),
    now: NOW,
    calendar: MUSCAT_CALENDAR,
    catalogue: SEED_CATALOGUE,
  });

/** Runs `act` and names its outcome, so a table can say what each combination must do. */
function outcome(act: () => unknown): 'allowed' | 'forbidden' | 'conflict' | 'other error' {
  try {
    act();
    return 'allowed';
  } catch (error) {
    if (error instanceof ForbiddenError) return 'forbidden';
    if (error instanceof ConflictError) return 'conflict';
    return 'other error';
  }
}

/** Who works which tier, written out by hand from the rules (not computed like the code does). */
const WORKS: Record<Who, Record<Tier, boolean>> = {
  agent_t1: { 1: true, 2: false, 3: false },
  agent_t2: { 1: true, 2: true, 3: false },
  dept_own: { 1: false, 2: false, 3: true },
  dept_other: { 1: false, 2: false, 3: false },
  supervisor: { 1: true, 2: true, 3: true },
  admin: { 1: true, 2: true, 3: true },
};

const ACTIONS = {
  claim: { kind: 'claim' },
  escalate: { kind: 'escalate', reason: 'needs a senior' },
  deescalate: { kind: 'deescalate', reason: 'back to the front line' },
  resolve: { kind: 'resolve', answer: 'تم ردم الحفرة.' },
  recategorize: { kind: 'recategorize', categoryCode: 'road_damage', reason: 'kerb, not a pothole' },
} as const satisfies Record<string, SingleCaseAction>;

function expected(who: Who, tier: Tier, action: keyof typeof ACTIONS) {
  if (!WORKS[who][tier]) return 'forbidden';
  if (action === 'escalate' && tier === 3) return 'conflict';
  if (action === 'deescalate' && tier === 1) return 'conflict';
  return 'allowed';
}

const MATRIX = (Object.keys(STAFF) as Who[]).flatMap((who) =>
  ([1, 2, 3] as const).flatMap((tier) =>
    (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).map(
      (action) => [who, tier, action, expected(who, tier, action)] as const,
    ),
  ),
);

describe('decideAction: who may act at which tier', () => {
  it('covers every role, tier and action', () => {
    expect(MATRIX).toHaveLength(6 * 3 * 5);
    expect(MATRIX.filter(([, , , result]) => result === 'allowed')).toHaveLength(43);
  });

  it.each(MATRIX)('%s on a tier-%i roads case: %s is %s', (who, tier, action, result) => {
    // Prepare
    const c = roadsCase({ tier });

    // Act
    const actual = outcome(() => decide(c, ACTIONS[action], who));

    // Assess
    expect(actual).toBe(result);
  });

  it('says in both languages why a case outside the caller’s queue is refused', () => {
    // Act
    const act = () => decide(roadsCase({ tier: 2 }), ACTIONS.claim, 'agent_t1');

    // Assess
    expect(act).toThrow(ForbiddenError);
    expect(act).toThrow(
      expect.objectContaining({
        messages: { ar: expect.any(String), en: 'This case is not in your queue.' },
      }),
    );
  });
});

describe('decideAction: claim', () => {
  it('assigns the case to the caller and starts the work, without telling the workflow', () => {
    // Prepare
    const c = roadsCase({ tier: 1, status: 'assigned' });

    // Act
    const result = decide(c, ACTIONS.claim, 'agent_t1');

    // Assess
    expect(result.changes).toEqual({ assignee: 'agent.t1', status: 'in_progress', updatedAt: AT });
    expect(result.events).toEqual([
      {
        reference: c.reference,
        id: 'claim-3',
        at: AT,
        kind: 'assignment',
        actor: 'agent.t1',
        data: { assignee: 'agent.t1' },
      },
    ]);
    expect(result.signal).toBeUndefined();
  });

  it('refuses a resolved case', () => {
    expect(() => decide(roadsCase({ status: 'resolved' }), ACTIONS.claim)).toThrow(ConflictError);
  });
});

describe('decideAction: escalate and de-escalate', () => {
  it.each([
    ['escalate', 1, 2, 'agent_t1', '2026-03-02T06:00:00.000Z'],
    ['escalate', 2, 3, 'agent_t2', '2026-03-04T06:00:00.000Z'],
    ['deescalate', 3, 2, 'dept_own', '2026-03-02T06:00:00.000Z'],
    ['deescalate', 2, 1, 'supervisor', '2026-03-01T06:30:00.000Z'],
  ] as const)(
    '%s from tier %i to %i by %s: the new tier’s queue and deadline, and the workflow moves',
    (kind, from, to, who, dueAt) => {
      // Prepare
      const c = roadsCase({ tier: from, status: 'in_progress', assignee: 'someone' });

      // Act
      const result = decide(c, { kind, reason: 'سبب / reason' }, who);

      // Assess
      expect(result.changes).toEqual({
        tier: to,
        status: 'assigned',
        dueAt,
        updatedAt: AT,
        assignee: undefined,
      });
      expect(result.events).toEqual([
        {
          reference: c.reference,
          id: `tier-3-${to}`,
          at: AT,
          kind: 'tier',
          actor: STAFF[who].username,
          text: 'سبب / reason',
          data: { from, to, cause: 'agent' },
        },
      ]);
      expect(result.signal).toEqual({ action: 'move', tier: to });
    },
  );

  it.each([
    ['escalate', 3],
    ['deescalate', 1],
  ] as const)('refuses to %s past the last tier (tier %i) with a bilingual ConflictError', (kind, tier) => {
    const act = () => decide(roadsCase({ tier }), { kind, reason: 'r' }, 'admin');

    expect(act).toThrow(ConflictError);
    expect(act).toThrow(
      expect.objectContaining({
        messages: { ar: expect.any(String), en: 'There is no tier further in that direction.' },
      }),
    );
  });

  it.each(['escalate', 'deescalate'] as const)('refuses to %s a resolved case', (kind) => {
    expect(() => decide(roadsCase({ tier: 2, status: 'resolved' }), { kind, reason: 'r' })).toThrow(
      ConflictError,
    );
  });
});

describe('decideAction: resolve', () => {
  it.each(['new', 'assigned', 'in_progress', 'waiting_citizen'] as const)(
    'resolves a %s case with the answer, and hands the answer to the workflow',
    (status) => {
      // Prepare
      const c = roadsCase({ tier: 1, status });

      // Act
      const result = decide(c, { kind: 'resolve', answer: 'تم ردم الحفرة.' }, 'agent_t1');

      // Assess
      expect(result.changes).toEqual({
        status: 'resolved',
        resolvedAt: AT,
        updatedAt: AT,
        resolution: { answer: 'تم ردم الحفرة.', at: AT, by: 'agent.t1' },
      });
      expect(result.events).toEqual([
        {
          reference: c.reference,
          id: 'resolve-3',
          at: AT,
          kind: 'status',
          actor: 'agent.t1',
          text: 'تم ردم الحفرة.',
          data: { from: status, to: 'resolved' },
        },
      ]);
      expect(result.signal).toEqual({ action: 'resolve', answer: 'تم ردم الحفرة.', at: AT });
    },
  );

  it('refuses a case that is already resolved', () => {
    expect(() => decide(roadsCase({ status: 'resolved' }), ACTIONS.resolve)).toThrow(ConflictError);
  });
});

describe('decideAction: reopen', () => {
  it.each([1, 2, 3] as const)(
    'reopens a resolved tier-%i case and sends the workflow back to that tier',
    (tier) => {
      // Prepare
      const c = roadsCase({ tier, status: 'resolved', resolvedAt: '2026-02-28T06:00:00.000Z' });

      // Act
      const result = decide(c, { kind: 'reopen', reason: 'المواطن أفاد بعودة المشكلة' }, 'supervisor');

      // Assess
      // The tier's SLA starts again from the reopening.
      const pothole = SEED_CATALOGUE.categories.find((x) => x.code === 'pothole');
      expect(result.changes).toEqual({
        status: 'in_progress',
        updatedAt: AT,
        dueAt: dueAtFor(pothole as Category, tier, NOW, MUSCAT_CALENDAR),
      });
      expect(new Date(result.changes.dueAt ?? 0).getTime()).toBeGreaterThan(NOW.getTime());
      expect(result.events).toEqual([
        {
          reference: c.reference,
          id: 'reopen-3',
          at: AT,
          kind: 'status',
          actor: 'supervisor',
          text: 'المواطن أفاد بعودة المشكلة',
          data: { from: 'resolved', to: 'in_progress' },
        },
      ]);
      expect(result.signal).toEqual({ action: 'reopen', tier });
    },
  );

  it.each(['new', 'assigned', 'in_progress', 'waiting_citizen'] as const)('refuses a %s case', (status) => {
    const act = () => decide(roadsCase({ status }), { kind: 'reopen', reason: 'r' });

    expect(act).toThrow(ConflictError);
    expect(act).toThrow('Only resolved cases can be reopened.');
  });
});

describe('decideAction: notes', () => {
  const statuses: CaseStatus[] = ['new', 'assigned', 'in_progress', 'waiting_citizen', 'resolved', 'closed'];

  it.each((Object.keys(STAFF) as Who[]).flatMap((who) => statuses.map((status) => [who, status] as const)))(
    '%s may add a note to a %s case (visibility is checked by actOnCase)',
    (who, status) => {
      // Prepare
      const c = roadsCase({ tier: 3, status });

      // Act
      const result = decide(c, { kind: 'note', text: 'اتصلت بالمواطن' }, who);

      // Assess
      expect(result.changes).toEqual({ updatedAt: AT });
      expect(result.events).toEqual([
        {
          reference: c.reference,
          id: 'note-3',
          at: AT,
          kind: 'note',
          actor: STAFF[who].username,
          text: 'اتصلت بالمواطن',
        },
      ]);
      expect(result.signal).toBeUndefined();
    },
  );
});

describe('decideAction: a closed case', () => {
  it.each([
    ACTIONS.claim,
    ACTIONS.escalate,
    ACTIONS.deescalate,
    ACTIONS.resolve,
    { kind: 'reopen', reason: 'r' },
    ACTIONS.recategorize,
  ] satisfies SingleCaseAction[])('refuses $kind, even from an admin', (action) => {
    const act = () => decide(roadsCase({ tier: 2, status: 'closed' }), action, 'admin');

    expect(act).toThrow(ConflictError);
    expect(act).toThrow(
      expect.objectContaining({ messages: { ar: 'البلاغ مغلق.', en: 'The case is closed.' } }),
    );
  });
});

describe('decideAction: recategorize', () => {
  it.each([
    ['in wilayat qurayyat', 'qurayyat_office', 'qurayyat'],
    ['in wilayat muttrah', 'cleanliness', 'muttrah'],
    ['with no wilayat', 'cleanliness', undefined],
  ] as const)('beach_cleanliness %s goes to %s', (_where, departmentCode, wilayatCode) => {
    // Prepare
    const c = roadsCase({
      tier: 1,
      location: { lat: 23.27, lng: 58.92, ...(wilayatCode ? { wilayatCode } : {}) },
    });

    // Act
    const result = decide(c, {
      kind: 'recategorize',
      categoryCode: 'beach_cleanliness',
      reason: 'it is the beach',
    });

    // Assess
    // Priority and deadline follow the new category (the case was not urgent).
    const beach = SEED_CATALOGUE.categories.find((x) => x.code === 'beach_cleanliness') as Category;
    expect(result.changes).toEqual({
      categoryCode: 'beach_cleanliness',
      departmentCode,
      priority: beach.priority,
      dueAt: dueAtFor(beach, 1, NOW, MUSCAT_CALENDAR),
      updatedAt: AT,
    });
    expect(result.events).toEqual([
      {
        reference: c.reference,
        id: 'recategorize-3',
        at: AT,
        kind: 'category',
        actor: 'admin',
        text: 'it is the beach',
        data: {
          from: { categoryCode: 'pothole', departmentCode: 'roads' },
          to: { categoryCode: 'beach_cleanliness', departmentCode },
        },
      },
    ]);
    expect(result.signal).toBeUndefined();
  });

  it('keeps an urgent priority that came from the citizen’s words', () => {
    const result = decide(roadsCase({ tier: 1, priority: 'urgent' }), {
      kind: 'recategorize',
      categoryCode: 'beach_cleanliness',
      reason: 'r',
    });
    expect(result.changes.priority).toBe('urgent');
  });

  it('moves a tier-3 case to the new department’s queue (the workflow is told), not a tier-1 case', () => {
    const tier3 = decide(roadsCase({ tier: 3 }), {
      kind: 'recategorize',
      categoryCode: 'beach_cleanliness',
      reason: 'r',
    });
    expect(tier3.signal).toEqual({ action: 'move', tier: 3 });
    const sameDepartment = decide(roadsCase({ tier: 3 }), {
      kind: 'recategorize',
      categoryCode: 'street_light_out',
      reason: 'r',
    });
    expect(sameDepartment.changes.departmentCode).toBe('roads');
    expect(sameDepartment.signal).toBeUndefined();
  });

  it('refuses an unknown category with a bilingual ValidationError on the body', () => {
    // Act
    let caught: unknown;
    try {
      decide(roadsCase(), { kind: 'recategorize', categoryCode: 'flying_saucers', reason: 'r' });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.status).toBe(400);
    expect(error.messages).toEqual({
      ar: 'الطلب يحتوي على بيانات غير صحيحة.',
      en: 'The request contains invalid data.',
    });
    expect(error.fields).toEqual([
      { path: 'body', message: { ar: 'الفئة غير معروفة.', en: 'Unknown category "flying_saucers".' } },
    ]);
  });
});

describe('decideAction: timeline ids', () => {
  const tier2 = roadsCase({ tier: 2, status: 'in_progress' });
  const resolved = roadsCase({ tier: 2, status: 'resolved' });

  it.each([
    { c: tier2, action: ACTIONS.claim, pattern: 'claim-V' },
    { c: tier2, action: { kind: 'note', text: 'n' }, pattern: 'note-V' },
    { c: tier2, action: ACTIONS.escalate, pattern: 'tier-V-3' },
    { c: tier2, action: ACTIONS.deescalate, pattern: 'tier-V-1' },
    { c: tier2, action: ACTIONS.resolve, pattern: 'resolve-V' },
    { c: resolved, action: { kind: 'reopen', reason: 'r' }, pattern: 'reopen-V' },
    { c: tier2, action: ACTIONS.recategorize, pattern: 'recategorize-V' },
  ] satisfies { c: Case; action: SingleCaseAction; pattern: string }[])(
    '$action.kind: the event id carries the case version ($pattern)',
    ({ c, action, pattern }) => {
      // Act
      const atV7 = decide({ ...c, version: 7 }, action).events.map((e) => e.id);
      const atV8 = decide({ ...c, version: 8 }, action).events.map((e) => e.id);

      // Assess
      expect(atV7).toEqual([pattern.replace('V', '7')]);
      expect(atV8).toEqual([pattern.replace('V', '8')]);
    },
  );

  it('writes a retried decision over the first one instead of doubling the timeline', async () => {
    // Prepare: the same action decided twice on the same read (a retried request).
    const cases = new InMemoryCaseStore();
    const c = roadsCase({ tier: 1 });
    await cases.create(c, []);
    const first = decide(c, ACTIONS.escalate, 'agent_t1');
    const retry = decide(c, ACTIONS.escalate, 'agent_t1');

    // Act
    await cases.appendEvents(first.events);
    await cases.appendEvents(retry.events);

    // Assess
    expect(cases.timeline(c.reference)).toHaveLength(1);
  });
});
