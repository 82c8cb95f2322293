/**
 * Property-based tests run with a fixed seed in `npm test`, so a failure is the same on every machine.
 * A longer hunt: `NIDAA_FUZZ_RUNS=100000 NIDAA_FUZZ_SEED=$RANDOM npx vitest run test/unit/fuzz` (README).
 * A failure prints its seed and path; rerun with that seed to reproduce it.
 */
export const FUZZ = {
  seed: Number(process.env.NIDAA_FUZZ_SEED ?? 20261207),
  numRuns: Number(process.env.NIDAA_FUZZ_RUNS ?? 300),
};
