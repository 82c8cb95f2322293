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

/**
 * A timestamp cell as milliseconds: the engine gives ISO text (the Athena adapter converts, local mode goes
 * through it too); the local lake read directly (tests, bench) gives a Date.
 */
export const timestampMs = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(String(value));
