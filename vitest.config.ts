import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'web/panel/src/**/*.test.{ts,tsx}', 'web/portal/src/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // CDK synth tests and emulator start-up are slow on 2 cores; keep the default worker count small.
    maxWorkers: 2,
    testTimeout: 30_000,
    // CI also writes a machine-readable report; .ci/run prints its totals as a plain closing line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.nidaa/vitest-report.json' }]]
      : ['default'],
    // A stage is three stacks (data, core, mail) synthesized with cdk-nag; on a loaded 2-core machine that
    // takes over a minute for dev and prod together.
    hookTimeout: 120_000,
  },
});
