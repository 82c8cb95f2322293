import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CASE_ITEM_PREFIX, scheduledEvent, type Trigger } from '../../function-catalog.ts';
import { deadLetterQueue } from '../shared/dead-letter-queue.ts';
import { keyUseThrough } from '../shared/key-use.ts';

/**
 * How a case-table stream consumer reads (docs/decisions/0107). Records older than an hour go to the
 * dead-letter queue as their shard and sequence numbers, leaving most of the stream's 24 hours to replay
 * them; a failing record is isolated by bisecting and by the batch item failures the handler reports.
 */
const CASE_STREAM_READING = {
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 10,
  maxRecordAge: Duration.hours(1),
} as const;

export type CaseStreamConsumerProps = {
  fn: lambda.IFunction;
  table: dynamodb.ITableV2;
  /** Encrypts the dead-letter queue; the table's own key decrypts the stream. */
  key: kms.IKey;
};

/**
 * Delivers every change to a case (items under `CASE#`: the case, its timeline events, its mail thread)
 * to one function, from the table's NEW_AND_OLD_IMAGES stream. Counters, rate windows and other
 * bookkeeping items are filtered out by Lambda, so a consumer that writes counters does not trigger itself.
 * Each consumer has its own position in the stream and its own dead-letter queue (the caller alarms on it).
 */
export class CaseStreamConsumer extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly mapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: CaseStreamConsumerProps) {
    super(scope, id);
    const { fn, table, key } = props;
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error(`${id}: the case table has no stream to consume`);
    this.deadLetterQueue = deadLetterQueue(this, key, `the case-table stream consumer ${id}`);
    const queue = this.deadLetterQueue;
    this.mapping = new lambda.EventSourceMapping(this, 'Mapping', {
      target: fn,
      eventSourceArn: streamArn,
      // From the oldest record the stream keeps: a first deploy or a paused consumer loses nothing.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      ...CASE_STREAM_READING,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      // One batch per shard at a time: a case's changes arrive in order.
      parallelizationFactor: 1,
      onFailure: { bind: () => ({ destination: queue.queueArn }) },
      filters: [
        lambda.FilterCriteria.filter({
          dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(CASE_ITEM_PREFIX) } } },
        }),
      ],
    });
    // Written on the role, not through table.grantStreamRead (which edits the key's policy in the data
    // stack and adds ReEncrypt*): what Lambda's poller calls, as the function's role.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    if (table.encryptionKey) {
      fn.addToRolePolicy(keyUseThrough(this, 'dynamodb', table.encryptionKey.keyArn, ['kms:Decrypt']));
    }
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    fn.addToRolePolicy(keyUseThrough(this, 'sqs', key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']));
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'dynamodb:ListStreams, which Lambda’s stream poller calls, has no resource-level permission: it lists stream ARNs and reads no item. (Active tracing’s X-Ray actions have none either.)',
      });
    }
  }
}

/** The recurring triggers of the catalogue: when they fire, in Asia/Muscat, and how stale a retry may be. */
export const RECURRING_SCHEDULES = {
  hourlySchedule: {
    expression: 'cron(5 * * * ? *)',
    what: 'every hour, at minute 5 (the past hour’s records have been delivered)',
    maxEventAge: Duration.hours(1),
  },
  monthlySchedule: {
    expression: 'cron(0 6 1 * ? *)',
    what: 'on the 1st of each month at 06:00',
    maxEventAge: Duration.hours(24),
  },
} as const satisfies Partial<Record<Trigger, { expression: string; what: string; maxEventAge: Duration }>>;

type RecurringTrigger = keyof typeof RECURRING_SCHEDULES;

const SCHEDULE_TIME_ZONE = 'Asia/Muscat';

export const isRecurringTrigger = (trigger: Trigger): trigger is RecurringTrigger =>
  Object.hasOwn(RECURRING_SCHEDULES, trigger);

export type RecurringSchedulesProps = { stage: string; key: kms.IKey };

/**
 * EventBridge Scheduler schedules for the catalogue's recurring triggers, in Asia/Muscat time (no daylight
 * saving there, so the hour never moves). One role invokes the scheduled functions only; an invocation
 * Scheduler could not make after its retries goes to one encrypted dead-letter queue, created with the
 * first schedule (the caller alarms on it).
 */
export class RecurringSchedules extends Construct {
  readonly role: iam.Role;
  private queue?: sqs.Queue;
  private readonly key: kms.IKey;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: RecurringSchedulesProps) {
    super(scope, id);
    this.key = props.key;
    this.stage = props.stage;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets the recurring Nidaa schedules invoke their functions',
    });
  }

  /** The schedules' dead-letter queue (one for all), once a schedule exists. */
  get deadLetterQueue(): sqs.Queue | undefined {
    return this.queue;
  }

  /** Invokes `fn` on `trigger`'s schedule; the schedule is named `nidaa-<stage>-<name>`. */
  invoke(name: string, trigger: RecurringTrigger, fn: lambda.IFunction) {
    const queue = this.deadLetters();
    const spec = RECURRING_SCHEDULES[trigger];
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
    const schedule = new scheduler.CfnSchedule(this, name, {
      name: `nidaa-${this.stage}-${name}`,
      description: `${name}: ${spec.what}, ${SCHEDULE_TIME_ZONE}`,
      scheduleExpression: spec.expression,
      scheduleExpressionTimezone: SCHEDULE_TIME_ZONE,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: fn.functionArn,
        roleArn: this.role.roleArn,
        input: JSON.stringify(scheduledEvent(trigger, '<aws.scheduler.scheduled-time>')),
        retryPolicy: {
          maximumRetryAttempts: 3,
          maximumEventAgeInSeconds: spec.maxEventAge.toSeconds(),
        },
        deadLetterConfig: { arn: queue.queueArn },
      },
    });
    // Scheduler checks that it may assume the role when the schedule is created.
    schedule.node.addDependency(this.role);
    return schedule;
  }

  private deadLetters() {
    if (!this.queue) {
      this.queue = deadLetterQueue(this, this.key, 'the recurring schedules');
      // Scheduler writes undelivered invocations to the queue as the schedule's role.
      this.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
      );
      this.role.addToPolicy(
        keyUseThrough(this, 'sqs', this.key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']),
      );
    }
    return this.queue;
  }
}
