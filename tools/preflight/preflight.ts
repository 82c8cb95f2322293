/**
 * `npm run preflight [stage]`: the deploy runbook (docs/deploy.md) for one stage, from cdk.json alone.
 * With credentials in the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID…) it also checks what it can with
 * read-only calls, and exits 1 when a check fails. `--offline` never calls AWS.
 */
import { fileURLToPath } from 'node:url';
import { parseStageConfig, StageConfigError } from '../../lib/config/stage-config.ts';
import { cdkJsonStages } from '../cfn/variants.ts';
import { checklist, renderChecklist } from './checklist.ts';
import { awsClients, runChecks } from './checks.ts';

/** Whether the environment names credentials the SDK's default chain would use. */
export const hasCredentials = (env: NodeJS.ProcessEnv = process.env) =>
  Boolean(
    env.AWS_PROFILE ||
      env.AWS_ACCESS_KEY_ID ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  );

async function main(args: string[]) {
  const offline = args.includes('--offline');
  const stage = args.find((a) => !a.startsWith('--')) ?? 'dev';
  let config: ReturnType<typeof parseStageConfig>;
  try {
    config = parseStageConfig(stage, cdkJsonStages());
  } catch (error) {
    if (error instanceof StageConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const steps = checklist(config);
  if (offline || !hasCredentials()) {
    console.log(renderChecklist(config, steps));
    console.log('\nNo credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID): nothing was checked in AWS.');
    return;
  }
  const results = await runChecks(steps, awsClients());
  console.log(renderChecklist(config, steps, results));
  const failed = [...results.values()].filter((r) => r.status === 'fail').length;
  console.log(`\n${results.size} checked in AWS (read-only): ${failed} failed.`);
  if (failed > 0) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
