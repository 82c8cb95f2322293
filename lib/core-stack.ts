import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { runtimeConfigFor } from './config/runtime-config.ts';
import type { StageConfig } from './config/stage-config.ts';
import { AgentDirectory } from './constructs/api/agent-directory.ts';
import { HttpApi } from './constructs/api/http-api.ts';
import { MailReceiving } from './constructs/messaging/mail-receiving.ts';
import { Observability } from './constructs/observability/observability.ts';
import { NidaaFunction } from './constructs/shared/nidaa-function.ts';
import { StateMachineFromFile } from './constructs/workflow/state-machine-from-file.ts';
import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  STATE_MACHINES,
  type StateMachineName,
} from './function-catalog.ts';

export type CoreStackProps = StackProps & { config: StageConfig; key: kms.IKey; table: dynamodb.ITableV2 };

/** Functions, workflows, the API and their alarms: everything stateless, wired from the function catalogue. */
export class CoreStack extends Stack {
  constructor(scope: Construct, id: string, props: CoreStackProps) {
    super(scope, id, props);
    const { config, key, table } = props;
    const observability = new Observability(this, 'Observability', {
      key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      dashboardName: `nidaa-${config.stage}`,
    });
    const environment = {
      TABLE_NAME: table.tableName,
      NIDAA_CONFIG: JSON.stringify(runtimeConfigFor(config)),
    };

    const functions = {} as Record<FunctionName, lambda.Function>;
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const nf = new NidaaFunction(this, name, {
        spec,
        key,
        logRetentionDays: config.retention.logDays,
        environment,
        invokedAsync: spec.async ?? false,
      });
      nf.grantTable(table, spec.table);
      if (spec.sends) grantSending(nf.fn, config);
      observability.watchFunction(name, nf.fn);
      if (nf.deadLetterQueue) observability.watchDeadLetterQueue(name, nf.deadLetterQueue);
      functions[name] = nf.fn;
    }

    for (const [name, spec] of Object.entries(STATE_MACHINES) as [
      StateMachineName,
      (typeof STATE_MACHINES)[StateMachineName],
    ][]) {
      const machine = new StateMachineFromFile(this, name, {
        ...spec,
        key,
        logRetentionDays: config.retention.logDays,
        functions,
      });
      observability.watchStateMachine(name, machine.stateMachine);
      for (const [fnName, fnSpec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
        if (!fnSpec.startsSync?.includes(name)) continue;
        functions[fnName].addEnvironment(spec.envVar, machine.stateMachine.stateMachineArn);
        machine.stateMachine.grantStartSyncExecution(functions[fnName]);
      }
    }

    // Inbound e-mail: SES stores the raw message in S3, then invokes emailInbound. For now in this stack's
    // region; SES receives only in some regions (see MailReceiving), so it moves to regions.mailReceiving.
    const mail = new MailReceiving(this, 'MailReceiving', {
      domain: config.email.domain,
      stage: config.stage,
      key,
      function: functions.emailInbound,
      protectData: config.protectData,
    });
    mail.grantRead(functions.emailInbound);
    new CfnOutput(this, 'MailRuleSetName', { value: mail.ruleSetName });

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
