import type { SESEvent, SNSEvent } from 'aws-lambda';

/** One SNS record as Lambda receives it, around `message` (a JSON string) from `topicArn`. */
export function snsEvent(topicArn: string, message: unknown, at: Date, subject = ''): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:local`,
        Sns: {
          Type: 'Notification',
          MessageId: crypto.randomUUID(),
          TopicArn: topicArn,
          Subject: subject,
          Message: JSON.stringify(message),
          Timestamp: at.toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://local.invalid/cert.pem',
          UnsubscribeUrl: 'https://local.invalid/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * What the deployed receipt rule delivers when SES receives in regions.mailReceiving: the S3 action's
 * notification on the mail stack's topic, carrying the same `mail` and `receipt` as the Lambda action's
 * record, with the action naming the stored object (docs/decisions/0046).
 */
export function receivedMailNotification(
  receipt: SESEvent,
  storage: { bucket: string; prefix: string },
  at: Date,
): SNSEvent {
  const ses = receipt.Records[0]?.ses;
  if (!ses) throw new Error('receipt event without a record');
  const topicArn = 'arn:aws:sns:eu-west-1:000000000000:nidaa-local-mail-received';
  return snsEvent(
    topicArn,
    {
      notificationType: 'Received',
      mail: ses.mail,
      receipt: {
        ...ses.receipt,
        action: {
          type: 'S3',
          topicArn,
          bucketName: storage.bucket,
          objectKeyPrefix: storage.prefix,
          objectKey: `${storage.prefix}${ses.mail.messageId}`,
        },
      },
    },
    at,
    'Amazon SES Email Receipt Notification',
  );
}

export type SendingEventInput = {
  messageId: string;
  eventType: 'Delivery' | 'Bounce' | 'Complaint';
  recipient: string;
  /** Bounce only: Permanent (the default) or Transient. */
  bounceType?: 'Permanent' | 'Transient';
};

/** An SES sending event of the configuration set, shaped as AWS documents it, on the events topic. */
export function sendingEvent(input: SendingEventInput, from: string, at: Date): SNSEvent {
  const timestamp = at.toISOString();
  const mail = {
    timestamp,
    source: from,
    sourceArn: `arn:aws:ses:me-central-1:000000000000:identity/${from.split('@')[1]}`,
    sendingAccountId: '000000000000',
    messageId: input.messageId,
    destination: [input.recipient],
    headersTruncated: false,
    headers: [],
    commonHeaders: { from: [from], to: [input.recipient] },
    tags: { 'ses:configuration-set': ['nidaa-dev'] },
  };
  const details = {
    Delivery: {
      delivery: {
        timestamp,
        processingTimeMillis: 500,
        recipients: [input.recipient],
        smtpResponse: '250 2.6.0 Message received',
        reportingMTA: 'local.smtp-out.amazonses.com',
      },
    },
    Bounce: {
      bounce: {
        bounceType: input.bounceType ?? 'Permanent',
        bounceSubType: input.bounceType === 'Transient' ? 'MailboxFull' : 'General',
        bouncedRecipients: [
          {
            emailAddress: input.recipient,
            action: 'failed',
            status: input.bounceType === 'Transient' ? '4.2.2' : '5.1.1',
            diagnosticCode:
              input.bounceType === 'Transient'
                ? 'smtp; 452 4.2.2 mailbox full'
                : 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp,
        feedbackId: `local-${crypto.randomUUID()}`,
        reportingMTA: 'dsn; local.example.om',
      },
    },
    Complaint: {
      complaint: {
        complainedRecipients: [{ emailAddress: input.recipient }],
        timestamp,
        feedbackId: `local-${crypto.randomUUID()}`,
        userAgent: 'local',
        complaintFeedbackType: 'abuse',
        arrivalDate: timestamp,
      },
    },
  };
  return snsEvent(
    'arn:aws:sns:me-central-1:000000000000:nidaa-local-sending-events',
    { eventType: input.eventType, mail, ...details[input.eventType] },
    at,
  );
}
