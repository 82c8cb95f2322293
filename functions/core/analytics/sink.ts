/**
 * Where analytics rows go: Firehose in AWS (one delivery stream per table, docs/decisions/0100), the local
 * lake in local mode. Delivery is not all-or-nothing: the positions of rows not delivered come back.
 */
import type { RowOf, TableName } from './tables.ts';

export type SinkResult = { undelivered: number[]; reason?: string };

export interface AnalyticsSink {
  put<N extends TableName>(table: N, rows: readonly RowOf<N>[]): Promise<SinkResult>;
}
