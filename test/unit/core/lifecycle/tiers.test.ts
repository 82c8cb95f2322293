import { describe, expect, it } from 'vitest';
import type { Tier } from '#core/case/case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import type { Category } from '#core/catalogue/types.ts';
import { dueAtFor, moveTier, slaMinutesFor, tierAfterBreach } from '#core/lifecycle/tiers.ts';
import { localDayOfWeek, MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';
import { InMemoryCaseStore } from '../../../support/in-memory-stores.ts';

/** The seed's pothole category: priority high, so 30 / 420 / 1260 business minutes per tier. */
function pothole(): Category {
  const found = SEED_CATALOGUE.categories.find((c) => c.code === 'pothole');
  if (!found) throw new Error('seed catalogue has no pothole category');
  return found;
}

/** Thursday 5 March 2026, 14:15 in Muscat (UTC+4): 15 working minutes left before the 14:30 close. */
const THURSDAY_AFTERNOON = new Date('2026-03-05T10:15:00.000Z');

describe('slaMinutesFor', () => {
  it.each([
    [1, 11],
    [2, 22],
    [3, 33],
  ] as const)('tier %i takes its own SLA (%i minutes)', (tier, minutes) => {
    // Prepare: distinct values, so picking another tier's SLA shows.
    const category = { slaMinutes: { tier1: 11, tier2: 22, tier3: 33 } };

    // Act
    const result = slaMinutesFor(category, tier);

    // Assess
    expect(result).toBe(minutes);
  });

  it.each([
    [1, 30],
    [2, 420],
    [3, 1260],
  ] as const)('a high-priority seed category gives tier %i %i minutes', (tier, minutes) => {
    expect(slaMinutesFor(pothole(), tier)).toBe(minutes);
  });
});

describe('dueAtFor', () => {
  it.each([
    // 15 minutes on Thursday, the weekend skipped, 15 more from Sunday's 07:30 opening.
    [1, '2026-03-08T03:45:00.000Z'],
    // One working day (420 minutes): Sunday 14:15 local.
    [2, '2026-03-08T10:15:00.000Z'],
    // Three working days: Thursday's 15 minutes + Sunday + Monday + 405 minutes of Tuesday.
    [3, '2026-03-10T10:15:00.000Z'],
  ] as const)(
    'from Thursday afternoon, tier %i is due at %s (business time, not wall-clock)',
    (tier, expected) => {
      // Act
      const dueAt = dueAtFor(pothole(), tier, THURSDAY_AFTERNOON, MUSCAT_CALENDAR);

      // Assess
      expect(dueAt).toBe(expected);
      expect(localDayOfWeek(new Date(dueAt), MUSCAT_CALENDAR)).not.toBeOneOf([5, 6]);
    },
  );

  it('lands a Thursday-afternoon tier-1 deadline on Sunday morning in Muscat', () => {
    // Act
    const dueAt = new Date(dueAtFor(pothole(), 1, THURSDAY_AFTERNOON, MUSCAT_CALENDAR));

    // Assess: Sunday, 07:45 local = 03:45 UTC.
    expect(localDayOfWeek(dueAt, MUSCAT_CALENDAR)).toBe(0);
    expect(dueAt.getUTCHours()).toBe(3);
    expect(dueAt.getUTCMinutes()).toBe(45);
  });

  it('counts straight through when the SLA fits in the working day', () => {
    // Prepare: Sunday 1 March 2026, 10:00 local.
    const sundayMorning = new Date('2026-03-01T06:00:00.000Z');

    // Act
    const dueAt = dueAtFor(pothole(), 1, sundayMorning, MUSCAT_CALENDAR);

    // Assess
    expect(dueAt).toBe('2026-03-01T06:30:00.000Z');
  });

  it('starts counting at the next opening when work reaches the tier outside working hours', () => {
    // Prepare: Friday 6 March 2026, 12:00 local (weekend).
    const friday = new Date('2026-03-06T08:00:00.000Z');

    // Act
    const dueAt = dueAtFor(pothole(), 1, friday, MUSCAT_CALENDAR);

    // Assess: Sunday 07:30 + 30 minutes = 08:00 local.
    expect(dueAt).toBe('2026-03-08T04:00:00.000Z');
  });
});

describe('moveTier', () => {
  it.each([
    [1, 2, 'agent', '2026-03-08T10:15:00.000Z'],
    [2, 3, 'sla_breach', '2026-03-10T10:15:00.000Z'],
    [3, 2, 'agent', '2026-03-08T10:15:00.000Z'],
    [2, 1, 'agent', '2026-03-08T03:45:00.000Z'],
    [3, 3, 'sla_breach', '2026-03-10T10:15:00.000Z'],
  ] as const)(
    'tier %i → %i (%s): new tier, assigned, no assignee, the new tier’s deadline',
    (from, to, cause, dueAt) => {
      // Prepare
      const c = aCase({ tier: from, status: 'in_progress', assignee: 'agent.sara', version: 4 });

      // Act
      const move = moveTier(c, to, {
        reason: 'يحتاج إلى مختص / needs a specialist',
        actor: 'agent.sara',
        now: THURSDAY_AFTERNOON,
        calendar: MUSCAT_CALENDAR,
        category: pothole(),
        cause,
      });

      // Assess
      expect(move.changes).toEqual({
        tier: to,
        status: 'assigned',
        dueAt,
        updatedAt: THURSDAY_AFTERNOON.toISOString(),
        assignee: undefined,
      });
      // The assignee is cleared explicitly, so merging the changes into the stored case removes it.
      expect(move.changes).toHaveProperty('assignee', undefined);
      expect(move.events).toEqual([
        {
          reference: c.reference,
          id: `tier-4-${to}`,
          at: THURSDAY_AFTERNOON.toISOString(),
          kind: 'tier',
          actor: 'agent.sara',
          text: 'يحتاج إلى مختص / needs a specialist',
          data: { from, to, cause },
        },
      ]);
    },
  );

  it('gives a stored case the new tier and removes its assignee once written', async () => {
    // Prepare
    const cases = new InMemoryCaseStore();
    const c = aCase({ tier: 1, status: 'in_progress', assignee: 'agent.sara', version: 1 });
    await cases.create(c, []);
    const move = moveTier(c, 2, {
      reason: 'needs a senior agent',
      actor: 'agent.sara',
      now: THURSDAY_AFTERNOON,
      calendar: MUSCAT_CALENDAR,
      category: pothole(),
      cause: 'agent',
    });

    // Act
    await cases.update(c.reference, c.version, move.changes, move.events);

    // Assess
    const stored = await cases.get(c.reference);
    expect(stored).toMatchObject({
      tier: 2,
      status: 'assigned',
      dueAt: '2026-03-08T10:15:00.000Z',
      version: 2,
    });
    expect(stored?.assignee).toBeUndefined();
    expect(cases.timeline(c.reference).map((e) => e.kind)).toEqual(['tier']);
  });

  it('leaves the case it was given untouched', () => {
    // Prepare
    const c = aCase({ tier: 1, assignee: 'agent.sara' });
    const before = structuredClone(c);

    // Act
    moveTier(c, 2, {
      reason: 'r',
      actor: 'a',
      now: THURSDAY_AFTERNOON,
      calendar: MUSCAT_CALENDAR,
      category: pothole(),
      cause: 'agent',
    });

    // Assess
    expect(c).toEqual(before);
  });
});

describe('tierAfterBreach', () => {
  it.each([
    [1, 2],
    [2, 3],
    [3, 3],
  ] as const)('a breach at tier %i sends the work to tier %i', (from: Tier, to: Tier) => {
    expect(tierAfterBreach(from)).toBe(to);
  });
});
