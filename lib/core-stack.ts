import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { HANDLED_CONTACT_EVENTS } from '../functions/core/lifecycle/contact-events.ts';
import { ENV } from '../functions/shared/env.ts';
import { corsOriginsOf } from './config/cors.ts';
import { sendingConfigurationSetName } from './config/runtime-config.ts';
import { panelUrlOf, type StageConfig, signInDomainPrefixOf } from './config/stage-config.ts';
import { AnalyticsStore } from './constructs/analytics/analytics-store.ts';
import {
  CaseStreamConsumer,
  isRecurringTrigger,
  RecurringSchedules,
} from './constructs/analytics/analytics-triggers.ts';
import { AgentDirectory } from './constructs/api/agent-directory.ts';
import { HttpApi } from './constructs/api/http-api.ts';
import { AttachmentsBucket } from './constructs/data/attachments-bucket.ts';
import { mailReceivingNames } from './constructs/messaging/mail-names.ts';
import { MailSending } from './constructs/messaging/mail-sending.ts';
import { ReceivedMail } from './constructs/messaging/received-mail.ts';
import { Observability } from './constructs/observability/observability.ts';
import { buildCatalogueFunction } from './constructs/shared/function-wiring.ts';
import { HmacSecret } from './constructs/shared/hmac-secret.ts';
import { StateMachineFromFile } from './constructs/workflow/state-machine-from-file.ts';
import { stateMachineArns, stateMachineNames } from './constructs/workflow/state-machine-names.ts';
import { WorkflowTimers } from './constructs/workflow/workflow-timers.ts';
import type { ContactCenterLink } from './contact-center-stack.ts';
import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  STATE_MACHINES,
  type StateMachineName,
} from './function-catalog.ts';

export type CoreStackProps = StackProps & {
  config: StageConfig;
  key: kms.IKey;
  table: dynamodb.ITableV2;
  /** The hotline's instance, queues and task flow, from the contact-center stack (docs/decisions/0031). */
  contactCenter?: ContactCenterLink;
  /** The analytics store's citizen key, from the data stack (docs/decisions/0106). */
  citizenKey?: HmacSecret;
  /** The function catalogue to build; tests pass fixtures (default FUNCTIONS). */
  functions?: Readonly<Record<string, FunctionSpec>>;
};

/** Amazon Connect contact events of task contacts that the contactEvents function acts on (docs/decisions/0014). */
export const CONNECT_TASK_EVENTS: events.EventPattern = {
  source: ['aws.connect'],
  detailType: ['Amazon Connect Contact Event'],
  detail: { channel: ['TASK'], eventType: [...HANDLED_CONTACT_EVENTS] },
};

/** Functions, workflows, the API and their alarms: everything stateless, wired from the function catalogue. */
export class CoreStack extends Stack {
  /** Where CloudFront forwards API requests (the edge stack, docs/decisions/0016). */
  readonly apiDomainName: string;
  /** What the case panel on the edge needs: the staff sign-in page, its client, where previews load from. */
  readonly panel: {
    cognitoDomain: string;
    clientId: string;
    userPoolId: string;
    userPoolArn: string;
    attachmentsOrigin: string;
  };

  constructor(scope: Construct, id: string, props: CoreStackProps) {
    super(scope, id, props);
    const { config, key, table } = props;
    const observability = new Observability(this, 'Observability', {
      key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      ...(config.supervisorEmail ? { supervisorEmail: config.supervisorEmail } : {}),
      dashboardName: `nidaa-${config.stage}`,
    });

    const machineNames = stateMachineNames(config.stage);
    const machineArns = stateMachineArns(this, config.stage, config.regions.caseData);
    const timers = new WorkflowTimers(this, 'Timers', {
      groupName: `nidaa-${config.stage}`,
      lifecycleArn: machineArns.caseLifecycle,
      key,
    });

    const smsWebhook = new HmacSecret(this, 'SmsWebhook', {
      stage: config.stage,
      key,
      protectData: config.protectData,
      name: 'sms-aggregator-webhook',
      description: 'Shared secret the SMS short-code aggregator signs webhook requests with (HMAC-SHA256)',
      // It travels in e-mails and aggregator consoles, and every HMAC library takes it as is.
      lowerCase: true,
      rotation:
        'A secret shared with an external aggregator cannot rotate on its own: a rotation is agreed with the aggregator and done by hand (README, SMS aggregator contract).',
    });

    // Created after the webhook secret, so existing resources keep their order in the template.
    const tracking = new HmacSecret(this, 'TrackingLinks', {
      stage: config.stage,
      key,
      protectData: config.protectData,
      name: 'tracking-links',
      description: 'Key that signs the tracking links in citizens’ acknowledgements (HMAC-SHA256)',
      rotation:
        'Rotating this key ends every tracking link already sent to citizens: it is rotated by hand when a link leaks, and tokens of the AWSPREVIOUS version keep working while the new one spreads (docs/decisions/0086).',
    });

    // The analytics store lives with the functions that write and query it (docs/decisions/0106).
    const analytics = new AnalyticsStore(this, 'Analytics', { config, key, observability });
    const catalogue = Object.entries(props.functions ?? FUNCTIONS) as [FunctionName, FunctionSpec][];

    // Functions Connect invokes are built by the contact-center stack, next to the instance.
    const functions = {} as Record<FunctionName, lambda.Function>;
    for (const [name, spec] of catalogue) {
      // Built by the contact-center and mail stacks, in their regions.
      if (spec.invokedByConnect || spec.relaysMail) continue;
      const nf = buildCatalogueFunction(this, name, spec, {
        config,
        key,
        table,
        machineArns,
        observability,
        timers,
        smsWebhook,
        tracking,
        analytics,
        ...(props.citizenKey ? { citizenKey: props.citizenKey } : {}),
      });
      functions[name] = nf.fn;
    }
    this.wireAnalyticsTriggers(catalogue, functions, { config, key, table, observability });
    // Every function that sends may reply by fax: it asks faxLetter for the PDF (docs/decisions/0018).
    for (const [name, spec] of catalogue) {
      if (!spec.sends || spec.invokedByConnect) continue;
      functions[name].addEnvironment(ENV.faxLetterFunction, functions.faxLetter.functionName);
      // The function itself, not its versions (grantInvoke would add `<arn>:*`).
      functions[name].addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [functions.faxLetter.functionArn],
        }),
      );
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
    for (const [name, spec] of catalogue) {
      if (spec.attachments) attachments.grantUploads(functions[name]);
      if (spec.viewsAttachments) attachments.grantViewing(functions[name]);
      if (spec.storesAppMedia) attachments.grantAppMedia(functions[name]);
    }

    // E-mail: receiving happens in the mail stack of regions.mailReceiving, which announces each
    // stored message on a topic emailInbound is subscribed to here, by name (docs/decisions/0046); its
    // attachments go to the attachments bucket. Sending events come back through the configuration set.
    new ReceivedMail(this, 'ReceivedMail', {
      function: functions.emailInbound,
      names: mailReceivingNames(config),
    });
    attachments.grantMailAttachments(functions.emailInbound);
    new MailSending(this, 'MailSending', {
      name: sendingConfigurationSetName(config),
      key,
      function: functions.emailEvents,
    });

    // Connect publishes contact events to the default bus of its own region, and a rule sees only its
    // region's bus. This rule lives in regions.caseData: when regions.contactCenter differs (Connect has
    // no Middle East region), the contact-center stack in that region forwards the same pattern
    // to this region's default bus, where the events arrive unchanged (docs/decisions/0014).
    new events.Rule(this, 'ConnectTaskEvents', {
      description: 'Amazon Connect task contact events for Nidaa cases (pick-up, closed, transferred)',
      eventPattern: CONNECT_TASK_EVENTS,
      targets: [new targets.LambdaFunction(functions.contactEvents)],
    });
    // The rule's function tells Nidaa's own instance and queues from any other the account runs.
    props.contactCenter?.describeTo(functions.contactEvents);

    const panelUrl = panelUrlOf(config);
    const directory = new AgentDirectory(this, 'Staff', {
      protectData: config.protectData,
      signInDomainPrefix: signInDomainPrefixOf(config),
      ...(panelUrl ? { panelUrl } : {}),
    });
    // Open311 discovery names the public address app makers use (CloudFront does not forward the host);
    // without the municipality's domain it is empty and discovery names the host the request reached.
    functions.open311Api.addEnvironment(
      ENV.open311BaseUrl,
      config.edge.domain ? `https://${config.edge.domain.name}` : '',
    );
    const api = new HttpApi(this, 'Api', {
      key,
      corsOrigins: corsOriginsOf(config),
      logRetentionDays: config.retention.logDays,
      functions,
      directory,
    });
    new CfnOutput(this, 'ApiUrl', { value: api.url });
    this.apiDomainName = api.domainName;
    this.panel = {
      cognitoDomain: directory.signIn.baseUrl(),
      clientId: directory.panelClientId,
      userPoolId: directory.userPool.userPoolId,
      userPoolArn: directory.userPool.userPoolArn,
      attachmentsOrigin: `https://${attachments.bucket.bucketRegionalDomainName}`,
    };

    // Tier tasks open in the hotline's instance and link to the case panel (until the panel has its own
    // address in config, to the agent API's case resource).
    if (props.contactCenter) {
      for (const [name, spec] of catalogue) {
        if ((spec.opensTasks || spec.callsBack) && !spec.invokedByConnect) {
          props.contactCenter.grantOpenTasks(functions[name]);
        }
      }
    }
    new CfnOutput(this, 'UserPoolId', { value: directory.userPool.userPoolId });
    new CfnOutput(this, 'AnalyticsWorkgroup', { value: analytics.workgroup.ref });
    new CfnOutput(this, 'AnalyticsDatabase', { value: analytics.names.database });
    new CfnOutput(this, 'AnalyticsLakeBucket', { value: analytics.lake.bucketName });
  }

  /**
   * The analytics triggers, for every function of the catalogue that declares one: each case-table stream
   * consumer gets its own event source mapping and dead-letter queue; the recurring triggers get their
   * schedules. A function built away from its trigger's region is refused by bindingsOf (TRIGGER_REGION).
   */
  private wireAnalyticsTriggers(
    catalogue: [FunctionName, FunctionSpec][],
    functions: Record<FunctionName, lambda.Function>,
    {
      config,
      key,
      table,
      observability,
    }: Pick<CoreStackProps, 'config' | 'key' | 'table'> & {
      observability: Observability;
    },
  ) {
    const schedules = new RecurringSchedules(this, 'Schedules', { stage: config.stage, key });
    // Each trigger's region is checked once, by bindingsOf (TRIGGER_REGION in lib/function-catalog.ts).
    for (const [name, spec] of catalogue) {
      if (spec.trigger === 'caseTableStream') {
        const consumer = new CaseStreamConsumer(this, `${name}CaseStream`, {
          fn: functions[name],
          table,
          key,
        });
        observability.watchDeadLetterQueue(`${name}CaseStream`, consumer.deadLetterQueue);
      }
      if (isRecurringTrigger(spec.trigger)) schedules.invoke(name, spec.trigger, functions[name]);
    }
    if (schedules.deadLetterQueue) observability.watchDeadLetterQueue('schedules', schedules.deadLetterQueue);
  }
}
