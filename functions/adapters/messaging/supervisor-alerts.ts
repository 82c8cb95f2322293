import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SupervisorAlerts } from '#core/lifecycle/lifecycle.ts';

/** SLA breaches go to the supervisors' SNS topic (e-mail and chat subscriptions), in both languages. */
export class SnsSupervisorAlerts implements SupervisorAlerts {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async slaBreached(alert: {
    reference: string;
    fromTier: number;
    toTier: number;
    dueAt: string;
    departmentCode: string;
  }) {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `SLA breach ${alert.reference} (tier ${alert.fromTier} → ${alert.toTier})`,
        Message: [
          `تجاوز البلاغ ${alert.reference} مهلة الخط ${alert.fromTier} (${alert.dueAt}) ونُقل إلى الخط ${alert.toTier}. الإدارة: ${alert.departmentCode}.`,
          `Case ${alert.reference} passed its tier-${alert.fromTier} deadline (${alert.dueAt}) and moved to tier ${alert.toTier}. Department: ${alert.departmentCode}.`,
        ].join('\n'),
        MessageAttributes: { reference: { DataType: 'String', StringValue: alert.reference } },
      }),
    );
  }
}
