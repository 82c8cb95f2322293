// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatReference } from '../../../../functions/core/case/reference.ts';
import { type Lang, LangContext } from '../i18n.tsx';
import RateScreen from './RateScreen.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const REFERENCE = formatReference(2026, 14);

function mount() {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const show = (lang: Lang) =>
    act(async () =>
      root.render(
        <LangContext.Provider value={{ lang, setLang: () => {} }}>
          <RateScreen reference={REFERENCE} />
        </LangContext.Provider>,
      ),
    );
  return { container, show, unmount: () => act(() => root.unmount()) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('rating an answer', () => {
  it('keeps the link’s token for the reference, so a reload can still rate', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ stored: true }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    history.replaceState(null, '', `/rate/${REFERENCE}#k=tok-123`);
    const first = mount();
    await first.show('ar');
    expect(location.hash).toBe('');
    first.unmount();

    // The reload: the address no longer carries the token.
    const again = mount();
    await again.show('ar');
    expect(again.container.querySelector('[data-field="error"]')).toBeNull();
    await act(async () => (again.container.querySelector('[data-rating="4"]') as HTMLButtonElement).click());
    expect(fetch).toHaveBeenCalledWith(
      `/v1/requests/${REFERENCE}/rating`,
      expect.objectContaining({ headers: expect.objectContaining({ 'x-access-token': 'tok-123' }) }),
    );
    expect(again.container.querySelector('[data-field="rate-thanks"]')).not.toBeNull();
  });

  it('shows the choices in the digits the hint uses (1–5), in Arabic too', async () => {
    history.replaceState(null, '', `/rate/${REFERENCE}#k=tok-123`);
    const view = mount();
    await view.show('ar');
    const labels = [...view.container.querySelectorAll('[data-rating]')].map((b) => b.textContent);
    expect(labels).toEqual(['1', '2', '3', '4', '5']);
  });

  it('names the request being rated, its reference isolated left to right', async () => {
    history.replaceState(null, '', `/rate/${REFERENCE}#k=tok-123`);
    const view = mount();
    await view.show('ar');
    const line = view.container.querySelector('[data-field="rate-reference"]');
    expect(line?.textContent).toContain('رقم البلاغ');
    expect(line?.querySelector('[dir="ltr"]')?.textContent).toBe(REFERENCE);
  });

  it('says the API’s refusal in the language chosen now', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ messages: { ar: 'الرابط منتهي', en: 'The link expired' } }), {
            status: 401,
          }),
      ),
    );
    history.replaceState(null, '', `/rate/${REFERENCE}#k=tok-123`);
    const view = mount();
    await view.show('ar');
    await act(async () => (view.container.querySelector('[data-rating="2"]') as HTMLButtonElement).click());
    expect(view.container.querySelector('[data-field="error"]')?.textContent).toBe('الرابط منتهي');
    await view.show('en');
    expect(view.container.querySelector('[data-field="error"]')?.textContent).toBe('The link expired');
  });
});
