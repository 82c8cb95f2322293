import { App } from 'aws-cdk-lib';
import { parseStageConfig, StageConfigError } from '../lib/config/stage-config.ts';
import { addStage } from '../lib/nidaa-app.ts';

const app = new App();
const stageName = String(app.node.tryGetContext('stage') ?? 'dev');
try {
  addStage(app, parseStageConfig(stageName, app.node.tryGetContext('stages')));
} catch (error) {
  if (error instanceof StageConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
app.synth();
