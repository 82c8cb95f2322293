import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOOP_HEADER, sesMessageIdHeader } from '#core/channels/email-thread.ts';
import { faxGatewayAddress } from '#core/fax/gateway.ts';
import type { Destination } from '#core/notify/choose-channel.ts';
import type { Rendered } from '#core/notify/templates.ts';
import type { Messenger, SendOptions } from '#core/ports.ts';
import { directedHtml } from '#core/text/direction.ts';
import { caseDataRegion } from '../resource-regions.ts';

export type EmailOptions = {
  /** The configuration set whose delivery, bounce and complaint events reach emailEvents. */
  configurationSet?: string;
  /** The fax gateway's e-mail-to-fax address, `{number}` standing for the fax number's digits. */
  faxAddress?: string;
};

/**
 * SMS through SNS (transactional, with the registered sender ID) and e-mail through SES v2: threaded
 * (In-Reply-To, References), with the case's plus-address as Reply-To, our loop header, and the
 * configuration set. A fax is an e-mail with the letter attached to the gateway's e-mail-to-fax address.
 * Local mode points both clients at its emulators with AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL_SESV2.
 */
export class AwsMessenger implements Messenger {
  constructor(
    private readonly sns: SNSClient,
    private readonly ses: SESv2Client,
    private readonly senderId: string,
    private readonly fromAddress: string,
    private readonly email: EmailOptions = {},
  ) {}

  static create(senderId: string, fromAddress: string, email: EmailOptions = {}) {
    return new AwsMessenger(
      new SNSClient(caseDataRegion()),
      new SESv2Client(caseDataRegion()),
      senderId,
      fromAddress,
      email,
    );
  }

  async send(
    to: Destination,
    message: Rendered,
    options: SendOptions,
  ): Promise<{ messageId: string; messageIdHeader?: string }> {
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
    if (to.channel === 'fax' && !this.email.faxAddress) throw new Error('No fax gateway address configured');
    const address = to.channel === 'fax' ? faxGatewayAddress(this.email.faxAddress ?? '', to.to) : to.to;
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [address] },
        ...(options.replyTo ? { ReplyToAddresses: [options.replyTo] } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
            // The HTML part carries the direction: an Arabic text shown left-to-right reads jumbled.
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: directedHtml(message.text), Charset: 'UTF-8' },
            },
            Headers: headersOf(options),
            ...(options.attachments?.length
              ? {
                  Attachments: options.attachments.map((a) => ({
                    FileName: a.fileName,
                    ContentType: a.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    RawContent: a.bytes,
                  })),
                }
              : {}),
          },
        },
        ...(this.email.configurationSet ? { ConfigurationSetName: this.email.configurationSet } : {}),
        ...(options.reference ? { EmailTags: [{ Name: 'reference', Value: options.reference }] } : {}),
      }),
    );
    const messageId = out.MessageId ?? '';
    // SES replaces any Message-ID we set with its own, made of its message id and the sending region.
    const region = await this.ses.config.region();
    return { messageId, ...(messageId ? { messageIdHeader: sesMessageIdHeader(messageId, region) } : {}) };
  }
}

/** Threading headers, our loop marker on every message, and RFC 3834's mark on machine-written mail. */
function headersOf(options: SendOptions) {
  return [
    ...(options.inReplyTo ? [{ Name: 'In-Reply-To', Value: options.inReplyTo }] : []),
    ...(options.references ? [{ Name: 'References', Value: options.references }] : []),
    ...(options.automatic ? [{ Name: 'Auto-Submitted', Value: 'auto-replied' }] : []),
    { Name: LOOP_HEADER, Value: options.reference ?? 'nidaa' },
  ];
}
