import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt, servePortal } from '../../../local/panel-assets.ts';

let server: Server;
let url = '';

beforeAll(async () => {
  await ensurePortalBuilt();
  server = createServer((req, res) => void servePortal(new URL(req.url ?? '/', 'http://x').pathname, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('local mode serves the citizens’ portal at /', () => {
  it('answers / and every page of the app (a tracking link) with the app, Arabic first, never cached', async () => {
    for (const page of ['/', '/track/260000014', '/report', '/procedures/residential_building_permit']) {
      const res = await fetch(`${url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('rel="manifest"');
    }
  });

  it('serves the PWA files with their types, and hashed assets as immutable', async () => {
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    expect(((await manifest.json()) as { start_url: string }).start_url).toBe('/');
    const sw = await fetch(`${url}/sw.js`);
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const html = await (await fetch(`${url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file with 404, not the app, and serves nothing outside the build', async () => {
    for (const path of [
      '/assets/missing.js',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2F..%2Fpackage.json',
      '/%E0%A4%A',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('"name": "nidaa"');
    }
  });
});
