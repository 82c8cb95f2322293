import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { HANDLED_CONTACT_EVENTS } from '../functions/core/lifecycle/contact-events.ts';
import { runtimeConfigFor } from './config/runtime-config.ts';
import type { StageConfig } from './config/stage-config.ts';
import { AgentDirectory } from './constructs/api/agent-directory.ts';
import { HttpApi } from './constructs/api/http-api.ts';
import { AttachmentsBucket } from './constructs/data/attachments-bucket.ts';
import { MailReceiving } from './constructs/messaging/mail-receiving.ts';
import { Observability } from './constructs/observability/observability.ts';
import { NidaaFunction } from './constructs/shared/nidaa-function.ts';
import { StateMachineFromFile } from './constructs/workflow/state-machine-from-file.ts';
import { WorkflowTimers } from './constructs/workflow/workflow-timers.ts';
import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  STATE_MACHINES,
  type StateMachineName,
} from './function-catalog.ts';

export type CoreStackProps = StackProps & { config: StageConfig; key: kms.IKey; table: dynamodb.ITableV2 };

/** Amazon Connect contact events of task contacts that the contactEvents function acts on (docs/decisions/0014). */
export const CONNECT_TASK_EVENTS: events.EventPattern = {
  source: ['aws.connect'],
  detailType: ['Amazon Connect Contact Event'],
  detail: { channel: ['TASK'], eventType: [...HANDLED_CONTACT_EVENTS] },
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Functions, workflows, the API and their alarms: everything stateless, wired from the function catalogue. */
export class CoreStack extends Stack {
  constructor(scope: Construct, id: string, props: CoreStackProps) {
    super(scope, id, props);
    const { config, key, table } = props;
    const observability = new Observability(this, 'Observability', {
      key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      ...(config.supervisorEmail ? { supervisorEmail: config.supervisorEmail } : {}),
      dashboardName: `nidaa-${config.stage}`,
    });

    // State machines have fixed names, so functions and timers can know their ARNs without depending on
    // them (a machine depends on its functions; a dependency back would be a cycle).
    const machineNames = Object.fromEntries(
      (Object.keys(STATE_MACHINES) as StateMachineName[]).map((name) => [
        name,
        `nidaa-${config.stage}-${kebab(name)}`,
      ]),
    ) as Record<StateMachineName, string>;
    const machineArns = Object.fromEntries(
      Object.entries(machineNames).map(([name, machineName]) => [
        name,
        this.formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: machineName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ]),
    ) as Record<StateMachineName, string>;
    const timers = new WorkflowTimers(this, 'Timers', {
      groupName: `nidaa-${config.stage}`,
      lifecycleArn: machineArns.caseLifecycle,
    });

    const functions = {} as Record<FunctionName, lambda.Function>;
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const nf = new NidaaFunction(this, name, {
        spec,
        key,
        logRetentionDays: config.retention.logDays,
        environment: {
          TABLE_NAME: table.tableName,
          NIDAA_CONFIG: JSON.stringify(runtimeConfigFor(config)),
          ...Object.fromEntries(
            (spec.startsSync ?? []).map((m) => [STATE_MACHINES[m].envVar, machineArns[m]]),
          ),
          ...(spec.setsTimers
            ? { SCHEDULE_GROUP: timers.groupName, SCHEDULER_ROLE_ARN: timers.role.roleArn }
            : {}),
          // resumeDeps() builds the Scheduler adapter, which needs both settings even just to cancel.
          ...(spec.resumesWorkflows
            ? { SCHEDULE_GROUP: timers.groupName, SCHEDULER_ROLE_ARN: timers.role.roleArn }
            : {}),
          ...(spec.alertsSupervisors ? { SUPERVISOR_TOPIC_ARN: observability.supervisorTopic.topicArn } : {}),
        },
        invokedAsync: spec.async ?? false,
      });
      nf.grantTable(table, spec.table);
      if (spec.sends) grantSending(nf.fn, config);
      for (const m of spec.startsSync ?? []) grantOn(nf.fn, ['states:StartSyncExecution'], machineArns[m]);
      if (spec.resumesWorkflows) grantOn(nf.fn, ['states:SendTaskSuccess'], machineArns.caseLifecycle);
      if (spec.setsTimers || spec.resumesWorkflows) timers.grantManage(nf.fn, nf);
      if (spec.alertsSupervisors) {
        grantOn(nf.fn, ['sns:Publish'], observability.supervisorTopic.topicArn);
        grantOn(nf.fn, ['kms:GenerateDataKey', 'kms:Decrypt'], key.keyArn);
      }
      observability.watchFunction(name, nf.fn);
      if (nf.deadLetterQueue) observability.watchDeadLetterQueue(name, nf.deadLetterQueue);
      functions[name] = nf.fn;
    }

    for (const [name, spec] of Object.entries(STATE_MACHINES) as [
      StateMachineName,
      (typeof STATE_MACHINES)[StateMachineName],
    ][]) {
      const machine = new StateMachineFromFile(this, name, {
        file: spec.file,
        type: spec.type,
        key,
        logRetentionDays: config.retention.logDays,
        functions,
        stateMachineArns: machineArns,
        stateMachineName: machineNames[name],
      });
      observability.watchStateMachine(name, machine.stateMachine);
    }

    // Citizens' attachments. The bucket is data, but it lives here, next to the function that signs its
    // uploads: in DataStack, its grant and its name in citizenApi's environment would be cross-stack
    // references (exports that block later changes of either stack) for no gain in isolation.
    const attachments = new AttachmentsBucket(this, 'Attachments', { key, protectData: config.protectData });
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      if (spec.attachments) attachments.grantUploads(functions[name]);
      if (spec.viewsAttachments) attachments.grantViewing(functions[name]);
    }

    // Inbound e-mail: SES stores the raw message in S3, then invokes emailInbound. SES receives mail in a
    // few regions only (not me-central-1), and receipt rules must live there: until the mail stack for
    // regions.mailReceiving exists (issue 5), receiving is deployed only where the two regions coincide.
    if (config.regions.mailReceiving === config.regions.caseData) {
      const mail = new MailReceiving(this, 'MailReceiving', {
        domain: config.email.domain,
        stage: config.stage,
        key,
        function: functions.emailInbound,
        protectData: config.protectData,
      });
      mail.grantRead(functions.emailInbound);
      new CfnOutput(this, 'MailRuleSetName', { value: mail.ruleSetName });
    }

    // Connect publishes contact events to the default bus of its own region, and a rule sees only its
    // region's bus. This rule lives in regions.caseData: when regions.contactCenter differs (Connect has
    // no Middle East region), the contact-center stack in that region (issue 4) forwards the same pattern
    // to this region's default bus, where the events arrive unchanged (docs/decisions/0014).
    new events.Rule(this, 'ConnectTaskEvents', {
      description: 'Amazon Connect task contact events for Nidaa cases (pick-up, closed, transferred)',
      eventPattern: CONNECT_TASK_EVENTS,
      targets: [new targets.LambdaFunction(functions.contactEvents)],
    });

    const directory = new AgentDirectory(this, 'Staff', { protectData: config.protectData });
    const api = new HttpApi(this, 'Api', {
      key,
      logRetentionDays: config.retention.logDays,
      functions,
      directory,
    });
    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: directory.userPool.userPoolId });
  }
}

function grantOn(fn: lambda.Function, actions: string[], resource: string) {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [resource] }));
}

/** SMS to phone numbers has no resource ARN in IAM; e-mail is limited to the stage's verified domain. */
function grantSending(fn: lambda.Function, config: StageConfig) {
  const stack = Stack.of(fn);
  const policy = new iam.Policy(fn, 'Sending', {
    statements: [
      new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: config.email.domain }),
        ],
      }),
    ],
  });
  fn.role?.attachInlinePolicy(policy);
}
