import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/**
 * The web apps local mode serves from their Vite builds, as CloudFront does in AWS: the case panel
 * under /panel/ (web/panel, docs/decisions/0050) and the citizens' portal at / (web/portal, 0095).
 */
export type WebApp = {
  dir: string;
  dist: string;
  /** The path prefix it is served under, with its trailing slash. */
  base: string;
  /** Extensionless paths answer index.html (real-path routes, e.g. /track/<reference>). */
  spa: boolean;
};

const webApp = (name: string, base: string, spa: boolean): WebApp => {
  const dir = path.join(PROJECT_ROOT, 'web', name);
  return { dir, dist: path.join(dir, 'dist'), base, spa };
};

export const PANEL = webApp('panel', '/panel/', false);
export const PORTAL = webApp('portal', '/', true);
export const PANEL_DIR = PANEL.dir;
export const PANEL_DIST = PANEL.dist;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
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

/** Builds an app with Vite when its dist/ is missing or older than its sources (a few seconds). */
export async function ensureBuilt(app: WebApp): Promise<'built' | 'fresh'> {
  const built = await stat(path.join(app.dist, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const publicDir = path.join(app.dir, 'public');
  const sources = Math.max(
    await newestChange(path.join(app.dir, 'src')),
    await newestChange(publicDir).catch(() => 0),
    (await stat(path.join(app.dir, 'index.html'))).mtimeMs,
  );
  if (built > sources) return 'fresh';
  const { build } = await import('vite');
  // Under vitest NODE_ENV is `test`, which Vite keeps: React's development build would be bundled
  // (twice the size). What is served and measured must be what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(app.dir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return 'built';
}

export const ensurePanelBuilt = () => ensureBuilt(PANEL);
export const ensurePortalBuilt = () => ensureBuilt(PORTAL);

const isFile = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * An app's built files. Hashed assets are cached for a year; everything else never (a new build must
 * show at once). With `spa`, a path without an extension is a page of the app: index.html.
 */
export async function serveWebApp(app: WebApp, pathname: string, res: ServerResponse): Promise<void> {
  if (`${pathname}/` === app.base) {
    res.writeHead(301, { location: app.base });
    res.end();
    return;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(app.base.length)) || 'index.html';
  } catch {
    relative = '';
  }
  let file = path.resolve(app.dist, relative);
  let found = relative !== '' && file.startsWith(`${app.dist}${path.sep}`) && (await isFile(file));
  if (!found && app.spa && relative !== '' && path.extname(relative) === '' && !relative.includes('..')) {
    file = path.join(app.dist, 'index.html');
    found = await isFile(file);
  }
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

export const servePanel = (pathname: string, res: ServerResponse) => serveWebApp(PANEL, pathname, res);
export const servePortal = (pathname: string, res: ServerResponse) => serveWebApp(PORTAL, pathname, res);
