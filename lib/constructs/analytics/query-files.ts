import { queryNames, readQuery } from '../../analytics-queries.ts';

type QueryFile = { name: string; sql: string; description: string };

/**
 * Every `analytics/queries/*.sql` (lib/analytics-queries.ts), by name, with its text exactly as on disk:
 * Athena registers what DuckDB tested. The description is the file's first comment line (each file opens
 * with what it measures).
 */
export function analyticsQueryFiles(): QueryFile[] {
  return queryNames().map((name) => {
    const sql = readQuery(name);
    const firstComment = /^--\s*(.+)$/m.exec(sql)?.[1]?.trim() ?? '';
    return { name, sql, description: firstComment.slice(0, 1024) };
  });
}
