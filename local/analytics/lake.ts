/**
 * The analytics store on this machine: the same records the AWS stack sends through Firehose, kept as JSON
 * lines in day partitions (`<dir>/<table>/day=YYYY-MM-DD/*.jsonl`), and DuckDB answering the same SQL files
 * Athena runs (analytics/queries). Tables become DuckDB views typed from functions/core/analytics/tables.ts;
 * the few Trino functions our queries use that DuckDB names differently are defined as macros.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  ANALYTICS_TABLES,
  type ColumnType,
  type RowOf,
  type TableName,
} from '../../functions/core/analytics/tables.ts';
import { readQuery } from '../../lib/analytics-queries.ts';

export { allQueries, QUERIES_DIR, queryNames, readQuery } from '../../lib/analytics-queries.ts';

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

/**
 * The lake of one local stack, made in this one place: `<dataDir>/lake`, kept across restarts, or a fresh
 * temporary folder when the stack keeps nothing (tests). The fake Firehose writes to it, the fake Athena
 * reads it.
 */
export function openLocalLake(dataDir?: string): LocalLake {
  const dir = dataDir ? path.join(dataDir, 'lake') : mkdtempSync(path.join(tmpdir(), 'nidaa-lake-'));
  mkdirSync(dir, { recursive: true });
  return new LocalLake(dir);
}

export class LocalLake {
  private connection?: Promise<DuckDBConnection>;

  constructor(readonly dir: string) {}

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
    const reader = await this.run(sql, params);
    // Counts come back as BIGINT; figures are read as plain numbers, as Athena's JSON results give them.
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      );
  }

  /**
   * Runs SQL text with its parameters and keeps the columns' DuckDB types (`VARCHAR`, `BIGINT`,
   * `TIMESTAMP`…): local mode's fake Athena reports them as Athena's ColumnInfo.
   */
  async queryWithColumns(
    sql: string,
    params: readonly (string | number)[] = [],
  ): Promise<{ columns: { name: string; type: string }[]; rows: unknown[][] }> {
    const reader = await this.run(sql, params);
    const types = reader.columnTypes();
    return {
      columns: reader.columnNames().map((name, i) => ({ name, type: String(types[i]) })),
      rows: reader.getRowsJS(),
    };
  }

  async close(): Promise<void> {
    const connection = await this.connection;
    connection?.closeSync();
    this.connection = undefined;
  }

  private async run(sql: string, params: readonly (string | number)[]) {
    const connection = await this.connect();
    // Partitions appear as records arrive: the views are remade for each query (it only lists files).
    for (const table of Object.keys(ANALYTICS_TABLES) as TableName[])
      await connection.run(this.viewOf(table));
    return connection.runAndReadAll(sql, [...params]);
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
