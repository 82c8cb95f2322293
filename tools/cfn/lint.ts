/**
 * `npm run cfn-lint`: synthesizes every lint variant of the stages (tools/cfn/variants.ts) in this one
 * process, then checks each stack's template with cfn-lint against the CloudFormation schemas of the region
 * the stack deploys to (the `environment` of its artifact in the cloud assembly's manifest). Any error or
 * warning fails, except the rules .cfnlintrc.yaml ignores (the one list, with reasons).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { StageConfig } from '../../lib/config/stage-config.ts';
import { addStage } from '../../lib/nidaa-app.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { CFN_LINT_HINT, cfnLintVersion } from './lint-env.ts';
import { lintVariants } from './variants.ts';

export const CFN_LINT_CONFIG = path.join(PROJECT_ROOT, '.cfnlintrc.yaml');

/** A stack of a cloud assembly: its template file and the region it deploys to. */
export type StackTemplate = { stack: string; region: string; template: string };

type Manifest = {
  artifacts: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
};

/** Every CloudFormation stack of the assembly in `assemblyDir`, with the region its manifest names. */
export function stackTemplates(assemblyDir: string): StackTemplate[] {
  const manifest = JSON.parse(readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([stack, a]) => {
      // aws://<account>/<region>; a stack without a region could deploy anywhere, and is not ours.
      const region = /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(a.environment ?? '')?.[1];
      if (!region || region === 'unknown-region') {
        throw new Error(`Stack ${stack} names no region (${a.environment}); every Nidaa stack must.`);
      }
      return {
        stack,
        region,
        template: path.join(assemblyDir, a.properties?.templateFile ?? `${stack}.template.json`),
      };
    });
}

export type LintResult = { region: string; templates: string[]; passed: boolean; output: string };

/**
 * cfn-lint on `templates` against `region`'s schemas. Its exit code is a bit mask (2 errors, 4 warnings,
 * 8 informational; 1 or anything else, cfn-lint itself failed): errors, warnings and failures all fail.
 */
export function lintTemplates(region: string, templates: string[], command = 'cfn-lint'): LintResult {
  const run = spawnSync(
    command,
    ['--config-file', CFN_LINT_CONFIG, '--format', 'parseable', '--regions', region, '--', ...templates],
    { encoding: 'utf8' },
  );
  if (run.error) throw new Error(`${CFN_LINT_HINT}\n(${run.error.message})`);
  const code = run.status ?? 1;
  const passed = code === 0 || code === 8;
  return { region, templates, passed, output: `${run.stdout}${run.stderr}`.trim() };
}

/** Synthesizes `config` as `cdk synth` would (cdk-nag included) into `outdir`, without bundling code. */
export function synthVariant(config: StageConfig, outdir: string): string {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  addStage(app, config);
  return app.synth().directory;
}

/** Lints every stack of every assembly, one cfn-lint run per region. */
export function lintAssemblies(assemblies: string[], command = 'cfn-lint'): LintResult[] {
  const byRegion = new Map<string, string[]>();
  for (const { region, template } of assemblies.flatMap(stackTemplates)) {
    byRegion.set(region, [...(byRegion.get(region) ?? []), template]);
  }
  return [...byRegion].map(([region, templates]) => lintTemplates(region, templates, command));
}

function main() {
  const version = cfnLintVersion();
  if (!version) {
    console.error(CFN_LINT_HINT);
    process.exit(1);
  }
  const root = path.join(PROJECT_ROOT, 'cdk.out', 'lint');
  const assemblies = lintVariants().map(({ name, config }) => synthVariant(config, path.join(root, name)));
  const results = lintAssemblies(assemblies);
  for (const result of results) {
    const names = result.templates.map((t) => path.relative(root, t)).join(', ');
    console.log(`${result.passed ? 'ok  ' : 'FAIL'} ${result.region}: ${names}`);
    if (result.output) console.log(result.output);
  }
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) {
    console.error(
      `cfn-lint ${version}: ${failed.length} region(s) with findings (rules ignored: .cfnlintrc.yaml).`,
    );
    process.exit(1);
  }
  console.log(
    `cfn-lint ${version}: no findings in ${results.reduce((n, r) => n + r.templates.length, 0)} templates.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
