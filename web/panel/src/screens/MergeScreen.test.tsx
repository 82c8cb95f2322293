// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import { MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import { aCase } from '../../../../test/support/builders.ts';
import type { Api, Me } from '../api.ts';
import { type Session, SessionContext } from '../session.tsx';
import { click, render, type } from '../test/render.tsx';
import { MergeScreen } from './MergeScreen.tsx';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const DUPLICATE = '260000027';
const PRIMARY = '260000019';

function session(merge: Api['merge']): Session {
  const getCase = vi.fn(async (reference: string) => ({
    case: aCase({ reference, description: reference === PRIMARY ? 'حفرة عميقة' : 'حفرة كبيرة' }),
    timeline: [],
  }));
  const me = {
    staff: { username: 'agent1', roles: ['agent_t1'], departments: [] },
    queues: ['t1'],
    calendar: MUSCAT_CALENDAR,
    atRiskBusinessMinutes: 120,
    referencePrefix: 'MCT',
    catalogue: SEED_CATALOGUE,
  } as Me;
  return {
    api: { getCase, merge } as unknown as Api,
    me,
    contacts: {} as Session['contacts'],
    now: () => new Date(),
  };
}

describe('MergeScreen', () => {
  it('shows both cases side by side and merges the duplicate into the primary with the reason (the lead’s contract)', async () => {
    const merge = vi.fn(async () => aCase({ reference: DUPLICATE, status: 'closed' }));
    const view = await render(
      <SessionContext.Provider value={session(merge as unknown as Api['merge'])}>
        <MergeScreen duplicate={DUPLICATE} primary={PRIMARY} />
      </SessionContext.Provider>,
      'en',
    );
    unmount = view.unmount;
    await act(async () => {});
    const columns = [...view.container.querySelectorAll('.compare-column')];
    expect(columns.map((c) => c.querySelector('h2')?.textContent)).toEqual([
      `Duplicate · ${DUPLICATE}`,
      `Primary · ${PRIMARY}`,
    ]);
    expect(columns.map((c) => c.querySelector('.description')?.textContent)).toEqual([
      'حفرة كبيرة',
      'حفرة عميقة',
    ]);

    const submit = view.container.querySelector<HTMLButtonElement>('form button[type="submit"]');
    expect(submit?.disabled).toBe(true);
    await type(view.container.querySelector('form textarea') as HTMLTextAreaElement, ' same pothole ');
    await click(submit);
    await act(async () => {});

    expect(merge).toHaveBeenCalledWith(DUPLICATE, { into: PRIMARY, reason: 'same pothole' });
    expect(window.location.hash).toBe(`#/cases/${PRIMARY}`);
  });
});
