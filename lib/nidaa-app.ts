import { type App, Aspects, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RegionalTagSupport } from './aspects/regional-tags.ts';
import type { StageConfig } from './config/stage-config.ts';
import { ContactCenterStack, type ContactCenterStackProps } from './contact-center-stack.ts';
import { CoreStack } from './core-stack.ts';
import { DataStack } from './data-stack.ts';
import { EDGE_REGION, EdgeStack } from './edge-stack.ts';
import { MailStack } from './mail-stack.ts';

/**
 * Adds a stage's stacks to the app. Stacks name a region but no account, so synth needs no
 * credentials and makes no lookups; the account comes from the CLI's credentials at deploy time.
 */
export function addStage(
  app: App,
  config: StageConfig,
  catalogues: Pick<ContactCenterStackProps, 'flows' | 'functions' | 'departments'> = {},
) {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const env = { region: config.regions.caseData, account };
  const prefix = `Nidaa-${config.stage}`;
  // Values cross regions through CDK's cross-region references (docs/decisions/0031, 0016): Data →
  // ContactCenter (the table) → Core (instance, queues, task flow) → Edge (the API's host name). Nothing
  // flows back, so there is no cycle.
  const crossRegionReferences = config.regions.contactCenter !== config.regions.caseData;
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    config,
    terminationProtection: config.protectData,
    crossRegionReferences,
  });
  const contactCenter = new ContactCenterStack(app, `${prefix}-ContactCenter`, {
    env: { region: config.regions.contactCenter, account },
    config,
    table: data.table.table,
    citizenKey: data.citizenKey,
    crossRegionReferences,
    ...catalogues,
  });
  // Receiving e-mail happens where SES receives (docs/decisions/0046); the core stack only names it.
  const mail = new MailStack(app, `${prefix}-Mail`, {
    env: { region: config.regions.mailReceiving, account },
    config,
    terminationProtection: config.protectData,
  });
  const core = new CoreStack(app, `${prefix}-Core`, {
    env,
    config,
    key: data.key,
    table: data.table.table,
    contactCenter: contactCenter.link,
    citizenKey: data.citizenKey,
    ...(catalogues.functions ? { functions: catalogues.functions } : {}),
    // Always: the API's host name goes to the edge stack in us-east-1.
    crossRegionReferences: true,
  });
  const edge = new EdgeStack(app, `${prefix}-Edge`, {
    env: { region: EDGE_REGION, account },
    config,
    apiDomainName: core.apiDomainName,
    panel: core.panel,
    crossRegionReferences: true,
  });
  core.addStackDependency(mail, 'emailInbound subscribes to the mail stack’s topic');
  Tags.of(app).add('project', 'nidaa');
  Tags.of(app).add('stage', config.stage);
  // …except where the stack's region does not take tags on a resource type (docs/decisions/0060).
  Aspects.of(app).add(new RegionalTagSupport());
  // cdk-nag v3: every finding fails synth unless acknowledged, with a reason, next to its resource.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, contactCenter, core, edge, mail };
}
