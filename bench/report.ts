import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FUNCTIONS, type FunctionName, STATE_MACHINES } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { type BundleResult, CDK_BUNDLING } from './bundle.ts';
import type { ColdInit } from './cold-init.ts';
import { type CostInputs, costPer1000, PRICES } from './cost.ts';
import type { DynamoCall } from './instrument.ts';
import type {
  CapacityFlow,
  PipelineTiming,
  ScenarioResult,
  SegmentGroup,
  ThroughputResult,
} from './local-load.ts';
import type { Machine } from './machine.ts';
import type { PortalBundle } from './portal-bundle.ts';
import { kb, mean, median, ms, percentile, table, textTable, usd } from './stats.ts';

export type BenchResults = {
  host: Machine;
  settings: { iterations: number; coldRuns: number; throughputSeconds: number };
  seconds: number;
  bundles: BundleResult[];
  /** The citizens' portal's first-screen JavaScript (bench/portal-bundle.ts), when it was built. */
  portal?: PortalBundle;
  cold: ColdInit[];
  meterAttached: boolean;
  scenarios: ScenarioResult[];
  pipeline: PipelineTiming;
  segments: SegmentGroup[];
  throughput: ThroughputResult[];
  flows: CapacityFlow[];
  construction: { name: string; validateMs: number; noValidateMs: number }[];
  timerOverflows: string[];
  loadAfter: number[];
};

const p = (values: number[], q: number) => ms(percentile(values, q));
const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
const units = (calls: DynamoCall[], kind: 'read' | 'write') =>
  sumOf(calls.filter((c) => c.kind === kind).map((c) => c.units));
const gsiUnits = (f: CapacityFlow | undefined) =>
  sumOf([...(f?.gsiWrites.values() ?? [])].map((g) => sumOf(Object.values(g).map((w) => w.units))));
const meterUnits = (calls: DynamoCall[]) => sumOf(calls.map((c) => (c.meterRead ?? 0) + (c.meterWrite ?? 0)));
/** Lambda bills each invocation rounded up to the next millisecond. */
const billedMs = (values: number[]) => mean(values.map((v) => Math.ceil(v)));

/**
 * Which SDK packages a function's catalogue entry says it needs. Flags are read loosely: the catalogue
 * is still growing, and a flag it drops simply reads as "not needed".
 */
const flag = (fn: FunctionName, name: string) => Boolean((FUNCTIONS[fn] as Record<string, unknown>)[name]);
const SDK_NEEDS: Record<string, (fn: FunctionName) => boolean> = {
  '@aws-sdk/client-dynamodb': (fn) => FUNCTIONS[fn].table !== 'none',
  '@aws-sdk/lib-dynamodb': (fn) => FUNCTIONS[fn].table !== 'none',
  '@aws-sdk/client-sns': (fn) => flag(fn, 'sends') || flag(fn, 'alertsSupervisors'),
  '@aws-sdk/client-sesv2': (fn) => flag(fn, 'sends'),
  '@aws-sdk/client-sfn': (fn) => flag(fn, 'startsSync') || flag(fn, 'resumesWorkflows'),
  '@aws-sdk/client-scheduler': (fn) => flag(fn, 'setsTimers') || flag(fn, 'resumesWorkflows'),
  '@aws-sdk/client-connect': (fn) => flag(fn, 'opensTasks') || flag(fn, 'callsBack'),
  // emailInbound reads the raw mail the SES receipt rule stored; the catalogue has no flag for that yet.
  '@aws-sdk/client-s3': (fn) => flag(fn, 'attachments') || fn === 'emailInbound',
};

/** The functions the case-intake ASL calls as tasks (its `${<name>FunctionArn}` placeholders). */
function expressTasks(): Set<string> {
  const file = (STATE_MACHINES as Record<string, { file: string }>).caseIntake?.file;
  if (!file) return new Set();
  const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return new Set([...text.matchAll(/\$\{(\w+)FunctionArn\}/g)].map((m) => m[1] ?? ''));
}

export function render(r: BenchResults): { markdown: string; summary: string } {
  const { host, settings, pipeline } = r;
  const cases = Math.max(1, pipeline.cases);
  const coldOf = (fn: FunctionName, maps: boolean) =>
    r.cold.find((c) => c.fn === fn && c.sourceMaps === maps);
  const newCase = r.flows[0];
  const newCaseCalls = newCase?.calls ?? [];

  // Pipeline time and the local Step Functions emulator's share of it.
  const entry = pipeline.perFunction.find((f) => f.fn === 'smsInbound');
  const inExpress = expressTasks();
  const tasks = pipeline.perFunction.filter((f) => inExpress.has(f.fn));
  const outside = pipeline.perFunction.filter((f) => f.fn !== 'smsInbound' && !inExpress.has(f.fn));
  const taskMsPerCase = sumOf(tasks.map((t) => (t.calls / cases) * mean(t.ms)));
  const expressMean = mean(pipeline.expressMs);
  const emulatorMs = Math.max(0, expressMean - taskMsPerCase);
  const lambdaMsPerCase = sumOf(pipeline.perFunction.map((f) => (f.calls / cases) * billedMs(f.ms)));

  // Cost: as measured, and without the emulator's overhead (closer to what the handlers themselves do).
  const segmentsPerAck = (() => {
    const acks = r.segments.filter((s) => s.label.startsWith('acknowledgement'));
    const n = sumOf(acks.map((a) => a.count));
    return n ? sumOf(acks.map((a) => a.segments * a.count)) / n : Number.NaN;
  })();
  const costInputs: CostInputs = {
    lambda: pipeline.perFunction.map((f) => ({
      fn: f.fn,
      callsPerCase: f.calls / cases,
      billedMs: billedMs(f.ms),
    })),
    expressPerCase: pipeline.expressMs.length / cases,
    expressBilledMs: mean(
      pipeline.expressMs.map((v) => Math.ceil(v / PRICES.expressIncrementMs) * PRICES.expressIncrementMs),
    ),
    readUnitsPerCase: units(newCaseCalls, 'read'),
    writeUnitsPerCase: units(newCaseCalls, 'write'),
    gsiWriteUnitsPerCase: gsiUnits(newCase),
    smsSegmentsPerCase: segmentsPerAck,
  };
  const cost = costPer1000(costInputs);
  const leanCost = costPer1000({
    ...costInputs,
    lambda: costInputs.lambda.map((l) =>
      l.fn === 'smsInbound' ? { ...l, billedMs: Math.max(0, l.billedMs - emulatorMs) } : l,
    ),
    expressBilledMs: Math.max(
      PRICES.expressIncrementMs,
      Math.ceil(taskMsPerCase / PRICES.expressIncrementMs) * PRICES.expressIncrementMs,
    ),
  });

  // Tables shared by the terminal summary and the file.
  const functionHeaders = ['function', 'bundle', 'gzip', 'cold init ms', '+source maps ms', 'RSS MB'];
  const functionRows = r.bundles.map((b) => [
    b.fn,
    kb(b.bytes),
    kb(b.gzipBytes),
    ms(median(coldOf(b.fn, false)?.importMs ?? [])),
    ms(median(coldOf(b.fn, true)?.importMs ?? [])),
    ms(coldOf(b.fn, false)?.rssMb ?? Number.NaN, 0),
  ]);
  const scenarioHeaders = [
    'scenario (warm, local, sequential)',
    'p50 ms',
    'p99 ms',
    'handler p50 ms',
    'errors',
  ];
  const scenarioRows = r.scenarios.map((s) => [
    s.name,
    p(s.httpMs, 50),
    p(s.httpMs, 99),
    `${s.handler} ${p(s.handlerMs, 50)}`,
    String(s.errors),
  ]);
  const throughputHeaders = ['concurrency', 'cases/s', 'cases', 'p50 ms', 'p99 ms', 'errors'];
  const throughputRows = r.throughput.map((t) => [
    String(t.concurrency),
    t.perSecond.toFixed(1),
    String(t.cases),
    p(t.httpMs, 50),
    p(t.httpMs, 99),
    String(t.errors),
  ]);
  const perCaseRows = [
    [`Lambda billed ms per SMS case (${pipeline.perFunction.length} handlers)`, ms(lambdaMsPerCase)],
    ['↳ of which local Step Functions emulator overhead', ms(emulatorMs)],
    [
      'DynamoDB RRU / WRU per SMS case (dynalite)',
      `${units(newCaseCalls, 'read')} / ${units(newCaseCalls, 'write')}`,
    ],
    ['+ GSI WRU per case (from item images)', String(gsiUnits(newCase))],
    ['SMS segments per acknowledgement', segmentsPerAck.toFixed(2)],
    ['AWS cost per 1,000 SMS cases, excl. SMS', usd(cost.total)],
    ['↳ same, without emulator overhead', usd(leanCost.total)],
  ];

  const summary = [
    textTable(functionHeaders, functionRows, [1, 2, 3, 4, 5]),
    '',
    textTable(scenarioHeaders, scenarioRows, [1, 2, 3, 4]),
    '',
    textTable(throughputHeaders, throughputRows, [0, 1, 2, 3, 4, 5]),
    '',
    textTable(['per case', 'value'], perCaseRows, [1]),
  ].join('\n');

  // What to trim.
  const across = new Map<string, number[]>();
  for (const b of r.bundles) {
    for (const c of b.contributors) across.set(c.name, [...(across.get(c.name) ?? []), c.bytes]);
  }
  const biggest = [...across]
    .map(([name, sizes]) => ({ name, in: sizes.length, avg: mean(sizes), total: sumOf(sizes) }))
    .sort((a, b) => b.total - a.total)
    .slice(0, 10);
  const unneeded = r.bundles.flatMap((b) =>
    b.contributors
      .filter((c) => SDK_NEEDS[c.name] && !SDK_NEEDS[c.name]?.(b.fn))
      .map((c) => ({ fn: b.fn, name: c.name, bytes: c.bytes, chain: b.chainTo(c.name) })),
  );
  const sample = r.bundles.find((b) => b.contributors.some((c) => c.name === '@aws-sdk/nested-clients'));
  const nestedChain = sample?.chainTo('@aws-sdk/nested-clients') ?? [];
  const largest = [...unneeded].sort((x, y) => y.bytes - x.bytes)[0];
  // GSI writes of a new case that come from rewriting an item already in the index (not from creating it).
  const rewrites = newCaseCalls.flatMap((c) =>
    Object.values(newCase?.gsiWrites.get(c) ?? {})
      .filter((w) => !w.why.endsWith(' new'))
      .map((w) => ({ operation: c.operation ?? c.command, ...w })),
  );
  const mapsDelta = median(
    r.bundles.map(
      (b) => median(coldOf(b.fn, true)?.importMs ?? []) - median(coldOf(b.fn, false)?.importMs ?? []),
    ),
  );
  const training = r.bundles
    .flatMap((b) =>
      b.contributors.filter((c) => c.name.includes('training-examples')).map((c) => ({ fn: b.fn, ...c })),
    )
    .at(0);

  // Capacity tables.
  const capacityRows = (f: CapacityFlow) => {
    const rows = new Map<
      string,
      { calls: number; read: number; write: number; gsi: number; meter: number; why: Set<string> }
    >();
    for (const c of f.calls) {
      const prefix = String(c.key?.pk ?? c.index ?? '').split('#')[0];
      const label = `${c.operation ?? `${prefix} — not metered`} (${c.command}${c.floored ? ', empty → min' : ''}${c.failed ? `, failed ${c.failed}` : ''})`;
      const row = rows.get(label) ?? {
        calls: 0,
        read: 0,
        write: 0,
        gsi: 0,
        meter: 0,
        why: new Set<string>(),
      };
      row.calls++;
      if (c.kind === 'read') row.read += c.units;
      else row.write += c.units;
      const gsi = Object.values(f.gsiWrites.get(c) ?? {});
      row.gsi += sumOf(gsi.map((w) => w.units));
      for (const w of gsi) row.why.add(w.why);
      row.meter += (c.meterRead ?? 0) + (c.meterWrite ?? 0);
      rows.set(label, row);
    }
    return [...rows].map(([label, x]) => [
      label,
      String(x.calls),
      String(x.read),
      String(x.write),
      String(x.gsi),
      [...x.why].join('; '),
      String(x.meter),
    ]);
  };
  const allCalls = r.flows.flatMap((f) => f.calls);
  const unmetered = newCaseCalls.filter((c) => !c.operation).length;
  const floored = allCalls.some((c) => c.floored);
  const latinUcs2 = r.segments.filter((s) => s.label.endsWith('(en)') && s.encoding === 'UCS-2');

  const markdown = `# Nidaa benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${host.date.slice(0, 10)} at ${host.date.slice(11, 19)} UTC; overwritten on every run.

| machine | |
| --- | --- |
| CPU | ${host.cpu} |
| cores | ${host.cores} |
| RAM | ${host.ramGb.toFixed(1)} GB |
| Node | ${host.node} (Lambda runs Node 24 on arm64/Graviton: absolute ms here are indicative only) |
| OS | ${host.os} |
| settings | BENCH_ITERATIONS=${settings.iterations}, BENCH_COLD_RUNS=${settings.coldRuns}, BENCH_THROUGHPUT_SECONDS=${settings.throughputSeconds} |
| load average (1/5/15 min) | ${host.load.map((l) => l.toFixed(2)).join(' / ')} at start, ${r.loadAfter.map((l) => l.toFixed(2)).join(' / ')} at end${(host.load[0] ?? 0) > host.cores * 0.75 ? ' (**the machine was already busy when the bench started: timings are noisy**)' : ''} |
| run time | ${r.seconds.toFixed(0)} s |

## Summary

${table(functionHeaders, functionRows, [1, 2, 3, 4, 5])}

${table(scenarioHeaders, scenarioRows, [1, 2, 3, 4])}

${table(throughputHeaders, throughputRows, [0, 1, 2, 3, 4, 5])}

${table(['per SMS case', 'value'], perCaseRows, [1])}

## What to trim

**The AWS SDK is most of every bundle.** \`@smithy/core\` alone is ${kb(median(across.get('@smithy/core') ?? [0]))} in each function. The biggest thing that can go is \`@aws-sdk/nested-clients\` (${kb(median(across.get('@aws-sdk/nested-clients') ?? [0]))} per function) together with the SSO/ini/process/web-identity credential providers. They come in through ${nestedChain.length ? `\`${nestedChain.join(' → ')}\`` : 'the default credential chain'}. The default credential chain loads them with \`await import()\`, and esbuild inlines those imports. Lambda never runs them, because \`fromEnv\` (the first link in the chain) always succeeds there.

Biggest contributors, summed over all ${r.bundles.length} bundles (minified bytes in the output):

${table(
  ['contributor', 'in bundles', 'avg per bundle', 'total'],
  biggest.map((b) => [b.name, String(b.in), kb(b.avg), kb(b.total)]),
  [1, 2, 3],
)}

SDK clients bundled into functions whose catalogue flags say they do not use them, with the import chain that pulls them in. "Need" is read from \`table\`, \`sends\`, \`startsSync\`, \`resumesWorkflows\`, \`setsTimers\`, \`opensTasks\` and \`alertsSupervisors\`. If a flag is missing from the catalogue, the row points at the catalogue rather than at the bundle:

${
  unneeded.length
    ? table(
        ['function', 'package', 'bytes', 'pulled in by'],
        unneeded.map((u) => [u.fn, u.name, kb(u.bytes), u.chain.join(' → ')]),
        [2],
      )
    : '_None: every function bundles only the clients its catalogue entry needs._'
}

Suggestions, biggest win first:
${unneeded.length ? `1. **Import clients only where they are used**: ${[...new Set(unneeded.map((u) => u.chain[1]).filter(Boolean))].map((m) => `\`${m}\``).join(', ')} pull clients into handlers that never call them. That is ${kb(sumOf(unneeded.map((u) => u.bytes)))} in total; the largest is ${largest ? `${largest.name} in ${largest.fn} (${kb(largest.bytes)})` : ''}. Split those modules by client (as container.ts / messaging.ts / workflows.ts already are). Moving the import into the \`once()\` factory as \`await import()\` defers the cost to first use, but esbuild still bundles it; only splitting removes the bytes.\n` : ''}${unneeded.length ? '2' : '1'}. **Source maps at init**: \`NODE_OPTIONS=--enable-source-maps\` added ${ms(mapsDelta)} ms to the median import (median over the functions). Node parses the .map as soon as the module loads. Another option is to keep the maps and turn them on lazily with \`process.setSourceMapsEnabled(true)\` in the error path, or to accept the cost for readable stack traces.
${rewrites.length ? `${unneeded.length ? '3' : '2'}. **DynamoDB, not bundles**: ${sumOf(rewrites.map((w) => w.units))} of the ${gsiUnits(newCase)} GSI WRU in a new SMS case come from rewriting the case right after it was created (${[...new Set(rewrites.map((w) => `${w.operation}: ${w.why}`))].join('; ')}). Each such rewrite also costs the table write itself. If the case could be stored with that value in the first place, every case would save those units, which is ${((100 * (sumOf(rewrites.map((w) => w.units)) + new Set(rewrites.map((w) => w.operation)).size)) / (units(newCaseCalls, 'write') + gsiUnits(newCase))).toFixed(0)}% of its write units.\n` : ''}${training ? `${(unneeded.length ? 3 : 2) + (rewrites.length ? 1 : 0)}. \`${training.name}\` puts ${kb(training.bytes)} into ${training.fn}, and the model is trained on the first invocation. A model precomputed at build time (a JSON of token weights) would be smaller and would skip that first-call work.\n` : ''}
### Top 5 contributors per bundle

${r.bundles
  .map(
    (b) =>
      `**${b.fn}**: ${kb(b.bytes)} minified, ${kb(b.gzipBytes)} gzip (level 9), ${kb(b.mapBytes)} source map, ${b.modules} modules\n\n${table(
        ['contributor', 'bytes', 'share'],
        b.contributors
          .slice(0, 5)
          .map((c) => [c.name, kb(c.bytes), `${((100 * c.bytes) / b.bytes).toFixed(1)}%`]),
        [1, 2],
      )}`,
  )
  .join('\n\n')}

Bundles are built with esbuild's JS API using NidaaFunction's own bundling options (lib/constructs/shared/lambda-bundling.ts: ${Object.entries(
    CDK_BUNDLING,
  )
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(
      ', ',
    )}, platform node, bundle). The credential providers Lambda never loads are external; each cold-init sample imports the bundle outside any node_modules, which proves they are never needed.

${portalSection(r.portal)}## Cold init

Each sample is a fresh \`node\` process that imports the built bundle (\`.mjs\`, in a temp dir with no node_modules). It runs with the function's environment: TABLE_NAME, the dev stage's NIDAA_CONFIG, AWS_REGION and dummy credentials. The time runs from \`import()\` until the module is evaluated and \`handler\` is defined; the table shows the median of ${settings.coldRuns}. \`+source maps\` sets \`NODE_OPTIONS=--enable-source-maps\`, as NidaaFunction does. This measures module evaluation only. Lambda's INIT also starts the runtime and fetches the code. Clients are built lazily on the first invocation (\`once()\`), so that cost falls on the first request and is not included here.

${table(
  [
    'function',
    'import median',
    'min',
    'max',
    '+source maps median',
    'process wall median',
    'RSS MB',
    'heap MB',
  ],
  r.bundles.map((b) => {
    const plain = coldOf(b.fn, false);
    const maps = coldOf(b.fn, true);
    return [
      b.fn,
      ms(median(plain?.importMs ?? [])),
      ms(Math.min(...(plain?.importMs ?? []))),
      ms(Math.max(...(plain?.importMs ?? []))),
      ms(median(maps?.importMs ?? [])),
      ms(median(plain?.processMs ?? [])),
      ms(plain?.rssMb ?? Number.NaN, 0),
      ms(plain?.heapMb ?? Number.NaN, 1),
    ];
  }),
  [1, 2, 3, 4, 5, 6, 7],
)}

## Warm latency (local mode)

The stack runs in this process via \`startLocalStack({ fastRetries: true })\`, with DynamoDB in memory (dynalite). Each scenario runs ${settings.iterations} sequential iterations after a warm-up. \`p50/p99\` is the HTTP round trip the client sees (nearest-rank percentiles). \`handler\` is the route's Lambda handler, timed in-process by a middy middleware. Local mode adds HTTP hops that AWS does not have (the fake SNS and SFN endpoints), and dynalite is slower per call than DynamoDB. It also leaves out Lambda invoke overhead and network latency. Compare the numbers with each other, not with production.

${table(
  ['scenario', 'route', 'n', 'p50', 'p90', 'p99', 'max', 'handler p50', 'handler p99', 'errors'],
  r.scenarios.map((s) => [
    s.name,
    s.route,
    String(s.n),
    p(s.httpMs, 50),
    p(s.httpMs, 90),
    p(s.httpMs, 99),
    ms(Math.max(...s.httpMs)),
    p(s.handlerMs, 50),
    p(s.handlerMs, 99),
    String(s.errors),
  ]),
  [2, 3, 4, 5, 6, 7, 8, 9],
)}
${r.scenarios
  .filter((s) => s.firstError)
  .map((s) => `\n- **${s.name}** first error: \`${s.firstError}\``)
  .join('')}

### Handler time per SMS case

These come from the ${settings.iterations} "SMS → new case" iterations. smsInbound waits for the synchronous Express execution, so its time includes the task handlers. Lambda bills it the same way.

${table(
  ['function', 'invocations per case', 'mean ms', 'p50 ms', 'p99 ms', 'errors'],
  [
    ...pipeline.perFunction.map((f) => [
      f.fn,
      (f.calls / cases).toFixed(2),
      ms(mean(f.ms)),
      p(f.ms, 50),
      p(f.ms, 99),
      String(f.errors),
    ]),
    [
      'Express (StartSyncExecution as smsInbound sees it)',
      (pipeline.expressMs.length / cases).toFixed(2),
      ms(expressMean),
      p(pipeline.expressMs, 50),
      p(pipeline.expressMs, 99),
      '',
    ],
  ],
  [1, 2, 3, 4, 5],
)}

**The local Step Functions emulator adds ${ms(emulatorMs)} ms per case-intake execution.** That is the Express time minus the handlers of its tasks (${tasks.map((t) => t.fn).join(', ')}: ${ms(taskMsPerCase)} ms). smsInbound's own work outside the Express call is ${ms(mean(entry?.ms ?? []) - expressMean)} ms.${outside.length ? ` Also invoked per case, outside case-intake (by the workflows it starts): ${outside.map((o) => `${o.fn} ${ms(mean(o.ms))} ms`).join(', ')}.` : ''} A single \`new StateMachine(definition)\` of aws-local-stepfunctions costs:

${table(
  ['state machine', 'construct, validating (ms)', 'construct, noValidate (ms)'],
  r.construction.map((c) => [c.name, ms(c.validateMs), ms(c.noValidateMs)]),
  [1, 2],
)}

If local/workflows.ts constructs a machine on every execution, validation accounts for most of the overhead. Building each StateMachine once per name (or validating once and then passing \`validationOptions: { noValidate: true }\`) would make local mode and the integration tests faster, and would raise the throughput below.
${
  pipeline.perFunction.some((f) => f.errors)
    ? `\n**Handler errors during these cases:** ${pipeline.perFunction
        .filter((f) => f.errors)
        .map((f) => `${f.fn} ${f.errors}× (\`${f.firstError ?? '?'}\`)`)
        .join('; ')}.\n`
    : ''
}${
  r.timerOverflows.length
    ? `
**Node clamped ${r.timerOverflows.length} timer(s) to 1 ms** (\`TimeoutOverflowWarning: ${r.timerOverflows[0]}\`). Node timers cannot exceed 2^31−1 ms (24.8 days). aws-local-stepfunctions turns a state's \`TimeoutSeconds\` into a \`setTimeout\`, so a 30-day timeout (2,592,000 s, e.g. case-lifecycle's AwaitAgent) **fires after 1 ms in local mode**: the state times out at once. Local mode should cap such timeouts, or skip them while the local clock drives SLA timers.
`
    : ''
}
### Pipeline throughput

This is a closed loop of inbound SMS, each opening a case (smsInbound → case-intake Express → its tasks → SMS), run for ${settings.throughputSeconds} s at each concurrency level. Everything shares one Node process: every handler, dynalite and the emulators use the same event loop. So this measures the local stack, not AWS. If throughput does not rise with concurrency, the process is CPU-bound.

${table(throughputHeaders, throughputRows, [0, 1, 2, 3, 4, 5])}

## DynamoDB capacity

Each flow counts from a reset probe. The bench captures every call by wrapping the SDK clients' \`send\` (bench/instrument.ts). On calls that do not ask for it, the wrapper adds \`ReturnConsumedCapacity: 'TOTAL'\`; those calls show as "not metered". The RRU/WRU columns are what dynalite returns. **dynalite follows DynamoDB's item-size rules: 1 WRU per 1 KB written, and 1 RRU per 4 KB read strongly consistent (half that for eventually consistent). But its GSI write amplification differs: it charges nothing for GSI writes.** It also charges nothing for failed conditional writes, which DynamoDB bills${floored ? ', and nothing for a Query that matches no items (marked "empty → min" and counted here at DynamoDB\'s minimum, 0.5 RRU eventually consistent)' : ''}. The GSI column fills that gap. The probe reads every written item just before and just after the write, and applies DynamoDB's rules per index: entering the index is a put, leaving it is a delete, a changed index key is a delete plus a put, and a change to projected attributes only is an update. Anything else costs nothing. Each index write is 1 WRU per KB of the projected item, with sizes approximated from the attributes' JSON.

${
  r.meterAttached && meterUnits(allCalls) === 0
    ? `> **CapacityMeter recorded 0 units for every call.** \`CapacityMeter.record\` reads only \`ReadCapacityUnits\`/\`WriteCapacityUnits\`. dynalite returns only \`CapacityUnits\`, and so, as far as I know, does DynamoDB for single-item calls with \`TOTAL\`. The meter should fall back to \`CapacityUnits\` and classify the call as a read or a write. The numbers below come from the bench's own probe.\n`
    : ''
}${unmetered ? `> ${unmetered} call(s) per new SMS case never reach the meter (no \`ReturnConsumedCapacity\`, no \`meter.record\`), e.g. the outbound ledger.\n` : ''}${r.meterAttached ? '' : '> CapacityMeter was not wrapped; operation names are missing.\n'}
${r.flows
  .map(
    (f) => `### ${f.name}

${table(
  [
    'operation (command)',
    'calls',
    'RRU',
    'WRU',
    'GSI WRU',
    'GSI writes: index and what changed',
    'meter saw',
  ],
  [
    ...capacityRows(f),
    [
      '**total**',
      String(f.calls.length),
      String(units(f.calls, 'read')),
      String(units(f.calls, 'write')),
      String(gsiUnits(f)),
      '',
      String(meterUnits(f.calls)),
    ],
  ],
  [1, 2, 3, 4, 6],
)}`,
  )
  .join('\n\n')}

## SMS segments

These are the SMS that citizens received in this run. Arabic needs UCS-2: 70 characters fit in one segment, and longer texts are sent in parts of 67.${
    latinUcs2.length
      ? ' The templates wrap references in bidi isolates (U+2066/U+2069), which are not GSM-7 characters. **So English replies go out as UCS-2 as well**; the "without isolates" column shows what the same text would cost without them. For SMS, the isolates are only needed inside Arabic text.'
      : ''
  }

${table(
  ['message', 'count', 'encoding', 'chars', 'segments', 'without isolates', 'sample'],
  r.segments.map((s) => [
    s.label,
    String(s.count),
    s.encoding,
    s.chars.toFixed(0),
    s.segments.toFixed(2),
    s.segmentsWithoutIsolates.toFixed(2),
    s.sample.replace(/[\u2066-\u2069]/g, ''),
  ]),
  [1, 3, 4, 5],
)}

## Cost per 1,000 SMS cases (assumptions)

**Prices are assumptions:** ${PRICES.asOf}; ${PRICES.region}. Lambda is arm64 at ${PRICES.lambdaMemoryMb} MB, each invocation rounded up to 1 ms. Express is billed in ${PRICES.expressBillingMb} MB blocks and ${PRICES.expressIncrementMs} ms increments. Durations are the **local** handler times measured in-process above (Node 20 on this x86 machine, dynalite). They are **not** estimated from end-to-end timings. In AWS, DynamoDB calls are faster, but each task adds Lambda invoke latency, so read the Lambda and Express lines as orders of magnitude. DynamoDB units are those of one "new citizen" SMS case. Not included: API Gateway (not on the SMS path), CloudWatch Logs, X-Ray, KMS requests, SNS inbound (two-way) SMS fees, and free tiers. **Standard workflows are not included either**: at $${(PRICES.standardPerTransition * 1e6).toFixed(0)} per million state transitions, every transition of a per-case Standard workflow (e.g. ${
    Object.entries(STATE_MACHINES as Record<string, { type: string }>)
      .filter(([, m]) => m.type === 'STANDARD')
      .map(([n]) => n)
      .join(', ') || 'none defined yet'
  }) adds ${usd(1000 * PRICES.standardPerTransition)} per 1,000 cases. Counted on state-machines/case-lifecycle.asl.json, a case resolved at tier 1 enters 8 states (AwaitAgent, AgentDecided, NotifyResolved, AwaitReopen, ReopenOrClose, CloseCase, ClosedOrBack, Closed): ${usd(8_000 * PRICES.standardPerTransition)} per 1,000 cases; each escalation, SLA breach or reopen adds 2 (${usd(2_000 * PRICES.standardPerTransition)}). That is the largest AWS line after SMS, and the price of durable waits that last days; a cheaper design would poll open cases on a schedule instead, at the cost of exact per-case timers.

${table(
  ['item', 'per case', 'unit price (assumed)', 'per 1,000 cases'],
  [
    ...cost.lines.map((l) => [l.item, l.perCase, l.unitPrice, usd(l.per1000)]),
    ['**AWS total, excluding SMS**', '', '', `**${usd(cost.total)}**`],
    [
      'same, without the emulator overhead',
      `${ms(lambdaMsPerCase - emulatorMs)} Lambda ms`,
      '',
      usd(leanCost.total),
    ],
  ],
  [3],
)}

**SMS is priced separately:** ${segmentsPerAck.toFixed(2)} outbound segments per case (the acknowledgement, averaged over this run's mix of Arabic and English texts), which is ${cost.smsPer1000Segments.toFixed(0)} segments per 1,000 cases × the SNS price per SMS segment to Oman. That price is set per country; pass it as \`BENCH_SMS_PRICE_USD\`${
    PRICES.smsPerSegmentUsd
      ? ` = **${usd(cost.smsPer1000Segments * PRICES.smsPerSegmentUsd)}** at $${PRICES.smsPerSegmentUsd} per segment`
      : ''
  }. A status query adds one inbound message and one outbound reply (see the segments above). At any realistic per-segment price, SMS outweighs everything else in this table.
`;

  return { markdown, summary };
}

function portalSection(portal: PortalBundle | undefined): string {
  if (!portal) return '';
  const verdict = portal.initialGzipBytes <= portal.budgetBytes ? 'within' : '**over**';
  const code = (file: string) => `\`${file}\``;
  const rows = portal.initial.map((c) => [code(c.file), kb(c.bytes), kb(c.gzipBytes)]);
  const lazy = portal.lazy
    .slice(0, 6)
    .map((c) => `${code(c.file)} ${kb(c.gzipBytes)}`)
    .join(', ');
  return `## Citizens' portal: first screen

The JavaScript a phone loads before the first screen shows (the entry chunk and its static imports), gzip
level 9: **${kb(portal.initialGzipBytes)}**, ${verdict} the budget of ${kb(portal.budgetBytes)} (issue 12).

${table(['chunk', 'minified', 'gzip'], rows, [1, 2])}

Loaded on demand, largest first: ${lazy}.

`;
}
