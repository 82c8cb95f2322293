import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsMessenger } from '../../../functions/adapters/messaging/messenger.ts';

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
const messenger = new AwsMessenger(new SNSClient({}), new SESv2Client({}), 'MuscatMun', 'nidaa@example.om');

beforeEach(() => {
  sns.reset();
  ses.reset();
});

describe('AwsMessenger', () => {
  it('publishes an SMS as a transactional message with the registered sender ID', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const sent = await messenger.send(
      { channel: 'sms', to: '+96891234567' },
      { text: 'تم استلام بلاغكم' },
      {},
    );
    expect(sent).toEqual({ messageId: 'sns-1' });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+96891234567',
      Message: 'تم استلام بلاغكم',
      MessageAttributes: {
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MuscatMun' },
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('sends e-mail through SES v2 in UTF-8, tagged with the reference', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    await messenger.send(
      { channel: 'email', to: 'a@example.om' },
      { subject: 'بلاغ', text: 'نص' },
      { reference: '260000019' },
    );
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'nidaa@example.om',
      Destination: { ToAddresses: ['a@example.om'] },
      Content: {
        Simple: {
          Subject: { Data: 'بلاغ', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'نص', Charset: 'UTF-8' },
            // Arabic text gets a right-to-left HTML part, so clients that do not detect direction show it right.
            Html: { Data: expect.stringContaining('<div dir="rtl"'), Charset: 'UTF-8' },
          },
        },
      },
      EmailTags: [{ Name: 'reference', Value: '260000019' }],
    });
  });

  it('lets a throttling error through so the caller retries', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottledException' }));
    await expect(messenger.send({ channel: 'sms', to: '+96891234567' }, { text: 'x' }, {})).rejects.toThrow(
      'slow down',
    );
  });
});
