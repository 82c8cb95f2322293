import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import sesNotification from '../../fixtures/events/ses-receipt.json' with { type: 'json' };

const lambda = mockClient(LambdaClient);
const TARGET = 'arn:aws:lambda:me-central-1:111122223333:function:nidaa-dev-emailInbound';

let handler: (event: unknown) => Promise<void>;
beforeAll(async () => {
  vi.stubEnv('EMAIL_INBOUND_FUNCTION_ARN', TARGET);
  // Its bindings declare where emailInbound lives (lib/function-catalog.ts).
  vi.stubEnv('CASE_DATA_REGION', 'me-central-1');
  ({ handler } = await import('../../../functions/channels/mail-relay.handler.ts'));
});

describe('mail relay', () => {
  it('hands the notification, unchanged, to emailInbound in the case-data region, asynchronously', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const event = {
      Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(sesNotification) } }],
    };
    await handler(event);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: TARGET,
      InvocationType: 'Event',
      Payload: JSON.stringify(event),
    });
    expect(await lambda.call(0).thisValue.config.region()).toBe('me-central-1');
  });

  it('fails when the hand-over fails, so Lambda retries it and then keeps it in the dead-letter queue', async () => {
    lambda.on(InvokeCommand).rejects(new Error('TooManyRequestsException'));
    await expect(handler({ Records: [] })).rejects.toThrow('TooManyRequestsException');
  });
});
