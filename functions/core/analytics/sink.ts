import type { RowOf, TableName } from './tables.ts';

/**
 * Where analytics records go: Firehose (one delivery stream per table) in AWS, the local lake offline.
 * A port, so the domain writes rows without knowing the transport.
 */
export interface AnalyticsSink {
  put<N extends TableName>(table: N, rows: readonly RowOf<N>[]): Promise<void>;
}
