/**
 * `npm run bench`: bundle size, cold init, warm latency through local mode, DynamoDB capacity and cost per
 * 1,000 cases. A benchmark, not a test: it prints a summary and overwrites bench/RESULTS.md.
 * Knobs: BENCH_ITERATIONS (200), BENCH_COLD_RUNS (5), BENCH_THROUGHPUT_SECONDS (6), BENCH_SMS_PRICE_USD.
 */
import '../functions/shared/node20-polyfills.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FUNCTIONS, type FunctionName } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { type BundleResult, bundleFunction } from './bundle.ts';
import { type ColdInit, measureColdInit } from './cold-init.ts';
import { measureEarlyWarning, renderEarlyWarningBench } from './early-warning.ts';
import {
  DynamoProbe,
  HandlerTimer,
  stateMachineConstruction,
  timeExpress,
  timeHandlers,
} from './instrument.ts';
import type { CapacityFlow, ScenarioResult, ThroughputResult } from './local-load.ts';
import { machine } from './machine.ts';
import { measurePortal } from './portal-bundle.ts';
import { render } from './report.ts';
import { measureSpikeDetection, renderSpikeBench } from './spikes.ts';
import { kb, median, ms, progress } from './stats.ts';

// Local tooling runs on the machine's Node 20; the SDK would warn on every client otherwise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Handler errors are counted per function in RESULTS.md; BENCH_LOG_LEVEL=ERROR shows their logs too.
process.env.POWERTOOLS_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'SILENT';

// Node clamps timers over 2^31-1 ms (24.8 days) to 1 ms and warns each time: count them, report once.
const timerOverflows: string[] = [];
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'TimeoutOverflowWarning') timerOverflows.push(warning.message.split('\n')[0] ?? '');
  else console.warn(`${warning.name}: ${warning.message}`);
});

const settings = {
  iterations: Math.max(1, Number(process.env.BENCH_ITERATIONS) || 200),
  coldRuns: Math.max(1, Number(process.env.BENCH_COLD_RUNS) || 5),
  throughputSeconds: Math.max(1, Number(process.env.BENCH_THROUGHPUT_SECONDS) || 6),
};
const RESULTS = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

const started = performance.now();
const host = machine();
progress(
  'start',
  `${host.cpu}, ${host.cores} cores, Node ${host.node}; ${settings.iterations} iterations per scenario`,
);

// 1. Bundles, as CDK builds them ----------------------------------------------------------------------
const outDir = mkdtempSync(path.join(os.tmpdir(), 'nidaa-bench-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
const bundles: BundleResult[] = [];
for (const fn of FUNCTION_NAMES) {
  const b = await bundleFunction(fn, outDir);
  bundles.push(b);
  progress(
    'bundle',
    `${fn}: ${kb(b.bytes)} (gzip ${kb(b.gzipBytes)}), ${b.modules} modules, ${b.buildMs.toFixed(0)} ms`,
  );
}

// 2. Cold init: a fresh node per sample, outside any node_modules (so the externals must never load) ----
const cold: ColdInit[] = [];
for (const b of bundles) {
  const variants = [
    { fn: b.fn, variant: 'plain', file: b.file, sourceMaps: false },
    { fn: b.fn, variant: 'source maps', file: b.file, sourceMaps: true },
  ];
  const [plain, maps] = measureColdInit(variants, settings.coldRuns);
  if (plain) cold.push(plain);
  if (maps) cold.push(maps);
  const failed = [plain, maps].filter((c) => c?.error);
  if (failed.length) throw new Error(`cold init of ${b.fn} failed: ${failed[0]?.error}`);
  progress(
    'cold',
    `${b.fn}: import median ${ms(median(plain?.importMs ?? []))} ms, +source maps ${ms(median(maps?.importMs ?? []))} ms`,
  );
}
rmSync(outDir, { recursive: true, force: true });

// 3–4. Local mode --------------------------------------------------------------------------------------
// Imported only now, so bundling and the cold-init spawns run before dynalite & co. compete for the CPU.
const { startLocalStack } = await import('../local/local-stack.ts');
const { LocalBench } = await import('./local-load.ts');
const stack = await startLocalStack({ fastRetries: true });
progress('local', `local stack at ${stack.url}`);
const timer = new HandlerTimer();
const probe = new DynamoProbe();
const timed = await timeHandlers(timer);
timeExpress(timer);
probe.attach();
progress(
  'local',
  `timing ${timed.length}/${FUNCTION_NAMES.length} handlers; CapacityMeter ${probe.meterAttached ? 'wrapped' : 'NOT FOUND'}`,
);

let local: Awaited<ReturnType<typeof runLocal>>;
try {
  local = await runLocal();
} finally {
  await stack.stop();
}

async function runLocal() {
  const bench = new LocalBench(stack, timer, probe);
  await bench.warmUp();
  progress('warm', 'warm-up done');
  const scenarios: ScenarioResult[] = [];
  const { result, pipeline } = await bench.smsNewCases(settings.iterations);
  scenarios.push(result);
  scenarios.push(await bench.smsStatus(settings.iterations));
  scenarios.push(await bench.citizenGet(settings.iterations));
  scenarios.push(await bench.agentQueue(settings.iterations));
  scenarios.push(await bench.webRequests(settings.iterations));
  const segments = await bench.segments();
  const construction = await stateMachineConstruction();
  const throughput: ThroughputResult[] = [];
  for (const concurrency of [1, 8])
    throughput.push(await bench.throughput(concurrency, settings.throughputSeconds));
  const flows: CapacityFlow[] = [];
  for (const flow of bench.capacityFlows()) {
    const f = await flow();
    flows.push(f);
    progress('ddb', `${f.name}: ${f.calls.length} calls`);
  }
  if (timerOverflows.length) {
    progress(
      'warm',
      `WARNING: ${timerOverflows.length} timers overflowed and fired after 1 ms (${timerOverflows[0]})`,
    );
  }
  for (const f of pipeline.perFunction.filter((x) => x.errors > 0)) {
    progress('warm', `WARNING: ${f.fn} failed ${f.errors}× (first: ${f.firstError ?? '?'})`);
  }
  return { scenarios, pipeline, segments, throughput, flows, construction };
}

// 1b. The citizens' portal's first screen, from its Vite build (built if missing or stale).
const { ensurePortalBuilt } = await import('../local/panel-assets.ts');
await ensurePortalBuilt();
const portal = measurePortal();
progress('portal', `first screen: ${kb(portal.initialGzipBytes)} gzip (budget ${kb(portal.budgetBytes)})`);

// 3. Early warning on a year of 311 reports ---------------------------------------------------------------
progress('spikes', 'spike detection over a year of 311 reports, plain and with injected clusters');
const spikes = renderSpikeBench(measureSpikeDetection());
progress('early warning', 'every detector with demo-year inputs, by kind and department');
const earlyWarning = renderEarlyWarningBench(measureEarlyWarning());

const { markdown, summary } = render({
  portal,
  host,
  settings,
  seconds: (performance.now() - started) / 1000,
  bundles,
  cold,
  meterAttached: probe.meterAttached,
  timerOverflows,
  loadAfter: os.loadavg(),
  ...local,
});
writeFileSync(RESULTS, `${markdown}\n${spikes}\n${earlyWarning}`);
// biome formats markdown too (`npm run lint` checks it): write RESULTS.md the way biome would.
const biome = spawnSync(
  path.join(PROJECT_ROOT, 'node_modules', '.bin', 'biome'),
  ['format', '--write', RESULTS],
  {
    encoding: 'utf8',
  },
);
if (biome.status !== 0)
  progress('done', `WARNING: biome could not format RESULTS.md: ${biome.stderr.slice(0, 300)}`);
progress(
  'done',
  `wrote ${path.relative(PROJECT_ROOT, RESULTS)} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(summary);
// Local mode leaves long-lived timers behind (waiting workflows, keep-alive sockets): a bench run ends here.
process.exit(0);
