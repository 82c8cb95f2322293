import { FUNCTIONS, type FunctionName } from '../lib/function-catalog.ts';
import type { LocalStack } from '../local/local-stack.ts';
import {
  type DynamoCall,
  type DynamoProbe,
  type GsiWrite,
  gsiWriteUnits,
  type HandlerTimer,
} from './instrument.ts';
import { smsSegments } from './sms-segments.ts';
import { mean, percentile, progress } from './stats.ts';
import { SMS_TEXTS, WEB_TEXTS } from './texts.ts';

export type ScenarioResult = {
  name: string;
  route: string;
  handler: FunctionName;
  n: number;
  httpMs: number[];
  handlerMs: number[];
  errors: number;
  firstError?: string;
};

export type ThroughputResult = {
  concurrency: number;
  cases: number;
  seconds: number;
  perSecond: number;
  errors: number;
  httpMs: number[];
};

export type PipelineTiming = {
  cases: number;
  perFunction: { fn: FunctionName; calls: number; errors: number; firstError?: string; ms: number[] }[];
  expressMs: number[];
};

export type CapacityFlow = {
  name: string;
  calls: DynamoCall[];
  /** GSI write units per write call (index name → units), from the item's before/after images. */
  gsiWrites: Map<DynamoCall, Record<string, GsiWrite>>;
};

export type SegmentGroup = {
  label: string;
  count: number;
  encoding: string;
  segments: number;
  /** Segments if the text had no bidi isolates (U+2066/U+2069), which force UCS-2 on Latin text. */
  segmentsWithoutIsolates: number;
  chars: number;
  sample: string;
};

type Client = {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
};

/** A request that takes longer than this counts as an error instead of hanging the bench. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A scenario stops after this many errors: the code under test is broken, timing it says nothing. */
const MAX_ERRORS = 5;

function client(url: string): Client {
  return {
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    get: (path, headers = {}) =>
      fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  };
}

/** Unique Omani mobiles (+9689…, 8 national digits) so each "new citizen" really is new. */
let phoneCounter = 0;
const nextPhone = () => `+9689${String(1_000_000 + phoneCounter++).slice(-7)}`;
const referenceIn = (text: string) => /\d{9,12}/.exec(text)?.[0];

async function expectStatus(res: Response, status: number) {
  const body = await res.text();
  if (res.status !== status)
    throw new Error(`HTTP ${res.status} (expected ${status}): ${body.slice(0, 300)}`);
  return body;
}

export class LocalBench {
  private readonly http: Client;
  private agentToken = '';
  /** Cases opened by the SMS scenario: who raised them and their reference. */
  readonly cases: { phone: string; reference: string }[] = [];
  private readonly runId = Date.now().toString(36);
  private webCounter = 0;

  constructor(
    private readonly stack: LocalStack,
    private readonly timer: HandlerTimer,
    private readonly probe: DynamoProbe,
  ) {
    this.http = client(stack.url);
  }

  async warmUp() {
    const res = await this.http.post('/_local/token', { username: 'agent1' });
    this.agentToken = (JSON.parse(await expectStatus(res, 200)) as { token: string }).token;
    // First calls import every handler module, build the container, train the classifier, open sockets.
    for (let i = 0; i < 5; i++) {
      await this.smsNewCase(i);
      await this.webRequest(i);
      await expectStatus(await this.http.get('/v1/cases?queue=t1', this.auth()), 200);
    }
  }

  private auth() {
    return { authorization: `Bearer ${this.agentToken}` };
  }

  private async smsNewCase(i: number, phone = nextPhone()) {
    const text = SMS_TEXTS[i % SMS_TEXTS.length] ?? '';
    await expectStatus(await this.http.post('/_local/sms', { from: phone, text }), 202);
    return phone;
  }

  private async webRequest(i: number) {
    const key = `bench-${this.runId}-${this.webCounter++}`;
    const body = {
      text: WEB_TEXTS[i % WEB_TEXTS.length],
      contact: i % 2 === 0 ? { phone: nextPhone() } : { email: `citizen${this.webCounter}@example.om` },
      location: { lat: 23.59 + (i % 7) * 0.001, lng: 58.42 - (i % 5) * 0.001 },
    };
    const res = await this.http.post('/v1/requests', body, {
      'idempotency-key': key,
      'accept-language': i % 3 === 0 ? 'en' : 'ar',
    });
    return expectStatus(res, 201);
  }

  /** Runs `n` iterations one after another; times each HTTP round trip and the route's handler. */
  private async scenario(
    name: string,
    route: string,
    handler: FunctionName,
    n: number,
    step: (i: number) => Promise<unknown>,
  ): Promise<ScenarioResult> {
    this.timer.reset();
    const httpMs: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      try {
        await step(i);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
        if (errors >= MAX_ERRORS) {
          progress('warm', `${name}: stopped after ${errors} errors (first: ${firstError})`);
          break;
        }
      }
      httpMs.push(performance.now() - t0);
    }
    const handlerMs = this.timer.durations(handler);
    progress('warm', `${name}: p50 ${percentile(httpMs, 50).toFixed(1)} ms, errors ${errors}`);
    return { name, route, handler, n, httpMs, handlerMs, errors, ...(firstError ? { firstError } : {}) };
  }

  /** Inbound SMS that open new cases; also the per-handler timings the cost model uses. */
  async smsNewCases(n: number): Promise<{ result: ScenarioResult; pipeline: PipelineTiming }> {
    const phones: string[] = [];
    const result = await this.scenario('SMS → new case', 'POST /_local/sms', 'smsInbound', n, async (i) => {
      phones.push(await this.smsNewCase(i));
    });
    // Every function that ran for these cases (the catalogue may grow: derive, don't list).
    const functions = (Object.keys(FUNCTIONS) as FunctionName[]).filter((fn) => this.timer.count(fn) > 0);
    const pipeline: PipelineTiming = {
      cases: n - result.errors,
      perFunction: functions.map((fn) => ({
        fn,
        calls: this.timer.count(fn),
        errors: this.timer.errors(fn),
        ...(this.timer.firstError(fn) ? { firstError: this.timer.firstError(fn) } : {}),
        ms: this.timer.durations(fn),
      })),
      expressMs: [...this.timer.express],
    };
    const outbox = await this.stack.outbox.list();
    const lastSms = new Map<string, string>();
    for (const entry of outbox) if (entry.channel === 'sms') lastSms.set(entry.to, entry.text);
    for (const phone of phones) {
      const reference = referenceIn(lastSms.get(phone) ?? '');
      if (reference) this.cases.push({ phone, reference });
    }
    if (this.cases.length === 0) throw new Error('No acknowledgement SMS carried a reference; cannot go on.');
    return { result, pipeline };
  }

  async smsStatus(n: number) {
    return this.scenario('SMS status (رط <ref>)', 'POST /_local/sms', 'smsInbound', n, async (i) => {
      const c = this.cases[i % this.cases.length];
      if (!c) throw new Error('no case');
      await expectStatus(
        await this.http.post('/_local/sms', { from: c.phone, text: `رط ${c.reference}` }),
        202,
      );
    });
  }

  async citizenGet(n: number) {
    return this.scenario('Citizen GET request', 'GET /v1/requests/{ref}', 'citizenApi', n, async (i) => {
      const c = this.cases[(i * 7) % this.cases.length];
      await expectStatus(await this.http.get(`/v1/requests/${c?.reference}`), 200);
    });
  }

  async agentQueue(n: number) {
    return this.scenario('Agent queue t1', 'GET /v1/cases?queue=t1', 'agentApi', n, async () => {
      await expectStatus(await this.http.get('/v1/cases?queue=t1', this.auth()), 200);
    });
  }

  async webRequests(n: number) {
    return this.scenario('Web request → new case', 'POST /v1/requests', 'citizenApi', n, (i) =>
      this.webRequest(i),
    );
  }

  /** Closed loop: `concurrency` workers each send SMS that open cases until `seconds` have passed. */
  async throughput(concurrency: number, seconds: number): Promise<ThroughputResult> {
    const deadline = performance.now() + seconds * 1000;
    const httpMs: number[] = [];
    let cases = 0;
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let i = worker; performance.now() < deadline; i += concurrency) {
          const t0 = performance.now();
          try {
            await this.smsNewCase(i);
            cases++;
          } catch {
            errors++;
            if (errors >= MAX_ERRORS) break;
          }
          httpMs.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const perSecond = cases / elapsed;
    progress(
      'load',
      `concurrency ${concurrency}: ${cases} cases in ${elapsed.toFixed(1)} s = ${perSecond.toFixed(1)}/s`,
    );
    return { concurrency, cases, seconds: elapsed, perSecond, errors, httpMs };
  }

  /** SMS segments of what citizens receive: acknowledgements and status replies, per language. */
  async segments(): Promise<SegmentGroup[]> {
    const outbox = await this.stack.outbox.list();
    const mine = new Set(this.cases.map((c) => c.phone));
    const isAck = (text: string) => /تم استلام بلاغكم|We received your request/.test(text);
    const groups = new Map<string, string[]>();
    for (const e of outbox) {
      if (e.channel !== 'sms' || !mine.has(e.to)) continue;
      const label = `${isAck(e.text) ? 'acknowledgement' : 'status reply'} (${/[\u0600-\u06FF]/.test(e.text) ? 'ar' : 'en'})`;
      groups.set(label, [...(groups.get(label) ?? []), e.text]);
    }
    return [...groups].sort().map(([label, texts]) => {
      const first = smsSegments(texts[0] ?? '');
      return {
        label,
        count: texts.length,
        encoding: first.encoding,
        segments: mean(texts.map((t) => smsSegments(t).segments)),
        segmentsWithoutIsolates: mean(
          texts.map((t) => smsSegments(t.replace(/[\u2066-\u2069]/g, '')).segments),
        ),
        chars: mean(texts.map((t) => t.length)),
        sample: texts[0] ?? '',
      };
    });
  }

  /** DynamoDB calls of one flow, from a reset meter; `gsiWrites` adds what dynalite leaves out. */
  async capacity(name: string, flow: () => Promise<unknown>): Promise<CapacityFlow> {
    this.probe.reset();
    this.probe.captureImages = true;
    await flow();
    // Workflows started by the flow (e.g. a Standard lifecycle) run on after the response: let them settle.
    for (let waited = 0, seen = -1; seen !== this.probe.calls.length && waited < 3000; waited += 200) {
      seen = this.probe.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.probe.captureImages = false;
    const calls = [...this.probe.calls];
    return { name, calls, gsiWrites: new Map(calls.map((c) => [c, gsiWriteUnits(c)])) };
  }

  capacityFlows() {
    const returning = this.cases[0]?.phone ?? nextPhone();
    const status = this.cases[1] ?? this.cases[0];
    return [
      () => this.capacity('SMS → new case (new citizen)', () => this.smsNewCase(0)),
      () => this.capacity('SMS → new case (returning citizen)', () => this.smsNewCase(1, returning)),
      () =>
        this.capacity('SMS status query', async () =>
          expectStatus(
            await this.http.post('/_local/sms', { from: status?.phone, text: `رط ${status?.reference}` }),
            202,
          ),
        ),
      () => this.capacity('Web request → new case', () => this.webRequest(1)),
      () =>
        this.capacity('Citizen GET request', async () =>
          expectStatus(await this.http.get(`/v1/requests/${status?.reference}`), 200),
        ),
      () =>
        this.capacity('Agent queue t1 (page of ≤50)', async () =>
          expectStatus(await this.http.get('/v1/cases?queue=t1', this.auth()), 200),
        ),
    ];
  }
}
