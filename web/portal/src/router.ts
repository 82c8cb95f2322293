import { useEffect, useState } from 'react';

/**
 * Real paths (/report, /track/MCT-…), so a tracking link from an SMS opens the right page: CloudFront
 * (and local mode) answer every extensionless path with index.html.
 */
export type Route =
  | { page: 'home' }
  | { page: 'report'; kind: ReportKind; category?: string; procedure?: string }
  | { page: 'track'; reference?: string }
  | { page: 'procedures'; code?: string }
  | { page: 'contact' }
  /** One-tap rating of an agent's answer: the link in our e-mail, with its token in the fragment. */
  | { page: 'rate'; reference: string }
  | { page: 'not-found' };

export type ReportKind = 'problem' | 'complaint' | 'suggestion' | 'inquiry';
const KINDS: readonly ReportKind[] = ['problem', 'complaint', 'suggestion', 'inquiry'];

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [first, second] = parts;
  if (!first) return { page: 'home' };
  if (first === 'report' && parts.length === 1) {
    const kind = KINDS.find((k) => k === query.get('kind')) ?? 'problem';
    const category = query.get('category') ?? undefined;
    const procedure = query.get('procedure') ?? undefined;
    return { page: 'report', kind, ...(category ? { category } : {}), ...(procedure ? { procedure } : {}) };
  }
  if (first === 'track' && parts.length <= 2)
    return { page: 'track', ...(second ? { reference: second } : {}) };
  if (first === 'procedures' && parts.length <= 2)
    return { page: 'procedures', ...(second ? { code: second } : {}) };
  if (first === 'contact' && parts.length === 1) return { page: 'contact' };
  if (first === 'rate' && second && parts.length === 2) return { page: 'rate', reference: second };
  return { page: 'not-found' };
}

const listeners = new Set<() => void>();

export function navigate(to: string) {
  history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A same-origin link handled by the router: no page load, the history still works. */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const href = event.currentTarget.getAttribute('href');
  if (!href?.startsWith('/')) return;
  event.preventDefault();
  navigate(href);
}
