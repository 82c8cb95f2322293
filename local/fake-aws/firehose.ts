import type { ServerResponse } from 'node:http';
import { ANALYTICS_TABLES, type RowOf, type TableName } from '../../functions/core/analytics/tables.ts';
import type { LocalLake } from '../analytics/lake.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

const AMZ_JSON = 'application/x-amz-json-1.1';
const ACCOUNT = '000000000000';

const fail = (res: ServerResponse, type: string, message: string) =>
  json(res, 400, { __type: type, message }, AMZ_JSON);

/** Local mode's delivery streams: one per analytics table, `<prefix><table>`, as the AWS stack names them. */
export type LocalDeliveryStreams = { prefix: string; lake: LocalLake };

type PutRecordBatchRequest = { DeliveryStreamName?: string; Records?: { Data?: string }[] };

/**
 * Kinesis Data Firehose (JSON 1.1, operation in X-Amz-Target), the one call Nidaa makes: PutRecordBatch.
 * Each record's Data (base64) holds newline-terminated JSON rows; they land in the LocalLake at once, in
 * their `day` partition, where Firehose would buffer them and write Parquet under `day=…` in S3.
 */
export function serveFirehose(
  target: string,
  body: string,
  res: ServerResponse,
  streams: LocalDeliveryStreams,
) {
  if (target !== 'Firehose_20150804.PutRecordBatch')
    return fail(res, 'UnknownOperationException', `Local Firehose has no ${target}`);
  const request = parseRequestJson<PutRecordBatchRequest>(body);
  const name = request.DeliveryStreamName ?? '';
  const table = name.startsWith(streams.prefix) ? name.slice(streams.prefix.length) : '';
  if (!Object.hasOwn(ANALYTICS_TABLES, table))
    return fail(res, 'ResourceNotFoundException', `Firehose ${name} under account ${ACCOUNT} not found.`);
  const records = request.Records ?? [];
  if (records.length < 1 || records.length > 500)
    return fail(
      res,
      'ValidationException',
      `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length ${records.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 500'}`,
    );
  const rows: RowOf<TableName>[] = [];
  for (const record of records) {
    const text = Buffer.from(record.Data ?? '', 'base64').toString('utf8');
    // Firehose stores bytes as sent; the lake reads JSON lines, so a line that is not one is refused here.
    for (const line of text.split('\n').filter((l) => l.trim() !== ''))
      rows.push(parseRequestJson<RowOf<TableName>>(line));
  }
  streams.lake.append(table as TableName, rows);
  json(
    res,
    200,
    {
      FailedPutCount: 0,
      Encrypted: false,
      RequestResponses: records.map(() => ({ RecordId: crypto.randomUUID().replaceAll('-', '') })),
    },
    AMZ_JSON,
  );
}
