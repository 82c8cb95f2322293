import { describe, expect, it } from 'vitest';
import type { Staff } from '../../../functions/core/auth/roles.ts';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { aCase } from '../../../test/support/builders.ts';
import { allowedActions } from './permissions.ts';

const ctx = (staff: Omit<Staff, 'username'>) => ({
  staff: { username: 'someone', ...staff },
  now: new Date('2026-03-03T06:00:00.000Z'),
  calendar: MUSCAT_CALENDAR,
  catalogue: SEED_CATALOGUE,
});
const agent1 = ctx({ roles: ['agent_t1'], departments: [] });
const roads = ctx({ roles: ['dept_staff'], departments: ['roads'] });

describe('allowedActions: what the panel offers, by the API’s own rules', () => {
  it('offers a tier-1 agent everything on an open tier-1 case except de-escalating and reopening', () => {
    expect(allowedActions(aCase({ tier: 1, status: 'assigned' }), agent1)).toEqual([
      'claim',
      'note',
      'reply',
      'escalate',
      'resolve',
      'recategorize',
      'merge',
    ]);
  });

  it('offers department staff only a note on a tier-1 case, and the work once it reaches their tier 3', () => {
    expect(allowedActions(aCase({ tier: 1, departmentCode: 'roads' }), roads)).toEqual(['note']);
    expect(allowedActions(aCase({ tier: 3, departmentCode: 'roads', status: 'assigned' }), roads)).toEqual([
      'claim',
      'note',
      'reply',
      'deescalate',
      'resolve',
      'recategorize',
      'merge',
    ]);
  });

  it('offers reopen (not resolve) on a resolved case, and only a note on a closed one', () => {
    const staff = ctx({ roles: ['supervisor'], departments: [] });
    const resolved = allowedActions(aCase({ tier: 2, status: 'resolved' }), staff);
    expect(resolved).toContain('reopen');
    expect(resolved).not.toContain('resolve');
    expect(resolved).not.toContain('merge');
    expect(allowedActions(aCase({ status: 'closed' }), staff)).toEqual(['note']);
  });
});
