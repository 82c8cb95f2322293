import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaAnalyticsEngine, sqlLiteral } from '../../../functions/adapters/athena/athena-engine.ts';
import { InternalError, TransientError, UnprocessableError } from '../../../functions/core/errors.ts';

const athena = mockClient(AthenaClient);
const SQL = 'SELECT day, cases FROM t WHERE created_day BETWEEN ? AND ?';

function engine(extra: { timeoutMs?: number } = {}) {
  let clock = 0;
  return new AthenaAnalyticsEngine(new AthenaClient({ region: 'me-central-1' }), {
    workGroup: 'nidaa-prod-analytics',
    database: 'nidaa_prod_analytics',
    queryText: (name) => (name === 'volume' ? SQL : 'SELECT 1'),
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
    ...extra,
  });
}

/** GetQueryResults as Athena documents it: every value a VarCharValue, the header row first on page one. */
const column = (Name: string, Type: string) => ({
  CatalogName: 'hive',
  SchemaName: '',
  TableName: '',
  Name,
  Label: Name,
  Type,
  Precision: 0,
  Scale: 0,
  Nullable: 'UNKNOWN' as const,
  CaseSensitive: Type === 'varchar',
});
const COLUMNS = [
  column('day', 'varchar'),
  column('cases', 'bigint'),
  column('average', 'double'),
  column('triage', 'boolean'),
  column('resolved_at', 'timestamp'),
];

beforeEach(() => athena.reset());

describe('AthenaAnalyticsEngine', () => {
  it('starts the bundled SQL in the workgroup and database with its parameters as SQL literals', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      UpdateCount: 0,
      ResultSet: {
        Rows: [{ Data: COLUMNS.map((c) => ({ VarCharValue: c.Name })) }],
        ResultSetMetadata: { ColumnInfo: COLUMNS },
      },
    });

    // Act
    await engine().run('volume', ['2026-03-01', "O'Brien", 3]);

    // Assert
    expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      QueryString: SQL,
      QueryExecutionContext: { Database: 'nidaa_prod_analytics' },
      WorkGroup: 'nidaa-prod-analytics',
      ExecutionParameters: ["'2026-03-01'", "'O''Brien'", '3'],
    });
    expect(athena).toHaveReceivedCommandTimes(GetQueryExecutionCommand, 3);
  });

  it('reads every page, skips the header row once and types each value by its column', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves({ QueryExecution: { QueryExecutionId: 'q-2', Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-2', MaxResults: 1000 })
      .resolves({
        NextToken: 'page-2',
        ResultSet: {
          Rows: [
            { Data: COLUMNS.map((c) => ({ VarCharValue: c.Name })) },
            {
              Data: [
                { VarCharValue: '2026-03-01' },
                { VarCharValue: '12' },
                { VarCharValue: '4.5' },
                { VarCharValue: 'true' },
                { VarCharValue: '2026-03-01 10:00:00.000' },
              ],
            },
          ],
          ResultSetMetadata: { ColumnInfo: COLUMNS },
        },
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-2', NextToken: 'page-2' })
      .resolves({
        ResultSet: {
          // Later pages carry no header; a NULL is a datum without VarCharValue.
          Rows: [
            { Data: [{ VarCharValue: 'day' }, { VarCharValue: '0' }, {}, { VarCharValue: 'false' }, {}] },
          ],
          ResultSetMetadata: { ColumnInfo: COLUMNS },
        },
      });

    // Act
    const rows = await engine().run('volume', ['2026-03-01', '2026-03-31']);

    // Assert
    expect(rows).toEqual([
      { day: '2026-03-01', cases: 12, average: 4.5, triage: true, resolved_at: '2026-03-01T10:00:00.000Z' },
      { day: 'day', cases: 0, average: null, triage: false, resolved_at: null },
    ]);
  });

  it('sends no ExecutionParameters for a query without parameters (Athena refuses an empty list)', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-3' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand)
      .resolves({ ResultSet: { Rows: [], ResultSetMetadata: { ColumnInfo: [] } } });

    await engine().run('other', []);

    const input = athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input;
    expect(input).not.toHaveProperty('ExecutionParameters');
  });

  it('turns the bytes-scanned limit into a 422 that asks for a narrower question', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-4' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        QueryExecutionId: 'q-4',
        Status: {
          State: 'CANCELLED',
          StateChangeReason: 'Query cancelled! : Bytes scanned limit was exceeded',
        },
      },
    });

    const failure = engine().run('volume', ['2026-01-01', '2026-12-31']);

    await expect(failure).rejects.toBeInstanceOf(UnprocessableError);
    await expect(failure).rejects.toMatchObject({
      status: 422,
      messages: { en: expect.stringMatching(/narrow/) },
    });
    expect(athena).toHaveReceivedCommandTimes(GetQueryResultsCommand, 0);
  });

  it('maps a FAILED query by its AthenaError: a user error (our SQL) is a 500, a retryable one a 503', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-5' });
    athena.on(GetQueryExecutionCommand).resolvesOnce({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'dya' cannot be resolved",
          AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: "Column 'dya'" },
        },
      },
    });
    await expect(engine().run('volume', ['a', 'b'])).rejects.toBeInstanceOf(InternalError);

    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          StateChangeReason: 'Query exhausted resources at this scale factor',
          AthenaError: { ErrorCategory: 1, ErrorType: 1001, Retryable: true },
        },
      },
    });
    await expect(engine().run('volume', ['a', 'b'])).rejects.toMatchObject({ status: 503 });
  });

  it('maps a query cancelled by someone else to a 503, and throttling of the start too', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-6' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED' } } });
    await expect(engine().run('volume', ['a', 'b'])).rejects.toBeInstanceOf(TransientError);

    athena.reset();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    athena.on(StartQueryExecutionCommand).rejects(throttled);
    await expect(engine().run('volume', ['a', 'b'])).rejects.toBeInstanceOf(TransientError);
  });

  it('polls with a growing wait and stops a query that outlives its time, answering 503', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-7' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});

    await expect(engine({ timeoutMs: 5_000 }).run('volume', ['a', 'b'])).rejects.toBeInstanceOf(
      TransientError,
    );

    // Waits of 200, 400, 800, 1600 and 2000 ms fill the 5 s: a sixth poll, then the stop.
    expect(athena).toHaveReceivedCommandTimes(GetQueryExecutionCommand, 6);
    expect(athena).toHaveReceivedCommandWith(StopQueryExecutionCommand, { QueryExecutionId: 'q-7' });
  });
});

describe('sqlLiteral', () => {
  it('quotes strings with their quotes doubled and writes finite numbers as they are', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('2026-03-01 00:00:00')).toBe("'2026-03-01 00:00:00'");
    expect(sqlLiteral(-2.5)).toBe('-2.5');
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});
