import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STATUS_LIMIT_MESSAGE } from '../../../functions/core/status/limits.ts';

/** The metric refused status lookups count in (docs/decisions/0085). */
export const STATUS_LIMIT_METRIC = 'StatusLimitRefusals';

export type ObservabilityProps = {
  key: kms.IKey;
  alarmEmail?: string;
  supervisorEmail?: string;
  dashboardName: string;
};

/**
 * Alarms and the operations dashboard. Each watched resource adds its own alarms and widgets, so a new
 * function or queue is never forgotten: the stacks call `watch*` for everything they create.
 */
export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  /** Business alerts for supervisors (SLA breaches), apart from the cloud team's alarms. */
  readonly supervisorTopic: sns.Topic;
  private readonly dashboard: cloudwatch.Dashboard;
  private readonly action: actions.SnsAction;
  /** Custom metrics of this stage (log metric filters). */
  private readonly namespace: string;
  private statusLimitAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'Alarms', { masterKey: props.key, enforceSSL: true });
    if (props.alarmEmail)
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.supervisorTopic = new sns.Topic(this, 'SupervisorAlerts', {
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.supervisorEmail) {
      this.supervisorTopic.addSubscription(new subscriptions.EmailSubscription(props.supervisorEmail));
    }
    this.action = new actions.SnsAction(this.alarmTopic);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.namespace = `Nidaa/${props.dashboardName}`;
  }

  private alarm(id: string, metric: cloudwatch.IMetric, description: string, threshold = 1) {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  watchFunction(name: string, fn: lambda.IFunction) {
    const period = Duration.minutes(5);
    this.alarm(`${name}Errors`, fn.metricErrors({ period }), `${name}: invocation errors`);
    this.alarm(`${name}Throttles`, fn.metricThrottles({ period }), `${name}: throttled invocations`);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name}: invocations, errors, p99 duration`,
        left: [fn.metricInvocations({ period }), fn.metricErrors({ period })],
        right: [fn.metricDuration({ period, statistic: 'p99' })],
        width: 8,
      }),
    );
  }

  watchDeadLetterQueue(name: string, queue: sqs.IQueue) {
    const depth = queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) });
    this.alarm(`${name}DeadLetters`, depth, `${name}: messages in the dead-letter queue need a look`);
    this.dashboard.addWidgets(
      new cloudwatch.SingleValueWidget({ title: `${name} dead letters`, metrics: [depth], width: 4 }),
    );
  }

  /**
   * Status lookups and access-code attempts refused by the limits of docs/decisions/0085: each function
   * that answers status turns its `status limit reached` log lines into one shared metric, and one alarm
   * tells the cloud team that someone is walking references (a citizen never reaches the limit twice).
   */
  watchStatusLimits(name: string, logGroup: logs.ILogGroup) {
    new logs.MetricFilter(this, `${name}StatusLimits`, {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', STATUS_LIMIT_MESSAGE),
      metricNamespace: this.namespace,
      metricName: STATUS_LIMIT_METRIC,
      metricValue: '1',
      unit: cloudwatch.Unit.COUNT,
    });
    if (this.statusLimitAlarm) return;
    const refusals = new cloudwatch.Metric({
      namespace: this.namespace,
      metricName: STATUS_LIMIT_METRIC,
      statistic: 'Sum',
      period: Duration.minutes(15),
    });
    this.statusLimitAlarm = this.alarm(
      'StatusLimitRefusals',
      refusals,
      'Status lookups or access codes refused by the per-sender and per-address limits: someone may be walking references (docs/decisions/0085)',
      5,
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Status lookups refused (walking references?)',
        left: [refusals],
        width: 8,
      }),
    );
  }

  /**
   * A Firehose delivery stream of the analytics store: records it could not convert to Parquet (they go
   * under errors/ and are missing from every figure), and records waiting over half an hour (S3, KMS or
   * Glue refusing: Firehose retries, then gives up after 24 hours).
   */
  watchDeliveryStream(name: string, deliveryStreamName: string) {
    const period = Duration.minutes(5);
    const metric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName,
        dimensionsMap: { DeliveryStreamName: deliveryStreamName },
        statistic,
        period,
      });
    const failed = metric('FailedConversion.Records', 'Sum');
    const freshness = metric('DeliveryToS3.DataFreshness', 'Maximum');
    this.alarm(
      `${name}FailedConversion`,
      failed,
      `${name}: records Firehose could not convert to Parquet (see errors/)`,
    );
    this.alarm(
      `${name}Stale`,
      freshness,
      `${name}: records waiting over 30 minutes for delivery to the lake`,
      1800,
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name}: records converted, failed; age of the oldest`,
        left: [metric('SucceedConversion.Records', 'Sum'), failed],
        right: [freshness],
        width: 8,
      }),
    );
  }

  watchStateMachine(name: string, machine: sfn.IStateMachine) {
    const period = Duration.minutes(5);
    this.alarm(`${name}Failed`, machine.metricFailed({ period }), `${name}: failed executions`);
    this.alarm(`${name}TimedOut`, machine.metricTimedOut({ period }), `${name}: timed-out executions`);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name}: started, succeeded, failed`,
        left: [
          machine.metricStarted({ period }),
          machine.metricSucceeded({ period }),
          machine.metricFailed({ period }),
        ],
        width: 8,
      }),
    );
  }
}
