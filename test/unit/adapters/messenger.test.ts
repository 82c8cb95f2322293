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
          Headers: [{ Name: 'X-Nidaa-Loop', Value: '260000019' }],
        },
      },
      EmailTags: [{ Name: 'reference', Value: '260000019' }],
    });
  });

  it('threads an e-mail: In-Reply-To, References, the plus-address as Reply-To, the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0102019a-ses-2' });
    const threaded = new AwsMessenger(
      new SNSClient({}),
      new SESv2Client({ region: 'me-central-1' }),
      'MuscatMun',
      'nidaa@nidaa.example.om',
      { configurationSet: 'nidaa-dev' },
    );
    const sent = await threaded.send(
      { channel: 'email', to: 'citizen@example.om' },
      { subject: 'بلدية مسقط: تم استلام بلاغكم رقم MCT-260000019', text: 'تم استلام بلاغكم' },
      {
        reference: '260000019',
        replyTo: 'nidaa+MCT-260000019@nidaa.example.om',
        inReplyTo: '<CAF=citizen-1@mail.example.om>',
        references: '<CAF=citizen-1@mail.example.om>',
        automatic: true,
      },
    );
    // SES replaces any Message-ID with its own: the one the citizen sees is made of SES's id and region.
    expect(sent).toEqual({
      messageId: '0102019a-ses-2',
      messageIdHeader: '<0102019a-ses-2@me-central-1.amazonses.com>',
    });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'nidaa@nidaa.example.om',
      Destination: { ToAddresses: ['citizen@example.om'] },
      ReplyToAddresses: ['nidaa+MCT-260000019@nidaa.example.om'],
      Content: {
        Simple: {
          Subject: { Data: 'بلدية مسقط: تم استلام بلاغكم رقم MCT-260000019', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'تم استلام بلاغكم', Charset: 'UTF-8' },
            Html: { Data: expect.stringContaining('<div dir="rtl"'), Charset: 'UTF-8' },
          },
          Headers: [
            { Name: 'In-Reply-To', Value: '<CAF=citizen-1@mail.example.om>' },
            { Name: 'References', Value: '<CAF=citizen-1@mail.example.om>' },
            { Name: 'Auto-Submitted', Value: 'auto-replied' },
            { Name: 'X-Nidaa-Loop', Value: '260000019' },
          ],
        },
      },
      ConfigurationSetName: 'nidaa-dev',
      EmailTags: [{ Name: 'reference', Value: '260000019' }],
    });
  });

  it('sends a fax as an e-mail with the letter attached to the gateway’s e-mail-to-fax address', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-fax-1' });
    const fax = new AwsMessenger(
      new SNSClient({}),
      new SESv2Client({ region: 'me-central-1' }),
      'MuscatMun',
      'nidaa@nidaa.example.om',
      { faxAddress: '{number}@fax.gateway.example.om' },
    );
    const letter = new TextEncoder().encode('%PDF-1.7 letter');
    await fax.send(
      { channel: 'fax', to: '+96824123456' },
      { subject: 'MCT-260000019', text: 'رد' },
      {
        reference: '260000019',
        attachments: [{ fileName: 'MCT-260000019.pdf', contentType: 'application/pdf', bytes: letter }],
      },
    );
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['96824123456@fax.gateway.example.om'] },
      Content: {
        Simple: expect.objectContaining({
          Attachments: [
            {
              FileName: 'MCT-260000019.pdf',
              ContentType: 'application/pdf',
              ContentDisposition: 'ATTACHMENT',
              RawContent: letter,
            },
          ],
        }),
      },
    });
  });

  it('lets a throttling error through so the caller retries', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottledException' }));
    await expect(messenger.send({ channel: 'sms', to: '+96891234567' }, { text: 'x' }, {})).rejects.toThrow(
      'slow down',
    );
  });
});
