import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runtimeConfigFor } from '../lib/config/runtime-config.ts';
import { parseStageConfig } from '../lib/config/stage-config.ts';
import type { FunctionName } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { median } from './stats.ts';

/** What the child prints: time to evaluate the bundle (dynamic import → `handler` exists) and its memory. */
type ChildReport = { importMs: number; rssMb: number; heapMb: number };

const CHILD = `
const t0 = process.hrtime.bigint();
const m = await import(process.argv[1]);
const t1 = process.hrtime.bigint();
if (typeof m.handler !== 'function') throw new Error('bundle exports no handler');
const mem = process.memoryUsage();
process.stdout.write(JSON.stringify({ importMs: Number(t1 - t0) / 1e6, rssMb: mem.rss / 1048576, heapMb: mem.heapUsed / 1048576 }));
`;

/** The dev stage's NIDAA_CONFIG, as CDK hands it to the deployed functions. */
export function devNidaaConfig(): string {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: { stages: unknown };
  };
  return JSON.stringify(runtimeConfigFor(parseStageConfig('dev', cdkJson.context.stages)));
}

/** A Lambda-like environment: only what the functions read at import, nothing from this shell. */
function childEnv(sourceMaps: boolean, fn: FunctionName): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    TABLE_NAME: 'nidaa-bench',
    NIDAA_CONFIG: devNidaaConfig(),
    CASE_INTAKE_ARN: 'arn:aws:states:me-central-1:000000000000:stateMachine:nidaa-caseIntake',
    AWS_REGION: 'me-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: `nidaa-${fn}`,
    // NidaaFunction sets NODE_OPTIONS=--enable-source-maps on every function.
    ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  };
}

export type ColdInit = {
  fn: FunctionName;
  variant: string;
  sourceMaps: boolean;
  importMs: number[];
  processMs: number[];
  rssMb: number;
  heapMb: number;
  error?: string;
};

export type ColdVariant = { fn: FunctionName; variant: string; file: string; sourceMaps: boolean };

/** One fresh node process that imports the bundle and reports how long evaluating it took. */
function spawnOnce(v: ColdVariant): { processMs: number } & ChildReport {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, pathToFileURL(v.file).href],
    {
      env: childEnv(v.sourceMaps, v.fn),
      encoding: 'utf8',
      cwd: path.dirname(v.file),
      timeout: 30_000,
    },
  );
  const processMs = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(
      `exit ${child.status}: ${(child.stderr || child.error?.message || '').trim().split('\n')[0]}`,
    );
  }
  return { processMs, ...(JSON.parse(child.stdout) as ChildReport) };
}

/**
 * `runs` rounds over every variant of one function, interleaved (A B C, A B C, …) so that load from
 * other processes on the machine hits all variants alike and their medians stay comparable.
 */
export function measureColdInit(variants: ColdVariant[], runs: number): ColdInit[] {
  const results: ColdInit[] = variants.map(({ fn, variant, sourceMaps }) => ({
    fn,
    variant,
    sourceMaps,
    importMs: [],
    processMs: [],
    rssMb: Number.NaN,
    heapMb: Number.NaN,
  }));
  const rss = variants.map(() => [] as number[]);
  const heap = variants.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    for (const [i, v] of variants.entries()) {
      const result = results[i];
      if (!result || result.error) continue;
      try {
        const sample = spawnOnce(v);
        result.importMs.push(sample.importMs);
        result.processMs.push(sample.processMs);
        rss[i]?.push(sample.rssMb);
        heap[i]?.push(sample.heapMb);
      } catch (error) {
        result.error = (error as Error).message.slice(0, 300);
      }
    }
  }
  return results.map((r, i) => ({ ...r, rssMb: median(rss[i] ?? []), heapMb: median(heap[i] ?? []) }));
}
