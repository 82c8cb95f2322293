import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config/stage-config.ts';
import { CoreStack } from './core-stack.ts';
import { DataStack } from './data-stack.ts';
import { MailStack } from './mail-stack.ts';

/**
 * Adds a stage's stacks to the app. Stacks name a region but no account, so synth needs no
 * credentials and makes no lookups; the account comes from the CLI's credentials at deploy time.
 */
export function addStage(app: App, config: StageConfig) {
  const env = { region: config.regions.caseData, account: process.env.CDK_DEFAULT_ACCOUNT };
  const prefix = `Nidaa-${config.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    config,
    terminationProtection: config.protectData,
  });
  // Receiving e-mail happens where SES receives (docs/decisions/0046); the core stack only names it.
  const mail = new MailStack(app, `${prefix}-Mail`, {
    env: { ...env, region: config.regions.mailReceiving },
    config,
    terminationProtection: config.protectData,
  });
  const core = new CoreStack(app, `${prefix}-Core`, { env, config, key: data.key, table: data.table.table });
  core.addStackDependency(mail, 'emailInbound subscribes to the mail stack’s topic');
  Tags.of(app).add('project', 'nidaa');
  Tags.of(app).add('stage', config.stage);
  // cdk-nag v3: every finding fails synth unless acknowledged, with a reason, next to its resource.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, core, mail };
}
