/**
 * Where analytics queries run: Athena in AWS, DuckDB locally (local mode's fake Athena). Both take one of
 * the SQL files of analytics/queries by name with positional `?` parameters and give rows of plain values
 * (numbers as numbers, timestamps and days as ISO strings), so figures read the same from either.
 */
export type QueryParameter = string | number;

export type AnalyticsRow = Record<string, string | number | boolean | null>;

export interface AnalyticsEngine {
  /** Runs `analytics/queries/<name>.sql` with its parameters, in order. */
  run(name: string, params: readonly QueryParameter[]): Promise<AnalyticsRow[]>;
}
