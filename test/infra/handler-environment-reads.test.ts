import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/env.ts';
import { bindingsOf, FUNCTIONS, type FunctionName } from '../../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

/** once(make) only wraps `make`: marked pure, a value no code path reads is shaken out with its reads. */
const onceIsPure: Plugin = {
  name: 'once-is-pure',
  setup(b) {
    b.onLoad({ filter: /\/functions\/.*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/= once\(/g, '= /* @__PURE__ */ once('),
      loader: 'ts',
    }));
  },
};

/**
 * Every variable a handler can read is one its bindings declare, checked on what esbuild keeps of each
 * handler (unused code is shaken out): `ENV.<name>` reads that survive into the bundle. A read the bindings
 * miss would be unset in Lambda, and is in local mode (test/integration/declared-environment.test.ts).
 */
describe('what each handler reads from its environment', () => {
  it('is declared by its bindings', async () => {
    const names = Object.keys(FUNCTIONS) as FunctionName[];
    const out = await build({
      entryPoints: Object.fromEntries(names.map((n) => [n, path.join(PROJECT_ROOT, FUNCTIONS[n].entry)])),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: path.join(PROJECT_ROOT, '.scratch', 'env-reads'),
      minify: false,
      // The SDK's own code reads no Nidaa variable; leaving it out keeps this quick.
      external: ['@aws-sdk/*', '@smithy/*', 'pdfkit', '@aws-lambda-powertools/*'],
      plugins: [onceIsPure],
      logLevel: 'silent',
    });
    const keyOf = new Map(Object.entries(ENV).map(([key, name]) => [key, name]));
    for (const name of names) {
      const file = out.outputFiles.find((f) => path.basename(f.path) === `${name}.js`);
      expect(file, name).toBeDefined();
      const reads = new Set(
        [...(file?.text ?? '').matchAll(/\bENV\d*\.(\w+)/g)].map((m) => keyOf.get(m[1] as string) ?? m[1]),
      );
      const undeclared = [...reads].filter((r) => !bindingsOf(FUNCTIONS[name]).env.includes(r as never));
      expect({ name, undeclared }).toEqual({ name, undeclared: [] });
    }
  }, 60_000);
});
