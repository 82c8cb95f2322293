import { useEffect, useState } from 'react';

/**
 * Hash routes (#/cases/<reference>…): the panel is static files on S3 behind CloudFront, so every screen
 * must load from /panel/index.html without server-side rewrites.
 */
export type Route =
  | { screen: 'queues'; view: QueueView }
  | { screen: 'alerts'; id?: string }
  | { screen: 'case'; reference: string }
  | { screen: 'merge'; duplicate: string; primary: string }
  | { screen: 'contact' }
  | { screen: 'supervisor' }
  | { screen: 'analytics' };

export const QUEUE_VIEWS = ['mine', 'tier', 'departments', 'at_risk', 'breached'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'cases':
      if (parts[1]) return { screen: 'case', reference: parts[1] };
      break;
    case 'merge':
      if (parts[1] && parts[2]) return { screen: 'merge', duplicate: parts[1], primary: parts[2] };
      break;
    case 'alerts':
      return parts[1] ? { screen: 'alerts', id: parts[1] } : { screen: 'alerts' };
    case 'contact':
      return { screen: 'contact' };
    case 'supervisor':
      return { screen: 'supervisor' };
    case 'analytics':
      return { screen: 'analytics' };
    case 'queues': {
      const view = QUEUE_VIEWS.find((v) => v === parts[1]);
      return { screen: 'queues', view: view ?? 'mine' };
    }
  }
  return { screen: 'queues', view: 'mine' };
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.reference)}`;
    case 'merge':
      return `#/merge/${encodeURIComponent(route.duplicate)}/${encodeURIComponent(route.primary)}`;
    case 'queues':
      return `#/queues/${route.view}`;
    case 'alerts':
      return route.id ? `#/alerts/${encodeURIComponent(route.id)}` : '#/alerts';
    default:
      return `#/${route.screen}`;
  }
}

export const go = (route: Route) => {
  window.location.hash = href(route);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
