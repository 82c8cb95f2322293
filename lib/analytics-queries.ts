/**
 * The analytics queries' files (analytics/queries/*.sql), read by name: local mode's DuckDB runs them, the
 * AWS stack registers them as Athena named queries and inlines their text into the bundles of the functions
 * that run them (docs/decisions/0100, 0110). Plain files, no engine: CDK loads it cheaply.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './project-root.ts';

export const QUERIES_DIR = path.join(PROJECT_ROOT, 'analytics', 'queries');

/** The analytics queries by name (the file name without .sql). */
export function readQuery(name: string): string {
  const file = path.join(QUERIES_DIR, `${name}.sql`);
  if (!/^[a-z0-9_]+$/.test(name) || !existsSync(file)) throw new Error(`No analytics query named ${name}`);
  return readFileSync(file, 'utf8');
}

export const queryNames = () =>
  readdirSync(QUERIES_DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -'.sql'.length))
    .sort();

let cached: Record<string, string> | undefined;

/** Every query's SQL text by name, read once per process (each analytics function's bundle inlines it). */
export const allQueries = (): Record<string, string> => {
  cached ??= Object.fromEntries(queryNames().map((name) => [name, readQuery(name)]));
  return cached;
};
