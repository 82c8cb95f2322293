/**
 * The analytics store on this machine: the same records the AWS stack sends through Firehose, kept as JSON
 * lines in day partitions (`<dir>/<table>/day=YYYY-MM-DD/*.jsonl`), and DuckDB answering the same SQL files
 * Athena runs (analytics/queries). Tables become DuckDB views typed from functions/core/analytics/tables.ts;
 * the few Trino functions our queries use that DuckDB names differently are defined as macros.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  ANALYTICS_TABLES,
  type ColumnType,
  type RowOf,
  type TableName,
} from '../../functions/core/analytics/tables.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

export const QUERIES_DIR = path.join(PROJECT_ROOT, 'analytics', 'queries');

const DUCKDB_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
};

/** Trino functions under their Trino names, so one SQL text runs on both engines. */
const TRINO_COMPATIBILITY = ['CREATE MACRO approx_percentile(x, p) AS quantile_cont(x, p)'];

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

export class LocalLake {
  private connection?: Promise<DuckDBConnection>;

  constructor(private readonly dir: string) {}

  /**
   * Appends rows to their day partitions, as Firehose would deliver them; `part` names the files (the
   * demo year writes its own, `part-demo.jsonl`).
   */
  append<N extends TableName>(table: N, rows: readonly RowOf<N>[], part: string = String(process.pid)): void {
    const byDay = new Map<string, string[]>();
    for (const { day, ...row } of rows) {
      const lines = byDay.get(day) ?? [];
      lines.push(JSON.stringify(row));
      byDay.set(day, lines);
    }
    for (const [day, lines] of byDay) {
      const folder = path.join(this.dir, table, `day=${day}`);
      mkdirSync(folder, { recursive: true });
      appendFileSync(path.join(folder, `part-${part}.jsonl`), `${lines.join('\n')}\n`);
    }
  }

  /** Runs a query file (or SQL text) with positional `?` parameters; rows as plain objects. */
  async query(
    nameOrSql: string,
    params: readonly (string | number)[] = [],
  ): Promise<Record<string, unknown>[]> {
    const sql = /\s/.test(nameOrSql) ? nameOrSql : readQuery(nameOrSql);
    const connection = await this.connect();
    // Partitions appear as records arrive: the views are remade for each query (it only lists files).
    for (const table of Object.keys(ANALYTICS_TABLES) as TableName[])
      await connection.run(this.viewOf(table));
    const reader = await connection.runAndReadAll(sql, [...params]);
    // Counts come back as BIGINT; figures are read as plain numbers, as Athena's JSON results give them.
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      );
  }

  async close(): Promise<void> {
    const connection = await this.connection;
    connection?.closeSync();
    this.connection = undefined;
  }

  private connect(): Promise<DuckDBConnection> {
    this.connection ??= (async () => {
      const db = await DuckDBInstance.create(':memory:');
      const connection = await db.connect();
      for (const statement of TRINO_COMPATIBILITY) await connection.run(statement);
      return connection;
    })();
    return this.connection;
  }

  private viewOf(table: TableName): string {
    const columns = Object.entries(ANALYTICS_TABLES[table].columns as Record<string, ColumnType>);
    const folder = path.join(this.dir, table);
    mkdirSync(folder, { recursive: true });
    const hasFiles = readdirSync(folder).length > 0;
    if (!hasFiles) {
      // No partition yet: an empty view with the same columns, so every query still runs.
      const typed = columns.map(([name, type]) => `CAST(NULL AS ${DUCKDB_TYPES[type]}) AS ${name}`);
      return `CREATE OR REPLACE VIEW ${table} AS SELECT ${typed.join(', ')}, CAST(NULL AS VARCHAR) AS day WHERE false`;
    }
    const spec = columns.map(([name, type]) => `${name}: '${DUCKDB_TYPES[type]}'`).join(', ');
    const glob = path.join(folder, 'day=*', '*.jsonl').replaceAll("'", "''");
    return `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_json('${glob}', format = 'newline_delimited', columns = {${spec}}, hive_partitioning = true, hive_types = {day: 'VARCHAR'})`;
  }
}
