// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import { MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import { type Api, ApiError, type Me } from '../api.ts';
import { type Lang, LangContext } from '../i18n.tsx';
import { type Session, SessionContext } from '../session.tsx';
import '../test/render.tsx';
import { AnalyticsScreen } from './AnalyticsScreen.tsx';

// The charts draw on a canvas happy-dom has not: the stand-in notes the maps the screen hands them.
const maps = vi.hoisted(() => new Set<unknown>());
vi.mock('../analytics/EChart.tsx', () => ({
  EChart: (props: { map?: unknown }) => {
    if (props.map) maps.add(props.map);
    return null;
  },
}));

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('AnalyticsScreen', () => {
  it('switches language without asking the figures again, and says the same error in the new language', async () => {
    const figure = vi.fn(async (name: string) => {
      if (name === 'case_outcomes') throw new ApiError(503, { ar: 'تعذّر الاستعلام', en: 'The query failed' });
      // Cases in one wilayat, so the hotspot card draws its map.
      if (name === 'volume')
        return { figure: name, rows: [{ wilayat: 'muscat', cases: 2 }], total: { cases: 2 } };
      return { figure: name, rows: [], total: { cases: 0 } };
    });
    const session: Session = {
      api: { figure, insightsCases: vi.fn() } as unknown as Api,
      me: {
        staff: { username: 'sup1', roles: ['supervisor'], departments: [] },
        queues: [],
        calendar: MUSCAT_CALENDAR,
        atRiskBusinessMinutes: 120,
        referencePrefix: 'MCT',
        catalogue: SEED_CATALOGUE,
      } as unknown as Me,
      contacts: {} as Session['contacts'],
      now: () => new Date('2026-03-10T08:00:00Z'),
    };
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    cleanup = () => {
      act(() => root.unmount());
      container.remove();
      sessionStorage.clear();
    };
    const show = (lang: Lang) =>
      act(async () =>
        root.render(
          <LangContext.Provider value={lang}>
            <SessionContext.Provider value={session}>
              <AnalyticsScreen />
            </SessionContext.Provider>
          </LangContext.Provider>,
        ),
      );

    await show('ar');
    const asked = figure.mock.calls.length;
    expect(asked).toBeGreaterThan(0);
    const outcomes = () => container.querySelector('[data-card="outcomes"] [role="alert"]')?.textContent;
    expect(outcomes()).toBe('تعذّر الاستعلام');

    await show('en');
    expect(figure.mock.calls.length).toBe(asked);
    expect(outcomes()).toBe('The query failed');
    // The wilayat areas were computed once for the catalogue, not again for the new language.
    expect(maps.size).toBe(1);
  });
});
