import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { ENV, type EnvName } from '../../../functions/shared/env.ts';
import { analyticsNames } from '../../config/analytics-names.ts';
import { runtimeConfigFor, sendingConfigurationSetName } from '../../config/runtime-config.ts';
import { panelUrlOf, type StageConfig } from '../../config/stage-config.ts';
import {
  bindingsOf,
  type FunctionSpec,
  REGION_ENV,
  type RegionRole,
  STATE_MACHINES,
  type StateMachineName,
} from '../../function-catalog.ts';
import { analyticsStreamArns } from '../analytics/analytics-names.ts';
import type { AnalyticsStore } from '../analytics/analytics-store.ts';
import { originSecretName } from '../edge/origin-secret.ts';
import type { Observability } from '../observability/observability.ts';
import type { WorkflowTimers } from '../workflow/workflow-timers.ts';
import type { HmacSecret } from './hmac-secret.ts';
import { NidaaFunction } from './nidaa-function.ts';

/** What a stack offers the functions it builds from the catalogue. */
export type FunctionWiring = {
  config: StageConfig;
  /** This stack's key: logs, environment, dead-letter queues (KMS keys are regional). */
  key: kms.IKey;
  /** The case table, in regions.caseData (its own key comes with it). */
  table: dynamodb.ITableV2;
  /** ARNs of the state machines, which have fixed names (see CoreStack). */
  machineArns: Record<StateMachineName, string>;
  observability: Observability;
  /** Case-lifecycle timers; only the core stack has them. */
  timers?: WorkflowTimers;
  /** The SMS aggregator's webhook secret; only the core stack has it. */
  smsWebhook?: HmacSecret;
  /** The key of tracking links (docs/decisions/0086); only the core stack has it. */
  tracking?: HmacSecret;
  /** The lake, Glue database and Athena workgroup (docs/decisions/0106); only the core stack has them. */
  analytics?: AnalyticsStore;
  /** The key citizens are hashed with in the analytics store; the data stack's, in regions.caseData. */
  citizenKey?: HmacSecret;
};

/**
 * Builds one catalogue function with the environment, grants and alarms its bindings need
 * (lib/function-catalog.ts). The core stack and the contact-center stack both build their functions here,
 * so a flag means the same in both. Every function is told the region of each resource its clients call
 * (CASE_DATA_REGION, CONTACT_CENTER_REGION, MAIL_RECEIVING_REGION); its e-mail grant names the SES identity
 * of regions.caseData. Values other constructs own (buckets, Connect) are set by them, and NidaaFunction
 * refuses any variable the bindings do not declare.
 */
export function buildCatalogueFunction(
  scope: Construct,
  name: string,
  spec: FunctionSpec,
  wiring: FunctionWiring,
) {
  const {
    config,
    key,
    table,
    machineArns,
    observability,
    timers,
    smsWebhook,
    tracking,
    analytics,
    citizenKey,
  } = wiring;
  const stack = Stack.of(scope);
  const bindings = bindingsOf(spec);
  const needsTimers = spec.setsTimers || spec.resumesWorkflows;
  if (needsTimers && !timers) {
    throw new Error(
      `Function ${name} sets timers or resumes workflows, which only the core stack (regions.caseData) can wire: remove invokedByConnect or those flags.`,
    );
  }
  if (spec.smsWebhookSecret && !smsWebhook) {
    throw new Error(`Function ${name} reads the SMS webhook secret, which only the core stack has.`);
  }
  if (spec.tracksRequests && !tracking) {
    throw new Error(`Function ${name} signs tracking links, whose key only the core stack has.`);
  }
  if (spec.queriesAnalytics && !analytics) {
    throw new Error(`Function ${name} queries the analytics store, whose workgroup only the core stack has.`);
  }
  if (spec.hashesCitizens && !citizenKey) {
    throw new Error(`Function ${name} hashes citizens, but this stack was given no analytics citizen key.`);
  }
  const lake = analyticsNames(config);
  const known: Partial<Record<EnvName, string>> = {
    ...regionEnvironment(config.regions),
    [ENV.tableName]: table.tableName,
    ...Object.fromEntries((spec.startsSync ?? []).map((m) => [STATE_MACHINES[m].envVar, machineArns[m]])),
    ...(timers ? { [ENV.scheduleGroup]: timers.groupName, [ENV.schedulerRoleArn]: timers.role.roleArn } : {}),
    [ENV.supervisorTopicArn]: observability.supervisorTopic.topicArn,
    [ENV.originSecretId]: originSecretName(config.stage),
    ...(smsWebhook ? { [ENV.smsWebhookSecretArn]: smsWebhook.secret.secretArn } : {}),
    ...(tracking ? { [ENV.trackingSecretArn]: tracking.secret.secretArn } : {}),
    [ENV.analyticsStreamPrefix]: lake.streamPrefix,
    [ENV.athenaWorkgroup]: lake.workgroup,
    [ENV.analyticsDatabase]: lake.database,
    ...(citizenKey ? { [ENV.citizenKeySecretArn]: citizenKey.secret.secretArn } : {}),
    // Alerts link to the panel (linksToPanel); without its address (panelUrlOf) they carry no link.
    [ENV.panelUrl]: panelUrlOf(config) ?? '',
  };
  const nf = new NidaaFunction(scope, name, {
    spec,
    ...(spec.fixedName ? { functionName: fixedFunctionName(config.stage, name) } : {}),
    key,
    logRetentionDays: config.retention.logDays,
    // Only what the function declares; buckets, Connect and faxLetter add theirs where they are built.
    environment: Object.fromEntries(
      bindings.env.flatMap((name) => (known[name] === undefined ? [] : [[name, known[name]]])),
    ),
    runtimeConfig: runtimeConfigFor(config),
    invokedAsync: spec.async ?? false,
  });
  nf.grantTable(table, spec.table);
  if (spec.sends) grantSending(nf.fn, config);
  for (const m of spec.startsSync ?? []) grantOn(nf.fn, ['states:StartSyncExecution'], machineArns[m]);
  if (spec.resumesWorkflows) grantOn(nf.fn, ['states:SendTaskSuccess'], machineArns.caseLifecycle);
  if (needsTimers && timers) timers.grantManage(nf.fn, nf);
  if (spec.smsWebhookSecret && smsWebhook) smsWebhook.grantRead(nf.fn);
  if (spec.tracksRequests && tracking) tracking.grantRead(nf.fn);
  // The streams have fixed names in regions.caseData: a function next to Connect is granted them too.
  if (spec.writesAnalytics) {
    grantOn(nf.fn, ['firehose:PutRecord', 'firehose:PutRecordBatch'], analyticsStreamArns(scope, config));
  }
  if (spec.queriesAnalytics && analytics) analytics.grantQueries(nf.fn);
  if (spec.hashesCitizens && citizenKey) citizenKey.grantRead(nf.fn);
  if (spec.answersStatus) observability.watchStatusLimits(name, nf.logGroup);
  if (spec.verifiesOrigin) {
    // The edge stack creates the secret and replicates it to the case-data region; its ARN ends in 6
    // random characters.
    const secret = stack.formatArn({
      service: 'secretsmanager',
      region: config.regions.caseData,
      resource: 'secret',
      resourceName: `${originSecretName(config.stage)}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    grantOn(nf.fn, ['secretsmanager:GetSecretValue'], secret);
  }
  if (spec.alertsSupervisors) {
    grantOn(nf.fn, ['sns:Publish'], observability.supervisorTopic.topicArn);
    grantOn(nf.fn, ['kms:GenerateDataKey', 'kms:Decrypt'], key.keyArn);
  }
  observability.watchFunction(name, nf.fn);
  if (nf.deadLetterQueue) observability.watchDeadLetterQueue(name, nf.deadLetterQueue);
  return nf;
}

/** The region variables, by the stage's regions: what every function is told about where resources live. */
export function regionEnvironment(regions: Record<RegionRole, string>): Partial<Record<EnvName, string>> {
  return Object.fromEntries(
    (Object.entries(REGION_ENV) as [RegionRole, EnvName][]).map(([role, name]) => [name, regions[role]]),
  );
}

function grantOn(fn: lambda.Function, actions: string[], resource: string | string[]) {
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions, resources: Array.isArray(resource) ? resource : [resource] }),
  );
}

/**
 * SMS to phone numbers has no resource ARN in IAM; e-mail is limited to the stage's verified domain, which
 * is verified in regions.caseData, and its configuration set.
 */
function grantSending(fn: lambda.Function, config: StageConfig) {
  const stack = Stack.of(fn);
  const policy = new iam.Policy(fn, 'Sending', {
    statements: [
      new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          stack.formatArn({
            service: 'ses',
            region: config.regions.caseData,
            resource: 'identity',
            resourceName: config.email.domain,
          }), // SES authorizes the configuration set a message names as well as the identity.
          stack.formatArn({
            service: 'ses',
            region: config.regions.caseData,
            resource: 'configuration-set',
            resourceName: sendingConfigurationSetName(config),
          }),
        ],
      }),
    ],
  });
  fn.role?.attachInlinePolicy(policy);
}

/** The name of a function with `fixedName`, which other stacks (other regions) invoke by it. */
export const fixedFunctionName = (stage: string, name: string) => `nidaa-${stage}-${name}`;
