import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ENV } from '../functions/shared/env.ts';
import type { StageConfig } from './config/stage-config.ts';
import { mailReceivingNames } from './constructs/messaging/mail-names.ts';
import { MailReceiving } from './constructs/messaging/mail-receiving.ts';
import { Observability } from './constructs/observability/observability.ts';
import { fixedFunctionName } from './constructs/shared/function-wiring.ts';
import { NidaaFunction } from './constructs/shared/nidaa-function.ts';
import { stageKey } from './constructs/shared/stage-key.ts';
import { FUNCTIONS } from './function-catalog.ts';

/**
 * Receiving e-mail in regions.mailReceiving (SES receives in a few regions only, not me-central-1): the
 * receipt rule set, the raw-mail bucket and the topic that announces each message, under a key of this
 * region, and the relay that hands each notification to emailInbound in regions.caseData by its fixed name.
 * It references nothing in the other stacks (docs/decisions/0046).
 */
export class MailStack extends Stack {
  readonly receiving: MailReceiving;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const { config } = props;
    const names = mailReceivingNames(config);
    const key = stageKey(
      this,
      'MailKey',
      `Nidaa ${config.stage}: received mail and its notifications`,
      config.protectData,
    );
    key.addAlias(names.keyAlias);
    // SES reaches the bucket, the topic and this key only through the receipt rule's role (MailReceiving).
    this.receiving = new MailReceiving(this, 'MailReceiving', {
      domain: config.email.domain,
      stage: config.stage,
      key,
      bucketName: names.bucketName,
      topicName: names.topicName,
      protectData: config.protectData,
    });
    new CfnOutput(this, 'MailRuleSetName', { value: this.receiving.ruleSetName });

    // SNS cannot deliver to Lambda in an opt-in region (me-central-1) from this one: a relay here hands
    // each notification to emailInbound, which has a fixed name in regions.caseData.
    const observability = new Observability(this, 'Observability', {
      key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      dashboardName: `nidaa-${config.stage}-mail`,
    });
    const emailInbound = this.formatArn({
      service: 'lambda',
      region: config.regions.caseData,
      resource: 'function',
      resourceName: fixedFunctionName(config.stage, 'emailInbound'),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const relay = new NidaaFunction(this, 'mailRelay', {
      spec: FUNCTIONS.mailRelay,
      key,
      logRetentionDays: config.retention.logDays,
      environment: {
        [ENV.emailInboundFunctionArn]: emailInbound,
        [ENV.caseDataRegion]: config.regions.caseData,
      },
      invokedAsync: true,
    });
    relay.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [emailInbound],
      }),
    );
    this.receiving.topic.addSubscription(new subscriptions.LambdaSubscription(relay.fn));
    observability.watchFunction('mailRelay', relay.fn);
    if (relay.deadLetterQueue) observability.watchDeadLetterQueue('mailRelay', relay.deadLetterQueue);
  }
}
