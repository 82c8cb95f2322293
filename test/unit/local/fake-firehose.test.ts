import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLake } from '../../../local/analytics/lake.ts';
import { type FakeAwsDeps, handleFakeAws } from '../../../local/fake-aws/index.ts';

let server: Server;
let endpoint: string;
let dir: string;
let lake: LocalLake;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nidaa-fake-firehose-'));
  lake = new LocalLake(dir);
  const deps = {
    regions: {
      regions: { caseData: 'me-central-1', contactCenter: 'eu-central-1', mailReceiving: 'eu-west-1' },
      buckets: {},
    },
    analytics: { prefix: 'nidaa-local-analytics-', lake },
  } as unknown as FakeAwsDeps;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handleFakeAws(req, res, deps, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_aws/firehose`;
});
afterAll(async () => {
  await lake.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const client = (region = 'me-central-1') =>
  new FirehoseClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
const line = (row: object) => Buffer.from(`${JSON.stringify(row)}\n`);
const event = (id: string, day: string) => ({
  schema_version: 1,
  reference: '260000001',
  event_id: id,
  kind: 'created',
  day,
});

describe('the local Firehose (JSON 1.1, Firehose_20150804.PutRecordBatch)', () => {
  it('stores the rows of every record in the lake, in their day partitions, as the real SDK sends them', async () => {
    const out = await client().send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'nidaa-local-analytics-case_events',
        Records: [
          { Data: line(event('e1', '2026-03-01')) },
          // Firehose takes any bytes: two lines in one record are two rows.
          { Data: Buffer.concat([line(event('e2', '2026-03-01')), line(event('e3', '2026-03-02'))]) },
        ],
      }),
    );
    expect(out.FailedPutCount).toBe(0);
    expect(out.RequestResponses).toHaveLength(2);
    expect(out.RequestResponses?.every((r) => typeof r.RecordId === 'string' && !r.ErrorCode)).toBe(true);
    expect(await lake.query('SELECT day, count(*) AS n FROM case_events GROUP BY day ORDER BY day')).toEqual([
      { day: '2026-03-01', n: 2 },
      { day: '2026-03-02', n: 1 },
    ]);
  });

  it('answers ResourceNotFoundException for a stream that does not exist, as AWS does', async () => {
    const put = client().send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'nidaa-local-analytics-nope',
        Records: [{ Data: line({}) }],
      }),
    );
    await expect(put).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a client built for another region than the case data', async () => {
    const put = client('eu-west-1').send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'nidaa-local-analytics-case_events',
        Records: [{ Data: line(event('e9', '2026-03-01')) }],
      }),
    );
    await expect(put).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
