import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { LocalLake } from '../analytics/lake.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

/**
 * Amazon Athena's query API (JSON 1.1, `X-Amz-Target: AmazonAthena.<Operation>`) over the local lake:
 * StartQueryExecution runs the query text it is sent on DuckDB (local/analytics/lake.ts), GetQueryExecution
 * and GetQueryResults answer in Athena's shapes (states, AthenaError, a header row on the first page,
 * every value a VarCharValue, the columns' Athena types), StopQueryExecution cancels. Only what Nidaa calls.
 */
export type LocalAthena = { lake: LocalLake; workGroup: string; database: string };

const AMZ_JSON = 'application/x-amz-json-1.1';
/** Athena's own page size limit. */
const MAX_RESULTS = 1000;
/** Executions are kept for their results; the oldest go first (Athena keeps them 45 days). */
const KEPT = 500;

type Execution = {
  id: string;
  query: string;
  workGroup: string;
  database: string;
  submittedAt: number;
  completedAt?: number;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  reason?: string;
  columns?: { name: string; type: string }[];
  rows?: unknown[][];
};

const executions = new Map<string, Execution>();

const invalid = (res: ServerResponse, message: string) =>
  json(
    res,
    400,
    { __type: 'InvalidRequestException', Message: message, AthenaErrorCode: 'INVALID_INPUT' },
    AMZ_JSON,
  );

/** An ExecutionParameters literal ('text' with '' for a quote, or a number) as a DuckDB parameter. */
export function parameterValue(literal: string): string | number | undefined {
  const quoted = /^'((?:[^']|'')*)'$/s.exec(literal);
  if (quoted) return (quoted[1] as string).replaceAll("''", "'");
  return /^-?\d+(\.\d+)?$/.test(literal) ? Number(literal) : undefined;
}

/** DuckDB's type names as Athena's ColumnInfo.Type spells them (Trino's names). */
function athenaType(duckdb: string): string {
  const t = duckdb.toUpperCase();
  if (t === 'VARCHAR') return 'varchar';
  if (t === 'BIGINT' || t === 'HUGEINT' || t === 'UBIGINT') return 'bigint';
  if (t === 'INTEGER' || t === 'SMALLINT' || t === 'TINYINT') return 'integer';
  if (t === 'DOUBLE') return 'double';
  if (t === 'FLOAT') return 'real';
  if (t.startsWith('DECIMAL')) return t.toLowerCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'DATE') return 'date';
  return 'varchar';
}

/** A value as Athena writes it in VarCharValue: timestamps `YYYY-MM-DD HH:MM:SS.mmm`, NULL as no value. */
function cell(value: unknown): { VarCharValue?: string } {
  if (value === null || value === undefined) return {};
  if (value instanceof Date) return { VarCharValue: value.toISOString().replace('T', ' ').replace('Z', '') };
  return { VarCharValue: String(value) };
}

function describe(e: Execution) {
  return {
    QueryExecutionId: e.id,
    Query: e.query,
    StatementType: 'DML',
    QueryExecutionContext: { Database: e.database, Catalog: 'awsdatacatalog' },
    WorkGroup: e.workGroup,
    ResultConfiguration: { OutputLocation: `s3://nidaa-local-athena-results/${e.id}.csv` },
    Status: {
      State: e.state,
      SubmissionDateTime: e.submittedAt / 1000,
      ...(e.completedAt ? { CompletionDateTime: e.completedAt / 1000 } : {}),
      ...(e.reason ? { StateChangeReason: e.reason } : {}),
      ...(e.state === 'FAILED'
        ? { AthenaError: { ErrorCategory: 2, ErrorType: 1000, Retryable: false, ErrorMessage: e.reason } }
        : {}),
    },
    Statistics: {
      EngineExecutionTimeInMillis: (e.completedAt ?? Date.now()) - e.submittedAt,
      DataScannedInBytes: 0,
    },
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}

function start(body: Record<string, unknown>, res: ServerResponse, athena: LocalAthena) {
  const query = typeof body.QueryString === 'string' ? body.QueryString : '';
  const workGroup = typeof body.WorkGroup === 'string' ? body.WorkGroup : 'primary';
  const database = String((body.QueryExecutionContext as { Database?: unknown } | undefined)?.Database ?? '');
  if (!query) return invalid(res, 'QueryString must not be empty');
  if (workGroup !== athena.workGroup) return invalid(res, `WorkGroup ${workGroup} is not found.`);
  const literals = Array.isArray(body.ExecutionParameters) ? (body.ExecutionParameters as unknown[]) : [];
  if (Array.isArray(body.ExecutionParameters) && literals.length === 0)
    return invalid(res, 'ExecutionParameters must contain at least 1 element');
  const params = literals.map((l) => parameterValue(String(l)));
  if (params.some((p) => p === undefined))
    return invalid(res, 'ExecutionParameters must be SQL literals: quoted strings or numbers');
  const execution: Execution = {
    id: randomUUID(),
    query,
    workGroup,
    database,
    submittedAt: Date.now(),
    state: 'RUNNING',
  };
  executions.set(execution.id, execution);
  for (const old of executions.keys()) {
    if (executions.size <= KEPT) break;
    executions.delete(old);
  }
  // The tables live in the workgroup's database; another name finds none, as in Athena.
  const run =
    database === athena.database
      ? athena.lake.queryWithColumns(query, params as (string | number)[])
      : Promise.reject(new Error(`SCHEMA_NOT_FOUND: Schema '${database}' does not exist`));
  run.then(
    (result) => {
      if (execution.state !== 'RUNNING') return;
      Object.assign(execution, { state: 'SUCCEEDED', completedAt: Date.now(), ...result });
    },
    (error: Error) => {
      if (execution.state !== 'RUNNING') return;
      Object.assign(execution, { state: 'FAILED', completedAt: Date.now(), reason: error.message });
    },
  );
  json(res, 200, { QueryExecutionId: execution.id }, AMZ_JSON);
}

function results(body: Record<string, unknown>, res: ServerResponse) {
  const execution = executions.get(String(body.QueryExecutionId ?? ''));
  if (!execution) return invalid(res, `QueryExecution ${String(body.QueryExecutionId)} was not found`);
  if (execution.state !== 'SUCCEEDED')
    return invalid(res, `Query has not yet finished. Current state: ${execution.state}`);
  const max = Math.min(Number(body.MaxResults ?? MAX_RESULTS) || MAX_RESULTS, MAX_RESULTS);
  const offset = Number(body.NextToken ?? 0) || 0;
  const columns = execution.columns ?? [];
  const rows = execution.rows ?? [];
  // The first page starts with the header row, which counts towards its size.
  const header = offset === 0 ? [{ Data: columns.map((c) => ({ VarCharValue: c.name })) }] : [];
  const take = max - header.length;
  const page = rows.slice(offset, offset + take).map((r) => ({ Data: r.map(cell) }));
  const next = offset + take < rows.length ? String(offset + take) : undefined;
  json(
    res,
    200,
    {
      UpdateCount: 0,
      ResultSet: {
        Rows: [...header, ...page],
        ResultSetMetadata: {
          ColumnInfo: columns.map((c) => ({
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            Name: c.name,
            Label: c.name,
            Type: athenaType(c.type),
            Precision: 0,
            Scale: 0,
            Nullable: 'UNKNOWN',
            CaseSensitive: athenaType(c.type) === 'varchar',
          })),
        },
      },
      ...(next ? { NextToken: next } : {}),
    },
    AMZ_JSON,
  );
}

export function serveAthena(target: string, raw: string, res: ServerResponse, athena: LocalAthena) {
  const body = parseRequestJson(raw);
  const operation = target.replace(/^AmazonAthena\./, '');
  if (operation === 'StartQueryExecution') return start(body, res, athena);
  if (operation === 'GetQueryResults') return results(body, res);
  const execution = executions.get(String(body.QueryExecutionId ?? ''));
  if (operation === 'GetQueryExecution') {
    if (!execution) return invalid(res, `QueryExecution ${String(body.QueryExecutionId)} was not found`);
    return json(res, 200, { QueryExecution: describe(execution) }, AMZ_JSON);
  }
  if (operation === 'StopQueryExecution') {
    if (execution && (execution.state === 'RUNNING' || execution.state === 'QUEUED'))
      Object.assign(execution, {
        state: 'CANCELLED',
        completedAt: Date.now(),
        reason: 'Query cancelled by user',
      });
    return json(res, 200, {}, AMZ_JSON);
  }
  json(
    res,
    400,
    { __type: 'UnknownOperationException', message: `No local stand-in for ${target}` },
    AMZ_JSON,
  );
}
