/*
 * The portal's service worker: the app keeps opening without a connection, so a citizen can write a
 * report offline (the page queues it in IndexedDB and sends it when back online). API calls are never
 * cached: they always go to the network.
 * - On install: the app shell and every built file Vite lists in .vite/manifest.json (lazy screens and
 *   the map included), so any screen opens offline.
 * - Hashed /assets/ files: cache first (they never change). Pages: network first, the cached shell
 *   when offline (every path is the same single-page app).
 */
const CACHE = 'nidaa-portal-v1';
const SHELL = ['/', '/index.html', '/config.json', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      const manifest = await fetch('/.vite/manifest.json').then(
        (r) => (r.ok ? r.json() : {}),
        () => ({}),
      );
      const files = new Set();
      for (const chunk of Object.values(manifest)) {
        for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])])
          if (file) files.add(`/${file}`);
      }
      await cache.addAll([...files]).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/_')) return;
  if (event.request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(event.request);
          // Every page is the same app: the newest shell is the one to open offline (its assets are
          // fetched, and cached, as it loads).
          if (response.ok) (await caches.open(CACHE)).put('/index.html', response.clone());
          return response;
        } catch {
          return (await caches.match('/index.html')) ?? Response.error();
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(event.request);
        if (cached) return cached;
        const response = await fetch(event.request);
        if (response.ok) (await caches.open(CACHE)).put(event.request, response.clone());
        return response;
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(event.request);
        if (response.ok) (await caches.open(CACHE)).put(event.request, response.clone());
        return response;
      } catch {
        return (await caches.match(event.request)) ?? Response.error();
      }
    })(),
  );
});
