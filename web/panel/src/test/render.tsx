import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import { MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import type { Api, Me } from '../api.ts';
import { type Lang, LangContext } from '../i18n.tsx';
import { type Session, SessionContext } from '../session.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders into a fresh container in the chosen language; returns the container and an unmount. */
export async function render(node: ReactNode, lang: Lang = 'ar') {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<LangContext.Provider value={lang}>{node}</LangContext.Provider>));
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** A supervisor's session over the seed catalogue, with the API calls a test gives. */
export function supervisorSession(api: Partial<Api>, now: string): Session {
  return {
    api: api as Api,
    me: {
      staff: { username: 'sup1', roles: ['supervisor'], departments: [] },
      queues: [],
      calendar: MUSCAT_CALENDAR,
      atRiskBusinessMinutes: 120,
      referencePrefix: 'MCT',
      catalogue: SEED_CATALOGUE,
    } as unknown as Me,
    contacts: {} as Session['contacts'],
    now: () => new Date(now),
  };
}

/** Renders a screen in a session, and again in another language (or with other props) on `show`. */
export function mountInSession(session: Session) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const show = (lang: Lang, node: ReactNode) =>
    act(async () =>
      root.render(
        <LangContext.Provider value={lang}>
          <SessionContext.Provider value={session}>{node}</SessionContext.Provider>
        </LangContext.Provider>,
      ),
    );
  return {
    container,
    show,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Sets a controlled input's value the way a user's typing does, so React sees the change. */
export async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function press(init: KeyboardEventInit) {
  await act(async () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
  });
}

export async function click(element: Element | null | undefined) {
  if (!element) throw new Error('Nothing to click');
  await act(async () => {
    (element as HTMLElement).click();
  });
}
