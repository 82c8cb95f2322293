import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../project-root.ts';

/** The analytics queries, one portable SQL file each (docs/decisions/0100): DuckDB runs them locally. */
export const ANALYTICS_QUERIES_DIR = path.join(PROJECT_ROOT, 'analytics', 'queries');

export type QueryFile = { name: string; sql: string; description: string };

/**
 * Every `analytics/queries/*.sql`, by name, with its text exactly as on disk: Athena registers what
 * DuckDB tested. The description is the file's first comment line (each file opens with what it measures).
 */
export function analyticsQueryFiles(dir = ANALYTICS_QUERIES_DIR): QueryFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      const firstComment = /^--\s*(.+)$/m.exec(sql)?.[1]?.trim() ?? '';
      return { name: file.slice(0, -'.sql'.length), sql, description: firstComment.slice(0, 1024) };
    });
}
