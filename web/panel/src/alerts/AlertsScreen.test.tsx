// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../../functions/core/insights/alert.ts';
import { type Api, ApiError } from '../api.ts';
import type { Lang } from '../i18n.tsx';
import { mountInSession, supervisorSession } from '../test/render.tsx';
import { AlertsScreen } from './AlertsScreen.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ACKNOWLEDGED: Alert = {
  id: 'a1',
  kind: 'spike',
  status: 'acknowledged',
  detectedAt: '2026-03-10T08:00:00Z',
  from: '2026-03-10T07:00:00Z',
  to: '2026-03-10T08:00:00Z',
  place: { categoryCode: 'water_leak' },
  observed: 8,
  expected: 1,
  unit: 'cases',
  references: [],
  acknowledgedAt: '2026-03-10T09:00:00Z',
  acknowledgedBy: 'sup1',
  note: 'أُرسل فريق المياه\nوأُغلق الصمام',
};

function mount(api: Partial<Api>) {
  const view = mountInSession(supervisorSession(api, '2026-03-10T10:00:00Z'));
  cleanup = view.unmount;
  const show = (lang: Lang, focus?: string) => view.show(lang, <AlertsScreen focus={focus} />);
  return { container: view.container, show };
}

describe('AlertsScreen', () => {
  it('switches language without asking for the alerts again, and says the same error in the new language', async () => {
    const alerts = vi.fn(async () => {
      throw new ApiError(503, { ar: 'تعذّر جلب التنبيهات', en: 'The alerts could not be read' });
    });
    const alert = vi.fn(async () => ACKNOWLEDGED);
    const { container, show } = mount({ alerts, alert } as Partial<Api>);
    await show('ar', 'a1');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('تعذّر جلب التنبيهات');
    await show('en', 'a1');
    expect(alerts).toHaveBeenCalledTimes(1);
    expect(alert).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('The alerts could not be read');
  });

  it('shows an acknowledgement note as its own block, its line breaks kept', async () => {
    const { container, show } = mount({
      alerts: vi.fn(async () => ({ alerts: [ACKNOWLEDGED] })),
      alert: vi.fn(),
    } as Partial<Api>);
    await show('ar');
    const note = container.querySelector('[data-alert="a1"] .alert-note');
    expect(note?.tagName).toBe('P');
    expect(note?.classList.contains('citizen-block')).toBe(true);
    expect(note?.getAttribute('dir')).toBe('auto');
    expect(note?.textContent).toBe('أُرسل فريق المياه\nوأُغلق الصمام');
  });

  it('names a place without a location as such, not by the code the queries give it', async () => {
    const noWhere: Alert = { ...ACKNOWLEDGED, place: { categoryCode: 'water_leak', wilayatCode: 'unknown' } };
    const { container, show } = mount({
      alerts: vi.fn(async () => ({ alerts: [noWhere] })),
      alert: vi.fn(),
    } as Partial<Api>);
    await show('en');
    const text = container.querySelector('[data-alert="a1"]')?.textContent ?? '';
    expect(text).toContain('No location');
    expect(text).not.toContain('unknown');
    await show('ar');
    expect(container.querySelector('[data-alert="a1"]')?.textContent).toContain('بلا موقع');
  });
});
