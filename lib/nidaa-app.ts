import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config/stage-config.ts';
import { CoreStack } from './core-stack.ts';
import { DataStack } from './data-stack.ts';
import { EDGE_REGION, EdgeStack } from './edge-stack.ts';

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
  const core = new CoreStack(app, `${prefix}-Core`, {
    env,
    config,
    key: data.key,
    table: data.table.table,
    // The API's host name goes to the edge stack in another region (an SSM parameter CDK manages).
    crossRegionReferences: true,
  });
  const edge = new EdgeStack(app, `${prefix}-Edge`, {
    env: { ...env, region: EDGE_REGION },
    config,
    apiDomainName: core.apiDomainName,
    crossRegionReferences: true,
  });
  Tags.of(app).add('project', 'nidaa');
  Tags.of(app).add('stage', config.stage);
  // cdk-nag v3: every finding fails synth unless acknowledged, with a reason, next to its resource.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, core, edge };
}
