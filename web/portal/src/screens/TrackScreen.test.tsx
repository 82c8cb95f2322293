// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatReference } from '../../../../functions/core/case/reference.ts';
import { LangContext } from '../i18n.tsx';
import TrackScreen from './TrackScreen.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const REFERENCE = formatReference(2026, 14);
const PUBLIC_VIEW = {
  reference: REFERENCE,
  status: 'resolved',
  statusLabel: { ar: 'تمت المعالجة', en: 'Resolved' },
  category: { ar: 'حفرة في الطريق', en: 'Pothole' },
  department: { ar: 'إدارة الطرق', en: 'Roads' },
  createdAt: '2026-12-01T08:00:00.000Z',
};
const CITIZEN_VIEW = {
  ...PUBLIC_VIEW,
  answer: 'رُدمت الحفرة صباح اليوم.',
  // As GET /v1/requests/{reference} answers with a valid token (functions/core/status/status-policy.ts).
  timeline: [
    { at: '2026-12-01T08:00:00.000Z', step: 'received', channel: 'web' },
    {
      at: '2026-12-02T08:00:00.000Z',
      step: 'status',
      status: 'resolved',
      statusLabel: { ar: 'تمت المعالجة', en: 'Resolved' },
    },
    { at: '2026-12-02T08:05:00.000Z', step: 'message_sent', channel: 'sms', text: 'رُدمت الحفرة صباح اليوم.' },
  ],
  reopenUntil: '2999-01-01T00:00:00.000Z',
};

async function show(reference: string) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(
      <LangContext.Provider value={{ lang: 'en', setLang: () => {} }}>
        <TrackScreen reference={reference} referencePrefix="MCT" />
      </LangContext.Provider>,
    ),
  );
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  return container;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('tracking a request', () => {
  it('takes the access token from the link, keeps it for that reference and removes it from the address', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const token = (init.headers as Record<string, string>)['x-access-token'];
      return new Response(JSON.stringify(token === 'tok-123' ? CITIZEN_VIEW : PUBLIC_VIEW), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    history.replaceState(null, '', `/track/${REFERENCE}#k=tok-123`);
    const page = await show(REFERENCE);
    expect(fetch).toHaveBeenCalledWith(
      `/v1/requests/${REFERENCE}`,
      expect.objectContaining({ headers: expect.objectContaining({ 'x-access-token': 'tok-123' }) }),
    );
    expect(location.hash).toBe('');
    expect(location.pathname).toBe(`/track/${REFERENCE}`);
    expect(localStorage.getItem(`nidaa.portal.access.${REFERENCE}`)).toBe('tok-123');
    expect(page.querySelector('[data-field="answer"]')?.textContent).toBe(CITIZEN_VIEW.answer);
    const steps = page.querySelector('[data-list="steps"]')?.textContent;
    expect(steps).toContain('Request received');
    expect(steps).toContain('Resolved');
    expect(steps).toContain('Message from the municipality');
    expect(page.querySelector('[data-form="update"]')).not.toBeNull();
    expect(page.querySelector('[data-form="reopen"]')).not.toBeNull();
  });

  it('without a token shows the public view and offers a one-time code instead of the citizen’s actions', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(PUBLIC_VIEW), { status: 200 })),
    );
    history.replaceState(null, '', `/track/${REFERENCE}`);
    const page = await show(REFERENCE);
    expect(page.querySelector('[data-field="status"]')?.textContent).toBe('Resolved');
    expect(page.querySelector('[data-action="send-code"]')).not.toBeNull();
    expect(page.querySelector('[data-form="update"]')).toBeNull();
  });

  it('drops a token the API no longer accepts and falls back to the public view', async () => {
    localStorage.setItem(`nidaa.portal.access.${REFERENCE}`, 'expired');
    const fetch = vi.fn(async (_url: string, init: RequestInit) =>
      (init.headers as Record<string, string>)['x-access-token']
        ? new Response(JSON.stringify({ messages: { ar: 'انتهى', en: 'Expired' } }), { status: 401 })
        : new Response(JSON.stringify(PUBLIC_VIEW), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    history.replaceState(null, '', `/track/${REFERENCE}`);
    const page = await show(REFERENCE);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(localStorage.getItem(`nidaa.portal.access.${REFERENCE}`)).toBeNull();
    expect(page.querySelector('[data-action="send-code"]')).not.toBeNull();
  });

  it('names the request a merged step joined, left to right and linked', async () => {
    const into = formatReference(2026, 9);
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              ...CITIZEN_VIEW,
              mergedInto: into,
              timeline: [...CITIZEN_VIEW.timeline, { at: '2026-12-03T08:00:00.000Z', step: 'merged', into }],
            }),
            { status: 200 },
          ),
      ),
    );
    history.replaceState(null, '', `/track/${REFERENCE}#k=tok-123`);
    const page = await show(REFERENCE);
    const link = page.querySelector('[data-list="steps"] [data-field="merged-step-into"]');
    expect(link?.getAttribute('href')).toBe(`/track/${into}`);
    expect(link?.querySelector('bdi[dir="ltr"]')?.textContent).toBe(into);
  });
});
