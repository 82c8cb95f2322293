import { describe, expect, it, vi } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import type { QueueEntry } from '../../../../functions/core/ports.ts';
import { MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import type { Api, Me } from '../api.ts';
import type { Session } from '../session.tsx';
import { loadView, viewsFor } from './QueuesScreen.tsx';

const entry = (reference: string, dueAt: string, assignee?: string) =>
  ({ reference, dueAt, ...(assignee ? { assignee } : {}) }) as QueueEntry;

function session(queues: string[], pages: Record<string, QueueEntry[]>) {
  const queue = vi.fn(async (q: string, _due?: string) => ({ items: pages[q] ?? [] }));
  const me = {
    staff: { username: 'agent2', roles: ['agent_t2'], departments: [] },
    queues,
    calendar: MUSCAT_CALENDAR,
    atRiskBusinessMinutes: 120,
    referencePrefix: 'MCT',
    catalogue: SEED_CATALOGUE,
  } as Me;
  return {
    s: { api: { queue } as unknown as Api, me, contacts: {} as Session['contacts'], now: () => new Date() },
    queue,
  };
}

describe('queue views', () => {
  it('offers "my tier" to agents and "my departments" to department staff', () => {
    expect(viewsFor(['t1', 't2'])).toEqual(['mine', 'tier', 'at_risk', 'breached']);
    expect(viewsFor(['t3#roads'])).toEqual(['mine', 'departments', 'at_risk', 'breached']);
    expect(viewsFor(['t1', 't2', 't3#roads'])).toEqual([
      'mine',
      'tier',
      'departments',
      'at_risk',
      'breached',
    ]);
  });

  it('"mine" merges every allowed queue, keeps the user’s cases, soonest deadline first', async () => {
    const { s, queue } = session(['t1', 't2'], {
      t1: [entry('b', '2026-03-03T09:00:00Z', 'agent2'), entry('x', '2026-03-03T05:00:00Z')],
      t2: [entry('a', '2026-03-03T07:00:00Z', 'agent2')],
    });
    expect((await loadView(s, 'mine')).map((c) => c.reference)).toEqual(['a', 'b']);
    expect(queue.mock.calls).toEqual([
      ['t1', undefined],
      ['t2', undefined],
    ]);
  });

  it('asks the API for the breached range of each queue, and only department queues for "my departments"', async () => {
    const { s, queue } = session(['t1', 't3#roads', 't3#cleanliness'], {});
    await loadView(s, 'breached');
    expect(queue.mock.calls.map((c) => c[1])).toEqual(['breached', 'breached', 'breached']);
    queue.mockClear();
    await loadView(s, 'departments');
    expect(queue.mock.calls.map((c) => c[0])).toEqual(['t3#roads', 't3#cleanliness']);
  });
});
