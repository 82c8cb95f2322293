import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert } from '#core/insights/alert.ts';
import { alertNotice } from '#core/insights/notice.ts';

/**
 * New early-warning alerts to the supervisors' SNS topic (the one SLA breaches use): its e-mail
 * subscribers receive each as an e-mail, its chat subscriptions as a message (docs/decisions/0108).
 */
export class SnsAlertNotices {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly panelUrl: string,
  ) {}

  async announce(alert: Alert): Promise<void> {
    const { subject, text } = alertNotice(alert, this.panelUrl);
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: subject,
        Message: text,
        MessageAttributes: {
          alert: { DataType: 'String', StringValue: alert.id },
          kind: { DataType: 'String', StringValue: alert.kind },
          ...(alert.references[0]
            ? { reference: { DataType: 'String', StringValue: alert.references[0] } }
            : {}),
        },
      }),
    );
  }
}
