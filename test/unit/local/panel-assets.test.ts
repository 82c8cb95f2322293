import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt, servePanel } from '../../../local/panel-assets.ts';

let server: Server;
let url = '';

beforeAll(async () => {
  await ensurePanelBuilt();
  server = createServer((req, res) => void servePanel(new URL(req.url ?? '/', 'http://x').pathname, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('local mode serves the built panel at /panel/', () => {
  it('answers /panel/ with the app, never cached, and redirects /panel there', async () => {
    const page = await fetch(`${url}/panel/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    const redirect = await fetch(`${url}/panel`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/panel/');

    // Hashed assets are immutable.
    const script = /src="(\/panel\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the build, however the path is encoded', async () => {
    for (const path of [
      '/panel/%2e%2e/%2e%2e/package.json',
      '/panel/..%2F..%2Fpackage.json',
      '/panel/missing.js',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"name": "nidaa"');
    }
  });
});
