import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseStageConfig, type StageConfig } from '../../lib/config/stage-config.ts';
import { addStage } from '../../lib/nidaa-app.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

export const cdkStages = () =>
  (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
      context: { stages: Record<string, unknown> };
    }
  ).context.stages;

export const stageConfig = (name: 'dev' | 'prod'): StageConfig => parseStageConfig(name, cdkStages());

/**
 * Synthesizes a stage like `cdk synth` does (cdk-nag included) but without bundling, which the
 * assertions do not need. Throws if any cdk-nag rule fails.
 */
export function synthStage(
  name: 'dev' | 'prod',
  adjust: (config: StageConfig) => StageConfig = (c) => c,
  catalogues: Parameters<typeof addStage>[2] = {},
) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const { data, contactCenter, core, edge, mail } = addStage(app, adjust(stageConfig(name)), catalogues);
  return {
    data: Template.fromStack(data),
    contactCenter: Template.fromStack(contactCenter),
    core: Template.fromStack(core),
    edge: Template.fromStack(edge),
    mail: Template.fromStack(mail),
  };
}
