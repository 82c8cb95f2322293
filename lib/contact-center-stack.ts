import { Annotations, CfnOutput, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { CONTACT_FLOWS, type ContactFlowSpec } from '../contact-flows/catalog.ts';
import { stageFlowCustomization } from '../contact-flows/customize.ts';
import { DEPARTMENTS } from '../functions/core/catalogue/seed.ts';
import type { Department } from '../functions/core/catalogue/types.ts';
import { ENV } from '../functions/shared/env.ts';
import { panelUrlOf, type StageConfig } from './config/stage-config.ts';
import { BusinessHours } from './constructs/contact-center/business-hours.ts';
import { ConnectFunctions } from './constructs/contact-center/connect-functions.ts';
import { ConnectInstance } from './constructs/contact-center/connect-instance.ts';
import { ContactEventForwarding } from './constructs/contact-center/contact-event-forwarding.ts';
import { ContactFlows } from './constructs/contact-center/contact-flows.ts';
import { ContactRecords } from './constructs/contact-center/contact-records.ts';
import { HotlineNumber } from './constructs/contact-center/hotline-number.ts';
import { TierRouting } from './constructs/contact-center/tier-routing.ts';
import { Observability } from './constructs/observability/observability.ts';
import type { HmacSecret } from './constructs/shared/hmac-secret.ts';
import { stageKey } from './constructs/shared/stage-key.ts';
import { AgentWorkspaceApp } from './constructs/web/panel-site.ts';
import { stateMachineArns } from './constructs/workflow/state-machine-names.ts';
import { CONNECT_TASK_EVENTS } from './core-stack.ts';
import { FUNCTIONS, type FunctionSpec } from './function-catalog.ts';

/** The catalogue entry of the flow StartTaskContact runs for tier tasks. */
export const TIER_TASK_FLOW = 'tier-task';

export type ContactCenterStackProps = StackProps & {
  config: StageConfig;
  /** The case table, in regions.caseData. */
  table: dynamodb.ITableV2;
  /** Catalogues to deploy; tests pass fixtures. */
  flows?: Readonly<Record<string, ContactFlowSpec>>;
  functions?: Readonly<Record<string, FunctionSpec>>;
  departments?: readonly Department[];
  /**
   * The analytics store's citizen key, from the data stack in regions.caseData (docs/decisions/0106): for a
   * function built next to Connect that hashes citizens (none today; the analytics tests build one).
   */
  citizenKey?: HmacSecret;
};

/**
 * What the core stack needs of the contact center: the instance, the tier queues and the tier-task flow.
 * The values are the contact-center stack's; the core stack reads them across regions (docs/decisions/0031).
 */
export class ContactCenterLink {
  constructor(
    /** regions.contactCenter. */
    readonly region: string,
    readonly instanceArn: string,
    readonly instanceId: string,
    /** Queue ARNs by Nidaa queue name (t1, t2, t3#<department>, and callback for answers by phone). */
    readonly queueArns: Readonly<Record<string, string>>,
    readonly taskFlow: { id: string; arn: string } | undefined,
  ) {}

  /**
   * Tells a function which instance is Nidaa's (CONNECT_INSTANCE_ID) and lets it find Nidaa's queues there
   * by their tag (connect:SearchQueues, functions/adapters/connect/connect-queues.ts): one ARN per
   * department would not fit Lambda's 4 KB of environment (docs/decisions/0066).
   */
  describeTo(fn: lambda.Function) {
    fn.addEnvironment(ENV.connectInstanceId, this.instanceId);
    this.grantQueueSearch(fn);
  }

  private grantQueueSearch(fn: lambda.Function) {
    // SearchQueues is authorized on the instance (its resource type), not on each queue.
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['connect:SearchQueues'], resources: [this.instanceArn] }),
    );
  }

  /**
   * Lets a function open tier tasks (functions/shared/contact-center.ts): the settings, and
   * connect:StartTaskContact on the instance and the tier-task flow only. Without a tier-task flow the
   * function gets neither, and cases wait in Nidaa's own queues.
   */
  grantOpenTasks(fn: lambda.Function) {
    // The panel's address (ENV.panelUrl) comes with the function's declared environment (function-wiring).
    fn.addEnvironment(ENV.connectInstanceId, this.instanceId);
    if (!this.taskFlow) return;
    this.grantQueueSearch(fn);
    fn.addEnvironment(ENV.connectTaskFlowId, this.taskFlow.id);
    // Connect authorizes a new contact on the contact it creates, whose id does not exist before the call.
    // An imported instance's ARN is known; a created one's is not at synth time, and then the tier-task
    // flow's ARN, which names the instance, is what keeps the grant to Nidaa's instance.
    const stack = Stack.of(fn);
    const newContacts = Token.isUnresolved(this.instanceArn)
      ? stack.formatArn({
          service: 'connect',
          region: this.region,
          resource: 'instance',
          resourceName: '*/contact/*',
        })
      : `${this.instanceArn}/contact/*`;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['connect:StartTaskContact'],
        resources: [this.instanceArn, newContacts, this.taskFlow.arn],
      }),
    );
    const nagName = Token.isUnresolved(this.instanceArn)
      ? `arn:<AWS::Partition>:connect:${this.region}:<AWS::AccountId>:instance/*/contact/*`
      : newContacts;
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagName}]`,
        reason:
          'StartTaskContact is authorized on the contact it creates, whose id is chosen by Connect during the call; the statement also requires the tier-task flow, which belongs to Nidaa’s instance.',
      });
    }
  }
}

/**
 * The hotline on Amazon Connect, in regions.contactCenter (Connect has no Middle East region): the
 * instance, hours, tier queues and routing, the flows of contact-flows/catalog.ts, the functions they
 * invoke, contact records and chat transcripts, and the forwarding of task events to regions.caseData.
 */
export class ContactCenterStack extends Stack {
  readonly link: ContactCenterLink;
  readonly instance: ConnectInstance;
  readonly records: ContactRecords;
  readonly routing: TierRouting;
  readonly flows: ContactFlows;
  readonly connectFunctions: ConnectFunctions;

  constructor(scope: Construct, id: string, props: ContactCenterStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const key = stageKey(
      this,
      'ContactCenterKey',
      `Nidaa ${config.stage}: contact center logs, records, transcripts`,
      config.protectData,
    );
    const observability = new Observability(this, 'Observability', {
      key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      ...(config.supervisorEmail ? { supervisorEmail: config.supervisorEmail } : {}),
      dashboardName: `nidaa-${config.stage}-contact-center`,
    });

    // Contact Lens where asked for and offered; asked for but not offered: off, and the synth says why.
    const { customization, contactLens } = stageFlowCustomization(
      config.contactCenter,
      config.regions.contactCenter,
    );
    if (config.contactCenter.contactLens && !contactLens.enabled) {
      Annotations.of(this).addWarningV2(
        'nidaa:contactLensUnsupported',
        `Contact Lens is off: ${contactLens.reason}`,
      );
    }
    this.instance = new ConnectInstance(this, 'Instance', { config, contactLens: contactLens.enabled });
    const { instanceArn } = this.instance;
    const hours = new BusinessHours(this, 'BusinessHours', { instanceArn, config });
    this.routing = new TierRouting(this, 'Routing', {
      instanceArn,
      hoursArn: hours.hoursArn,
      config,
      departments: props.departments ?? DEPARTMENTS,
    });
    this.connectFunctions = new ConnectFunctions(this, 'Functions', {
      instanceArn,
      functions: props.functions ?? FUNCTIONS,
      wiring: {
        config,
        key,
        table,
        machineArns: stateMachineArns(this, config.stage, config.regions.caseData),
        observability,
        ...(props.citizenKey ? { citizenKey: props.citizenKey } : {}),
      },
    });
    const flows = props.flows ?? CONTACT_FLOWS;
    const taskFlowType = flows[TIER_TASK_FLOW]?.type;
    if (taskFlowType && taskFlowType !== 'CONTACT_FLOW') {
      throw new Error(
        `Contact flow "${TIER_TASK_FLOW}" is of type ${taskFlowType}; StartTaskContact runs only CONTACT_FLOW flows.`,
      );
    }
    this.flows = new ContactFlows(this, 'Flows', {
      instanceArn,
      flows,
      targets: {
        queue: this.routing.queueArns,
        lambda: this.connectFunctions.functionArns,
        hours: { main: hours.hoursArn },
      },
      dependsOn: [this.routing, this.connectFunctions],
      customization,
    });

    this.records = new ContactRecords(this, 'Records', {
      instanceArn,
      key,
      days: config.contactCenter.recordsDays,
      protectData: config.protectData,
      callRecordings: contactLens.enabled,
    });
    for (const [name, fn] of Object.entries(this.connectFunctions.functions)) {
      const spec = (props.functions ?? (FUNCTIONS as Readonly<Record<string, FunctionSpec>>))[name];
      if (spec?.trigger === 'chatTranscriptStored') this.records.sendTranscriptsTo(fn);
      if (spec?.trigger === 'contactRecordStored') this.records.sendContactRecordsTo(fn);
      if (spec?.trigger === 'contactAnalysisStored') this.records.sendContactAnalysesTo(fn);
    }
    if (config.contactCenter.phoneNumber) {
      const number = new HotlineNumber(this, 'Hotline', {
        instanceArn,
        phoneNumber: config.contactCenter.phoneNumber,
      });
      new CfnOutput(this, 'HotlineNumberArn', { value: number.phoneNumberArn });
    }
    if (config.regions.contactCenter !== config.regions.caseData) {
      const forwarding = new ContactEventForwarding(this, 'TaskEvents', {
        pattern: CONNECT_TASK_EVENTS,
        toRegion: config.regions.caseData,
        key,
      });
      observability.watchDeadLetterQueue('contactEventForwarding', forwarding.deadLetterQueue);
    }

    const taskFlowArn = this.flows.flowArns[TIER_TASK_FLOW];
    this.link = new ContactCenterLink(
      config.regions.contactCenter,
      instanceArn,
      this.instance.instanceId,
      this.routing.queueArns,
      taskFlowArn ? { arn: taskFlowArn, id: this.flows.flowId(TIER_TASK_FLOW) as string } : undefined,
    );
    // The case panel as a third-party app of the agent workspace, once its address is known (AppIntegrations
    // is regional and lives with Connect). Associating it with the instance is a console/CLI step (README).
    const panelUrl = panelUrlOf(config);
    if (panelUrl) {
      new AgentWorkspaceApp(this, 'CasePanelApp', {
        name: `Nidaa case panel - ${config.stage}`,
        namespace: `nidaa-${config.stage}-panel`,
        url: panelUrl,
        approvedOrigins: [new URL(panelUrl).origin],
      });
    }
    new CfnOutput(this, 'InstanceArn', { value: instanceArn });
    new CfnOutput(this, 'ContactRecordsBucket', { value: this.records.contactRecordsBucket.bucketName });
    new CfnOutput(this, 'ChatTranscriptsBucket', { value: this.records.chatTranscriptsBucket.bucketName });
    if (this.records.callRecordingsBucket) {
      new CfnOutput(this, 'CallRecordingsBucket', { value: this.records.callRecordingsBucket.bucketName });
    }
  }
}
