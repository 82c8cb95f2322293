import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from '../shared/dead-letter-queue.ts';

export type ContactEventForwardingProps = {
  /** The events to forward (CONNECT_TASK_EVENTS, the core stack's own rule pattern). */
  pattern: events.EventPattern;
  /** regions.caseData, whose default bus the core stack's rule listens on. */
  toRegion: string;
  key: kms.IKey;
};

/**
 * Connect publishes contact events only to its own region's default bus: this rule sends the task events
 * Nidaa acts on to the default bus of regions.caseData, where they arrive unchanged and the core stack's
 * rule with the same pattern hands them to contactEvents (docs/decisions/0014). Undeliverable events go to
 * an encrypted dead-letter queue after EventBridge's retries.
 */
export class ContactEventForwarding extends Construct {
  readonly rule: events.Rule;
  readonly deadLetterQueue: sqs.Queue;
  readonly targetBusArn: string;

  constructor(scope: Construct, id: string, props: ContactEventForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.targetBusArn = stack.formatArn({
      service: 'events',
      region: props.toRegion,
      resource: 'event-bus',
      resourceName: 'default',
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Lets EventBridge forward Connect task events to the case-data region',
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.targetBusArn] }),
    );

    this.deadLetterQueue = deadLetterQueue(this, props.key, 'the forwarding rule');
    // EventBridge writes to the dead-letter queue with the queue's KMS key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    this.rule = new events.Rule(this, 'Rule', {
      description: 'Forwards Amazon Connect task contact events to the case-data region (Nidaa)',
      eventPattern: props.pattern,
      targets: [
        new targets.EventBus(events.EventBus.fromEventBusArn(this, 'CaseDataBus', this.targetBusArn), {
          role,
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
