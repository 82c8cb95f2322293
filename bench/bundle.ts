import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { LAMBDA_BUNDLING } from '../lib/constructs/shared/lambda-bundling.ts';
import { FUNCTIONS, type FunctionName } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

/** The options NidaaFunction bundles with (lib/constructs/shared/lambda-bundling.ts), plus ESM output. */
export const CDK_BUNDLING = { ...LAMBDA_BUNDLING, format: 'esm' } as const;

export function esbuildOptions(entry: string, outfile: string): esbuild.BuildOptions {
  return {
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    target: CDK_BUNDLING.target,
    format: CDK_BUNDLING.format,
    outfile,
    minify: CDK_BUNDLING.minify,
    sourcemap: CDK_BUNDLING.sourceMap,
    sourcesContent: CDK_BUNDLING.sourcesContent,
    banner: { js: CDK_BUNDLING.banner },
    mainFields: [...CDK_BUNDLING.mainFields],
    external: [...CDK_BUNDLING.externalModules],
    metafile: true,
    logLevel: 'silent',
  };
}

export type Contributor = { name: string; bytes: number };

export type BundleResult = {
  fn: FunctionName;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  modules: number;
  buildMs: number;
  /** Bytes in the output per npm package (node_modules) or per first-party file. */
  contributors: Contributor[];
  /** The import chain that pulls a contributor into the bundle, entry first. */
  chainTo(contributor: string): string[];
};

/** `node_modules/@aws-sdk/client-sns/dist-es/…` → `@aws-sdk/client-sns`; our files keep their path. */
export function contributorOf(input: string): string {
  const parts = input.split('node_modules/');
  const last = parts.at(-1) ?? input;
  if (parts.length === 1) return input;
  const segments = last.split('/');
  return last.startsWith('@') ? `${segments[0]}/${segments[1]}` : (segments[0] ?? last);
}

export async function bundleFunction(fn: FunctionName, outDir: string): Promise<BundleResult> {
  const outfile = path.join(outDir, fn, 'index.mjs');
  const started = performance.now();
  const result = await esbuild.build(esbuildOptions(FUNCTIONS[fn].entry, outfile));
  const buildMs = performance.now() - started;
  const output = Object.entries(result.metafile?.outputs ?? {}).find(([name]) => name.endsWith('.mjs'))?.[1];
  if (!output) throw new Error(`esbuild produced no .mjs for ${fn}`);
  const byContributor = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = contributorOf(input);
    byContributor.set(name, (byContributor.get(name) ?? 0) + bytesInOutput);
  }
  const inputs = result.metafile?.inputs ?? {};
  const entry = path.relative(PROJECT_ROOT, path.join(PROJECT_ROOT, FUNCTIONS[fn].entry));
  const code = readFileSync(outfile);
  return {
    fn,
    file: outfile,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    mapBytes: statSync(`${outfile}.map`).size,
    modules: Object.keys(output.inputs).length,
    buildMs,
    contributors: [...byContributor]
      .map(([name, bytes]) => ({ name, bytes }))
      .sort((a, b) => b.bytes - a.bytes),
    chainTo: (contributor) => importChain(inputs, entry, contributor),
  };
}

/** Shortest import path from the entry to the first file of `contributor`, one step per package. */
function importChain(inputs: esbuild.Metafile['inputs'], entry: string, contributor: string): string[] {
  const previous = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  let found: string | undefined;
  while (queue.length > 0 && !found) {
    const current = queue.shift() as string;
    for (const { path: next } of inputs[current]?.imports ?? []) {
      if (previous.has(next) || !inputs[next]) continue;
      previous.set(next, current);
      if (contributorOf(next) === contributor) {
        found = next;
        break;
      }
      queue.push(next);
    }
  }
  const chain: string[] = [];
  for (let at = found; at; at = previous.get(at)) {
    const name = contributorOf(at).replace(/^functions\//, '');
    if (chain[0] !== name) chain.unshift(name);
  }
  return chain;
}
