import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsMessenger } from '../../../functions/adapters/messaging/messenger.ts';
import { deliver } from '../../../functions/core/notify/deliver.ts';
import { FixedClock, InMemoryOutboundLedger, InMemorySmsOptOuts } from '../../support/in-memory-stores.ts';

const sns = mockClient(SNSClient);

beforeEach(() => sns.reset());

describe('an SMS reply through SNS', () => {
  it('publishes exactly the documented request: phone, text, sender ID and the Transactional type', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-42' });
    const messenger = new AwsMessenger(
      new SNSClient({}),
      new SESv2Client({}),
      'MuscatMun',
      'nidaa@example.om',
    );
    const outbound = new InMemoryOutboundLedger();
    const text = 'المركبة \u206612345 اب\u2069: لا مخالفات بلدية غير مدفوعة. لا تصاريح بلدية.';

    // Act
    const result = await deliver(
      { messageId: 'reply-sms-in-1', to: { channel: 'sms', to: '+96891234567' }, message: { text } },
      { messenger, outbound, optOuts: new InMemorySmsOptOuts(), clock: new FixedClock() },
    );

    // Assess
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([
      {
        PhoneNumber: '+96891234567',
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MuscatMun' },
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      },
    ]);
    expect(result).toEqual({
      status: 'sent',
      providerMessageId: 'sns-42',
      cost: { encoding: 'UCS-2', segments: 1 },
      since: expect.any(String),
      afterUnknownAttempt: false,
    });
    expect(outbound.entries.get('reply-sms-in-1')?.details).toEqual({ segments: 1, encoding: 'UCS-2' });
  });

  it('publishes nothing to an opted-out number', async () => {
    const optOuts = new InMemorySmsOptOuts();
    await optOuts.set('+96891234567', true, '2026-11-28T07:00:00.000Z');
    const messenger = new AwsMessenger(
      new SNSClient({}),
      new SESv2Client({}),
      'MuscatMun',
      'nidaa@example.om',
    );

    const result = await deliver(
      { messageId: 'reply-sms-in-2', to: { channel: 'sms', to: '+96891234567' }, message: { text: 'x' } },
      { messenger, outbound: new InMemoryOutboundLedger(), optOuts, clock: new FixedClock() },
    );

    expect(result.status).toBe('suppressed');
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
  });
});
