import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/** Issue 12: the portal's first screen must load with at most 100 KB of JavaScript (gzip) on a slow 3G phone. */
export const PORTAL_INITIAL_JS_BUDGET = 100 * 1024;
export const PORTAL_DIST = path.join(PROJECT_ROOT, 'web', 'portal', 'dist');

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

export type PortalBundle = {
  /** The JS the first screen loads: the entry chunk and everything it imports statically. */
  initial: { file: string; bytes: number; gzipBytes: number }[];
  initialGzipBytes: number;
  /** Loaded on demand (other screens, the map, exifr): gzip bytes per chunk, largest first. */
  lazy: { file: string; gzipBytes: number }[];
  budgetBytes: number;
};

/** Reads Vite's manifest of a portal build (`npm run build:portal`) and sizes what the first screen loads. */
export function measurePortal(dist = PORTAL_DIST): PortalBundle {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('The portal build has no entry chunk');
  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key)) return;
    initialKeys.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entry);
  const sized = (key: string) => {
    const file = (manifest[key] as ManifestChunk).file;
    const code = readFileSync(path.join(dist, file));
    return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  };
  const initial = [...initialKeys].map(sized);
  const lazy = Object.keys(manifest)
    .filter((k) => !initialKeys.has(k) && manifest[k]?.file.endsWith('.js'))
    .map((k) => ({ file: sized(k).file, gzipBytes: sized(k).gzipBytes }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    initial,
    initialGzipBytes: initial.reduce((sum, c) => sum + c.gzipBytes, 0),
    lazy,
    budgetBytes: PORTAL_INITIAL_JS_BUDGET,
  };
}
