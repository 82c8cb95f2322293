import {
  type AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { AnalyticsEngine, AnalyticsRow, QueryParameter } from '#core/analytics/engine.ts';
import { InternalError, TransientError, UnprocessableError } from '#core/errors.ts';

/**
 * AnalyticsEngine on Amazon Athena: one of the analytics/queries files (bundled text, the same files the
 * stack registers as named queries) started in the workgroup over the Glue database, with its `?`
 * parameters as ExecutionParameters, polled until it ends, and its results read page by page and typed by
 * the columns Athena reports, so rows read as DuckDB's do locally (docs/decisions/0110).
 */
export type AthenaSettings = {
  workGroup: string;
  database: string;
  /** The SQL text of a query by name. */
  queryText: (name: string) => string;
  /** How long a figure may take before it is cancelled (API Gateway gives up at 30 s). */
  timeoutMs?: number;
  /** Waits between polls: `firstPollMs`, doubling up to `maxPollMs`. */
  firstPollMs?: number;
  maxPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

/** Too much data for the workgroup's bytes-scanned limit: the caller can ask a narrower question. */
export const TOO_MUCH_DATA = {
  ar: 'يتطلب هذا الطلب قراءة بيانات أكثر من المسموح؛ ضيّقوا نطاق التاريخ أو أضيفوا عوامل تصفية.',
  en: 'This question reads more data than allowed; narrow the date range or add filters.',
};
const UNAVAILABLE = {
  ar: 'تعذّر حساب الأرقام الآن؛ حاولوا بعد قليل.',
  en: 'The figures could not be computed just now; please try again shortly.',
};
const QUERY_FAILED = {
  ar: 'تعذّر حساب هذه الأرقام.',
  en: 'These figures could not be computed.',
};

/**
 * Athena takes parameters as SQL literals (ExecutionParameters): a string quoted, its quotes doubled; a
 * number as written. Only finite numbers: NaN or Infinity would not be SQL.
 */
export function sqlLiteral(value: QueryParameter): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a SQL number: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint']);
const DECIMAL_TYPES = new Set(['double', 'float', 'real']);

/** Athena's `2026-03-01 06:00:00.000` (UTC, as the lake stores instants) as ISO 8601. */
function isoInstant(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(text);
  if (!match) return text;
  const millis = (match[3] ?? '.000').slice(1, 4).padEnd(3, '0');
  return `${match[1]}T${match[2]}.${millis}Z`;
}

/** One result cell as a plain value, by its column's Athena type; a cell without a value is NULL. */
export function typedValue(
  text: string | undefined,
  type: string | undefined,
): string | number | boolean | null {
  if (text === undefined) return null;
  const t = (type ?? 'varchar').toLowerCase();
  if (INTEGER_TYPES.has(t) || DECIMAL_TYPES.has(t) || t.startsWith('decimal')) {
    const n = Number(text);
    return Number.isNaN(n) ? null : n;
  }
  if (t === 'boolean') return text === 'true';
  if (t.startsWith('timestamp')) return isoInstant(text);
  return text;
}

/** The workgroup's bytes-scanned cutoff: Athena cancels the query and says so in its reason. */
const BYTES_LIMIT = /bytes scanned limit/i;

/** What a finished query that did not succeed means to the caller. */
export function failureOf(execution: QueryExecution | undefined): Error {
  const status = execution?.Status;
  const reason = `${status?.StateChangeReason ?? ''} ${status?.AthenaError?.ErrorMessage ?? ''}`;
  if (BYTES_LIMIT.test(reason)) return new UnprocessableError(TOO_MUCH_DATA);
  const error = status?.AthenaError;
  // Category 1 is Athena's own failure, and Athena says when a retry may work: come back later.
  if (status?.State === 'CANCELLED' || error?.Retryable || error?.ErrorCategory === 1)
    return new TransientError(UNAVAILABLE);
  // A user error (category 2) is in our SQL or the lake's tables: ours to fix, never the caller's input.
  return new InternalError(QUERY_FAILED);
}

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException']);

export class AthenaAnalyticsEngine implements AnalyticsEngine {
  constructor(
    private readonly athena: AthenaClient,
    private readonly settings: AthenaSettings,
  ) {}

  async run(name: string, params: readonly QueryParameter[]): Promise<AnalyticsRow[]> {
    const id = await this.start(name, params);
    await this.waitFor(id);
    return this.results(id);
  }

  private async start(name: string, params: readonly QueryParameter[]): Promise<string> {
    try {
      const started = await this.athena.send(
        new StartQueryExecutionCommand({
          QueryString: this.settings.queryText(name),
          QueryExecutionContext: { Database: this.settings.database },
          WorkGroup: this.settings.workGroup,
          ...(params.length > 0 ? { ExecutionParameters: params.map(sqlLiteral) } : {}),
        }),
      );
      if (!started.QueryExecutionId) throw new InternalError(QUERY_FAILED);
      return started.QueryExecutionId;
    } catch (error) {
      if (THROTTLED.has((error as Error).name)) throw new TransientError(UNAVAILABLE);
      throw error;
    }
  }

  private async waitFor(id: string): Promise<void> {
    const sleep = this.settings.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const now = this.settings.now ?? Date.now;
    const deadline = now() + (this.settings.timeoutMs ?? 20_000);
    let wait = this.settings.firstPollMs ?? 200;
    for (;;) {
      const { QueryExecution: execution } = await this.athena.send(
        new GetQueryExecutionCommand({ QueryExecutionId: id }),
      );
      const state = execution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') throw failureOf(execution);
      if (now() + wait > deadline) {
        // Nobody will read it: stop paying for the scan.
        await this.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => {});
        throw new TransientError(UNAVAILABLE);
      }
      await sleep(wait);
      wait = Math.min(wait * 2, this.settings.maxPollMs ?? 2_000);
    }
  }

  private async results(id: string): Promise<AnalyticsRow[]> {
    const rows: AnalyticsRow[] = [];
    let columns: ColumnInfo[] | undefined;
    let next: string | undefined;
    let first = true;
    do {
      const page = await this.athena.send(
        new GetQueryResultsCommand({
          QueryExecutionId: id,
          MaxResults: 1000,
          ...(next ? { NextToken: next } : {}),
        }),
      );
      columns ??= page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      // The first row of the first page repeats the column names (SELECT results).
      const data = (page.ResultSet?.Rows ?? []).slice(first ? 1 : 0);
      first = false;
      for (const row of data) {
        const cells = row.Data ?? [];
        rows.push(
          Object.fromEntries(
            (columns ?? []).map((c, i) => [c.Name ?? `_${i}`, typedValue(cells[i]?.VarCharValue, c.Type)]),
          ),
        );
      }
      next = page.NextToken;
    } while (next);
    return rows;
  }
}
