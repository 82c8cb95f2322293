import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { CapacityMeter } from '../functions/adapters/dynamodb/client.ts';
import { TABLE_SCHEMA } from '../functions/adapters/dynamodb/table-schema.ts';
import { FUNCTIONS, type FunctionName, STATE_MACHINES } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { median } from './stats.ts';

/**
 * In-process probes for local mode, attached to the very objects the handlers use, without touching
 * functions/ or lib/:
 *  - HandlerTimer: every handler is a middy instance; a before/after/onError middleware on it times each
 *    invocation (invokeLocal imports the same module URL, so it sees the same instance).
 *  - Express: SFNClient.prototype.send is wrapped to time StartSyncExecution (≈ the Express execution as
 *    the calling Lambda sees it and is billed for).
 *  - DynamoDB: DynamoDBDocumentClient/DynamoDBClient.prototype.send are wrapped to record every call with
 *    its ConsumedCapacity (asking for ReturnConsumedCapacity=TOTAL on calls that don't, e.g. the outbound
 *    ledger), and CapacityMeter.record (every function's meter) is wrapped to learn each call's repository operation name.
 * Patching the SDK prototypes (same node_modules instance the handlers load) keeps the probes working
 * while the container's layout changes; the handlers' own code runs unchanged.
 */

type MiddyRequest = object;
type MiddyHook = (request: MiddyRequest) => void;
type MiddyInstance = {
  before(fn: MiddyHook): unknown;
  after(fn: MiddyHook): unknown;
  onError(fn: MiddyHook): unknown;
};

export type Sample = { ms: number; ok: boolean; error?: string };

export class HandlerTimer {
  readonly samples = new Map<FunctionName, Sample[]>();
  express: number[] = [];

  reset() {
    this.samples.clear();
    this.express = [];
  }

  add(fn: FunctionName, sample: Sample) {
    const list = this.samples.get(fn) ?? [];
    list.push(sample);
    this.samples.set(fn, list);
  }

  durations(fn: FunctionName): number[] {
    return (this.samples.get(fn) ?? []).map((s) => s.ms);
  }

  count(fn: FunctionName) {
    return this.samples.get(fn)?.length ?? 0;
  }

  errors(fn: FunctionName) {
    return (this.samples.get(fn) ?? []).filter((s) => !s.ok).length;
  }

  firstError(fn: FunctionName) {
    return (this.samples.get(fn) ?? []).find((s) => s.error)?.error;
  }
}

export async function timeHandlers(timer: HandlerTimer): Promise<FunctionName[]> {
  const attached: FunctionName[] = [];
  for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
    // Same specifier as local/lambda-runner.ts, so the same module instance.
    const mod = (await import(path.join(PROJECT_ROOT, FUNCTIONS[fn].entry))) as { handler?: unknown };
    const handler = mod.handler as Partial<MiddyInstance> | undefined;
    if (typeof handler?.before !== 'function' || typeof handler.after !== 'function') continue;
    const started = new WeakMap<MiddyRequest, number>();
    const done = (ok: boolean) => (request: MiddyRequest) => {
      const t0 = started.get(request);
      const error = (request as { error?: { name?: string; message?: string } }).error;
      if (t0 !== undefined) {
        timer.add(fn, {
          ms: performance.now() - t0,
          ok,
          ...(ok || !error ? {} : { error: `${error.name}: ${error.message}`.slice(0, 300) }),
        });
      }
      // Returning nothing keeps middy's chain unchanged (a value would short-circuit it).
    };
    handler.before((request) => {
      started.set(request, performance.now());
    });
    handler.after(done(true));
    handler.onError?.(done(false));
    attached.push(fn);
  }
  return attached;
}

type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;
type CommandLike = { constructor: { name: string }; input?: Record<string, unknown> };

/** Wraps `send` on a client class's prototype; `around` sees each command and its output (or error). */
function wrapSend(
  proto: object,
  around: (command: CommandLike, call: () => Promise<unknown>, client: unknown) => Promise<unknown>,
) {
  const target = proto as { send: Send };
  const original = target.send;
  target.send = function (this: unknown, command: unknown, ...rest: unknown[]) {
    return around(command as CommandLike, () => original.call(this, command, ...rest), this);
  };
}

export function timeExpress(timer: HandlerTimer) {
  wrapSend(SFNClient.prototype, async (command, call) => {
    if (command.constructor.name !== 'StartSyncExecutionCommand') return call();
    const t0 = performance.now();
    try {
      return await call();
    } finally {
      timer.express.push(performance.now() - t0);
    }
  });
}

export type DynamoCall = {
  command: string;
  kind: 'read' | 'write';
  /** The repository operation that recorded it in a function's CapacityMeter, if any. */
  operation?: string;
  key?: { pk: unknown; sk: unknown };
  index?: string;
  units: number;
  failed?: string;
  /** Raised to DynamoDB's minimum read charge where dynalite reported 0. */
  floored?: boolean;
  /** What the function's CapacityMeter itself saw for this call (it reads only Read/WriteCapacityUnits). */
  meterRead?: number;
  meterWrite?: number;
  /** The written item just before and just after a write (null: absent), when images are captured. */
  before?: Item | null;
  after?: Item | null;
};

type Item = Record<string, unknown>;

const WRITE = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
export class DynamoProbe {
  calls: DynamoCall[] = [];
  /** Read each written item before and after the write (extra reads: only while measuring capacity). */
  captureImages = false;
  private readonly byConsumed = new WeakMap<object, DynamoCall>();
  meterAttached = false;
  private own: DynamoDBDocumentClient | undefined;

  /** The bench's own client: its calls are neither recorded nor imaged. */
  private ownClient() {
    this.own ??= DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
    );
    return this.own;
  }

  private async image(key: { pk: unknown; sk: unknown }): Promise<Item | null> {
    const out = await this.ownClient().send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: key, ConsistentRead: true }),
    );
    return out.Item ?? null;
  }

  reset() {
    this.calls = [];
  }

  attach() {
    const probe = async (command: CommandLike, send: () => Promise<unknown>, client: unknown) => {
      if (client !== undefined && client === this.own) return send();
      const input = command.input ?? {};
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const name = command.constructor.name.replace(/Command$/, '');
      const item = (input.Item ?? input.Key) as Record<string, unknown> | undefined;
      const call: DynamoCall = {
        command: name,
        kind: WRITE.test(name) ? 'write' : 'read',
        ...(item ? { key: { pk: item.pk, sk: item.sk } } : {}),
        ...(typeof input.IndexName === 'string' ? { index: input.IndexName } : {}),
        units: 0,
      };
      this.calls.push(call);
      const imaged = this.captureImages && call.kind === 'write' && call.key ? call.key : undefined;
      if (imaged) call.before = await this.image(imaged);
      try {
        const output = (await send()) as { ConsumedCapacity?: Consumed | Consumed[] };
        if (imaged) call.after = await this.image(imaged);
        const consumed = ([] as Consumed[]).concat(output?.ConsumedCapacity ?? []);
        call.units = consumed.reduce(
          (s, x) => s + (x.CapacityUnits ?? (x.ReadCapacityUnits ?? 0) + (x.WriteCapacityUnits ?? 0)),
          0,
        );
        for (const x of consumed) this.byConsumed.set(x, call);
        // dynalite charges nothing for a Query/Scan that matches nothing; DynamoDB charges its minimum.
        if (consumed.length > 0 && call.units === 0 && /^(Query|Scan)$/.test(name)) {
          call.units = input.ConsistentRead ? 1 : 0.5;
          call.floored = true;
        }
        return output;
      } catch (error) {
        call.failed = (error as Error).name;
        if (imaged) call.after = call.before;
        throw error;
      }
    };
    wrapSend(DynamoDBDocumentClient.prototype, probe);
    wrapSend(DynamoDBClient.prototype, probe);

    // Every function has its own container (and meter) in local mode: the class is wrapped, so all count.
    const byConsumed = this.byConsumed;
    const record = CapacityMeter.prototype.record;
    CapacityMeter.prototype.record = function (this: CapacityMeter, operation, consumed) {
      const call = consumed ? byConsumed.get(consumed) : undefined;
      if (call) {
        call.operation = operation;
        call.meterRead = consumed?.ReadCapacityUnits ?? 0;
        call.meterWrite = consumed?.WriteCapacityUnits ?? 0;
      }
      record.call(this, operation, consumed);
    };
    this.meterAttached = true;
  }
}

/**
 * What one `new StateMachine(definition)` of aws-local-stepfunctions costs for each ASL file, with the
 * validation local mode asks for and with `noValidate` (median of `runs`).
 */
export async function stateMachineConstruction(runs = 5) {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const results: { name: string; validateMs: number; noValidateMs: number }[] = [];
  for (const [name, spec] of Object.entries(STATE_MACHINES as Record<string, { file: string }>)) {
    const text = readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8').replace(
      /\$\{\w+\}/g,
      'arn:aws:lambda:me-central-1:000000000000:function:bench',
    );
    const definition = JSON.parse(text) as never;
    const time = (options: ConstructorParameters<typeof StateMachine>[1]) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        new StateMachine(definition, options);
        samples.push(performance.now() - t0);
      }
      return median(samples);
    };
    results.push({
      name,
      validateMs: time({ validationOptions: { checkArn: false } }),
      noValidateMs: time({ validationOptions: { noValidate: true } }),
    });
  }
  return results;
}

/**
 * GSI write units DynamoDB would charge for one write, from the item's before/after images, by the
 * documented rules: an item entering an index is a put, leaving it a delete, changing its index key a
 * delete + put, changing only projected attributes an update; anything else writes nothing. Each index
 * write is 1 WRU per KB of the projected item (keys + projected attributes).
 */
export type GsiWrite = { units: number; why: string };

export function gsiWriteUnits(call: DynamoCall): Record<string, GsiWrite> {
  if (call.kind !== 'write' || call.before === undefined || call.after === undefined) return {};
  const writes: Record<string, GsiWrite> = {};
  for (const index of Object.values(TABLE_SCHEMA.indexes)) {
    const attrs = [
      TABLE_SCHEMA.partitionKey,
      TABLE_SCHEMA.sortKey,
      index.partitionKey,
      index.sortKey,
      ...TABLE_SCHEMA.projectedAttributes,
    ];
    const inIndex = (item: Item | null | undefined) =>
      item != null && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined;
    const size = (item: Item | null | undefined) =>
      Math.max(
        1,
        Math.ceil(
          attrs.reduce(
            (n, a) =>
              item?.[a] === undefined ? n : n + a.length + Buffer.byteLength(JSON.stringify(item[a])),
            0,
          ) / 1024,
        ),
      );
    const { before, after } = call;
    const changed = attrs.filter((a) => JSON.stringify(before?.[a]) !== JSON.stringify(after?.[a]));
    const keyChanged = changed.includes(index.partitionKey) || changed.includes(index.sortKey);
    let write: GsiWrite | undefined;
    if (inIndex(before) && inIndex(after)) {
      if (keyChanged) write = { units: size(before) + size(after), why: `${index.name} key moved` };
      else if (changed.length) write = { units: size(after), why: `${index.name} ${changed.join(',')}` };
    } else if (inIndex(after)) write = { units: size(after), why: `${index.name} new` };
    else if (inIndex(before)) write = { units: size(before), why: `${index.name} removed` };
    if (write) writes[index.name] = write;
  }
  return writes;
}
