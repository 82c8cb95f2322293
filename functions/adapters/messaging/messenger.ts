import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { caseDataRegion } from '#adapters/region.ts';
import type { Destination } from '#core/notify/choose-channel.ts';
import type { Rendered } from '#core/notify/templates.ts';
import type { Messenger } from '#core/ports.ts';
import { directedHtml } from '#core/text/direction.ts';

/**
 * SMS through SNS (transactional, with the registered sender ID) and e-mail through SES v2. Local mode
 * points both clients at its emulators with AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL_SESV2.
 */
export class AwsMessenger implements Messenger {
  constructor(
    private readonly sns: SNSClient,
    private readonly ses: SESv2Client,
    private readonly senderId: string,
    private readonly fromAddress: string,
  ) {}

  static create(senderId: string, fromAddress: string) {
    // The SMS sender ID and the SES identity are registered in the case data's region.
    const region = caseDataRegion();
    return new AwsMessenger(new SNSClient(region), new SESv2Client(region), senderId, fromAddress);
  }

  async send(
    to: Destination,
    message: Rendered,
    options: { reference?: string },
  ): Promise<{ messageId: string }> {
    if (to.channel === 'sms') {
      const out = await this.sns.send(
        new PublishCommand({
          PhoneNumber: to.to,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId },
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          },
        }),
      );
      return { messageId: out.MessageId ?? '' };
    }
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [to.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
            // The HTML part carries the direction: an Arabic text shown left-to-right reads jumbled.
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: directedHtml(message.text), Charset: 'UTF-8' },
            },
          },
        },
        ...(options.reference ? { EmailTags: [{ Name: 'reference', Value: options.reference }] } : {}),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
