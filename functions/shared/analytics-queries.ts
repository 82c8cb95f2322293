/**
 * The analytics queries' SQL text (analytics/queries/*.sql), carried inside the bundle of each function
 * that runs them (`queriesAnalytics`): CDK inlines the files as a constant (esbuild `define`), as it does
 * the stage config (docs/decisions/0110). The same files are the workgroup's named queries, so what Athena
 * runs is what DuckDB is tested on. Local mode defines the same global from the files.
 */
export const ANALYTICS_QUERIES_CONSTANT = 'NIDAA_ANALYTICS_QUERIES';
declare const NIDAA_ANALYTICS_QUERIES: string | undefined;

let parsed: Record<string, string> | undefined;

function bundled(): Record<string, string> {
  const raw =
    typeof NIDAA_ANALYTICS_QUERIES === 'string'
      ? NIDAA_ANALYTICS_QUERIES
      : ((globalThis as Record<string, unknown>)[ANALYTICS_QUERIES_CONSTANT] as string | undefined);
  if (!raw) throw new Error(`${ANALYTICS_QUERIES_CONSTANT} is not defined: the bundle carries no queries`);
  parsed ??= JSON.parse(raw) as Record<string, string>;
  return parsed;
}

/** The SQL text of `analytics/queries/<name>.sql`; an unknown name is a programming error. */
export function analyticsQueryText(name: string): string {
  const sql = Object.hasOwn(bundled(), name) ? bundled()[name] : undefined;
  if (sql === undefined) throw new Error(`No analytics query named ${name} in this bundle`);
  return sql;
}

/** Makes the queries available as the bundle's constant is (local mode, tests). */
export function defineAnalyticsQueries(queries: Record<string, string>) {
  parsed = undefined;
  (globalThis as Record<string, unknown>)[ANALYTICS_QUERIES_CONSTANT] = JSON.stringify(queries);
}
