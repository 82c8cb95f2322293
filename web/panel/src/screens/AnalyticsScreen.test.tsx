// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Api, ApiError } from '../api.ts';
import type { Lang } from '../i18n.tsx';
import { mountInSession, supervisorSession } from '../test/render.tsx';
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
    const view = mountInSession(
      supervisorSession(
        { figure, insightsCases: vi.fn() } as unknown as Partial<Api>,
        '2026-03-10T08:00:00Z',
      ),
    );
    cleanup = () => {
      view.unmount();
      sessionStorage.clear();
    };
    const { container } = view;
    const show = (lang: Lang) => view.show(lang, <AnalyticsScreen />);

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
