import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { CASE_ITEM_PREFIX, type FunctionName, functionsTriggeredBy } from '../lib/function-catalog.ts';

/**
 * DynamoDB Streams for local mode (dynalite has none), kept small (docs/decisions/0102): a proxy in front
 * of dynalite that, for each write to the case table (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
 * TransactWriteItems), reads the items it names before and after, and publishes a stream record for each
 * item that changed, as AWS does with NEW_AND_OLD_IMAGES: INSERT, MODIFY or REMOVE, Keys and images in
 * attribute-value form, increasing sequence numbers. A write that changes nothing (a refused condition, an
 * identical put, an unprocessed batch item) gives no record, as in AWS. Writes to one item wait for each
 * other, so each before/after pair is the write's own.
 *
 * Records reach every function whose trigger is `caseTableStream`, each with its own position, as each has
 * its own event source mapping: in order, in batches, and with partial batch failures honoured: a batch is
 * retried from the first failed record (or whole, if the function throws), a few times with backoff, then
 * dropped with a message, where AWS would hand it to the mapping's on-failure destination.
 */
type Item = Record<string, AttributeValue>;
type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export type StreamOptions = {
  tableName: string;
  keyAttributes: readonly [string, string];
  region: string;
  now: () => Date;
  invoke: Invoke;
  batchSize?: number;
  /** How long records gather before a batch is delivered (AWS: MaximumBatchingWindowInSeconds). */
  batchingWindowMs?: number;
  retries?: number;
  retryDelayMs?: number;
};

/** The functions each stream record is delivered to (one event source mapping each). */
export const streamConsumers = () => functionsTriggeredBy('caseTableStream');

/**
 * The case items (partition key under CASE_ITEM_PREFIX) a write request names, by their key attributes:
 * as AWS's event source mappings filter to those, counters, rate windows and other bookkeeping items give
 * no record (and are not read before and after).
 */
export function keysWritten(operation: string, body: Record<string, unknown>, o: StreamOptions): Item[] {
  return itemsNamed(operation, body, o).filter((key) =>
    key[o.keyAttributes[0]]?.S?.startsWith(CASE_ITEM_PREFIX),
  );
}

function itemsNamed(operation: string, body: Record<string, unknown>, o: StreamOptions): Item[] {
  const keyOf = (item: Item): Item =>
    Object.fromEntries(o.keyAttributes.map((k) => [k, item[k] as AttributeValue]));
  const ours = (table: unknown) => table === o.tableName;
  const named = (r: { TableName?: string; Item?: Item; Key?: Item } | undefined) =>
    r && ours(r.TableName) ? [r.Key ?? keyOf(r.Item ?? {})] : [];
  switch (operation) {
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return named(body as never);
    case 'BatchWriteItem': {
      const requests =
        (
          body.RequestItems as Record<
            string,
            { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]
          >
        )?.[o.tableName] ?? [];
      return requests.map((r) => r.DeleteRequest?.Key ?? keyOf(r.PutRequest?.Item ?? {}));
    }
    case 'TransactWriteItems':
      return ((body.TransactItems ?? []) as Record<string, never>[]).flatMap((t) =>
        named(t.Put ?? t.Update ?? t.Delete),
      );
    default:
      return [];
  }
}

/** Attribute-value maps compared whatever their key order. */
const canonical = (value: unknown): string =>
  value && typeof value === 'object'
    ? Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
    : JSON.stringify(value);

export class CaseTableStream {
  private sequence = 10n ** 20n;
  private readonly label: string;
  private readonly queues = new Map<FunctionName, { records: DynamoDBRecord[]; draining?: Promise<void> }>();
  private stopped = false;

  constructor(private readonly o: StreamOptions) {
    this.label = o.now().toISOString().replace('Z', '');
    for (const name of streamConsumers()) this.queues.set(name, { records: [] });
  }

  /** The stream record of one item's change, or undefined when nothing changed. */
  recordOf(keys: Item, oldImage: Item | undefined, newImage: Item | undefined): DynamoDBRecord | undefined {
    if (canonical(oldImage) === canonical(newImage)) return undefined;
    this.sequence += 1n;
    const eventName = !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY';
    const dynamodb = {
      ApproximateCreationDateTime: Math.floor(this.o.now().getTime() / 1000),
      Keys: keys,
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: String(this.sequence),
      SizeBytes: JSON.stringify([keys, newImage, oldImage]).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
    };
    return {
      eventID: crypto.randomUUID().replaceAll('-', ''),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.o.region,
      dynamodb: dynamodb as DynamoDBRecord['dynamodb'],
      eventSourceARN: `arn:aws:dynamodb:${this.o.region}:000000000000:table/${this.o.tableName}/stream/${this.label}`,
    };
  }

  publish(records: DynamoDBRecord[]) {
    if (this.stopped || records.length === 0) return;
    for (const [name, queue] of this.queues) {
      queue.records.push(...records);
      queue.draining ??= this.drain(name).finally(() => {
        queue.draining = undefined;
      });
    }
  }

  /** Resolves once every record published so far was delivered or dropped. */
  async idle(): Promise<void> {
    while ([...this.queues.values()].some((q) => q.draining))
      await Promise.all([...this.queues.values()].map((q) => q.draining));
  }

  async stop() {
    this.stopped = true;
    await this.idle();
  }

  private async drain(name: FunctionName) {
    const queue = this.queues.get(name) as { records: DynamoDBRecord[] };
    const { batchSize = 100, batchingWindowMs = 20, retries = 5, retryDelayMs = 50 } = this.o;
    let failures = 0;
    await sleep(batchingWindowMs);
    while (queue.records.length > 0 && !this.stopped) {
      const batch = queue.records.slice(0, batchSize);
      const failedFrom = await this.deliver(name, batch);
      if (failedFrom === undefined) {
        queue.records.splice(0, batch.length);
        failures = 0;
        continue;
      }
      // Delivered up to the first failure (the checkpoint); the rest comes again, later records with it.
      queue.records.splice(0, failedFrom);
      failures += 1;
      if (failures > retries) {
        console.error(
          `${name}: stream batch dropped after ${retries} retries (AWS: its on-failure destination), from ${batch[failedFrom]?.dynamodb?.SequenceNumber}`,
        );
        queue.records.splice(0, batch.length - failedFrom);
        failures = 0;
        continue;
      }
      await sleep(retryDelayMs * 2 ** (failures - 1));
    }
  }

  /** The position of the first record to retry, or undefined when the whole batch went through. */
  private async deliver(name: FunctionName, batch: DynamoDBRecord[]): Promise<number | undefined> {
    try {
      const answer = (await this.o.invoke(name, { Records: batch })) as DynamoDBBatchResponse | undefined;
      const failed = answer?.batchItemFailures ?? [];
      if (failed.length === 0) return undefined;
      const positions = failed.map((f) =>
        batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
      );
      // An identifier that names no record of the batch fails the whole batch, as in AWS.
      return positions.includes(-1) ? 0 : Math.min(...positions);
    } catch (error) {
      console.error(`${name}: stream batch failed`, error);
      return 0;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * The proxy in front of dynalite: reads and other tables pass straight through; writes to the case table
 * are ordered per item, and each changed item becomes a stream record.
 */
export async function streamingProxy(
  target: { host: string; port: number },
  host: string,
  stream: CaseTableStream,
  options: StreamOptions,
): Promise<{ server: Server; port: number }> {
  const ddb = new DynamoDBClient({
    endpoint: `http://${target.host}:${target.port}`,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const read = async (key: Item) =>
    (await ddb.send(new GetItemCommand({ TableName: options.tableName, Key: key, ConsistentRead: true })))
      .Item;
  // The last write of each item: a write waits for those of its items only, as AWS orders records per item.
  const lastWrite = new Map<string, Promise<unknown>>();

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = request(
        { host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers },
        async (answer) =>
          resolve({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            body: await readBody(answer),
          }),
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      let keys: Item[] = [];
      if (WRITES.has(operation)) {
        try {
          keys = keysWritten(operation, JSON.parse(body.toString('utf8')), options);
        } catch {
          // Malformed JSON: dynalite answers it; nothing is written.
        }
      }
      const exchange = async () => {
        const before = await Promise.all(keys.map(read));
        const answer = await forward(req, body);
        if (answer.status === 200 && keys.length > 0) {
          const after = await Promise.all(keys.map(read));
          stream.publish(
            keys
              .map((key, i) => stream.recordOf(key, before[i], after[i]))
              .filter((r): r is DynamoDBRecord => r !== undefined),
          );
        }
        return answer;
      };
      const ids = keys.map(canonical);
      const run = Promise.all(ids.map((id) => lastWrite.get(id))).then(exchange);
      const done = run.catch(() => undefined);
      for (const id of ids) lastWrite.set(id, done);
      void done.then(() => {
        for (const id of ids) if (lastWrite.get(id) === done) lastWrite.delete(id);
      });
      const answer = await run;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, host, () => resolve((server.address() as { port: number }).port)),
  );
  return { server, port };
}
