import { Aws, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.ts';
import { mailReceivingNames } from './constructs/messaging/mail-names.ts';
import { MailReceiving } from './constructs/messaging/mail-receiving.ts';

/**
 * Receiving e-mail in regions.mailReceiving (SES receives in a few regions only, not me-central-1): the
 * receipt rule set, the raw-mail bucket and the topic that announces each message, under a key of this
 * region. It references nothing in the other stacks; the core stack subscribes emailInbound to the topic
 * by name (docs/decisions/0046).
 */
export class MailStack extends Stack {
  readonly receiving: MailReceiving;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const { config } = props;
    const names = mailReceivingNames(config);
    const key = new kms.Key(this, 'MailKey', {
      description: `Nidaa ${config.stage}: received mail and its notifications`,
      alias: names.keyAlias,
      enableKeyRotation: true,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // SES publishes the notification to the encrypted topic, which needs a data key from this key.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.receiving = new MailReceiving(this, 'MailReceiving', {
      domain: config.email.domain,
      stage: config.stage,
      key,
      bucketName: names.bucketName,
      topicName: names.topicName,
      protectData: config.protectData,
    });
    new CfnOutput(this, 'MailRuleSetName', { value: this.receiving.ruleSetName });
  }
}
