import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/** The case panel's sources and its build (web/panel, docs/decisions/0050). */
export const PANEL_DIR = path.join(PROJECT_ROOT, 'web', 'panel');
export const PANEL_DIST = path.join(PANEL_DIR, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function newestChange(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds the panel with Vite when dist/ is missing or older than its sources (about a second). */
export async function ensurePanelBuilt(): Promise<'built' | 'fresh'> {
  const built = await stat(path.join(PANEL_DIST, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newestChange(path.join(PANEL_DIR, 'src')),
    (await stat(path.join(PANEL_DIR, 'index.html'))).mtimeMs,
  );
  if (built > sources) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: path.join(PANEL_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

/**
 * `/panel/*`: the built files, as CloudFront's /panel/* behaviour serves them in AWS. Hashed assets are
 * cached for a year; index.html and config.json never (a new build must show at once).
 */
export async function servePanel(pathname: string, res: ServerResponse): Promise<void> {
  if (pathname === '/panel') {
    res.writeHead(301, { location: '/panel/' });
    res.end();
    return;
  }
  const relative = decodeURIComponent(pathname.slice('/panel/'.length)) || 'index.html';
  const file = path.resolve(PANEL_DIST, relative);
  const found = file.startsWith(`${PANEL_DIST}${path.sep}`)
    ? await stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    : false;
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}
