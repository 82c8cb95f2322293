import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../functions/shared/env.ts';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';

// The mail relay as a catalogue entry that forgot its binding: it still reads EMAIL_INBOUND_FUNCTION_ARN.
vi.mock('../../lib/function-catalog.ts', async (importOriginal) => {
  const catalog = await importOriginal<typeof import('../../lib/function-catalog.ts')>();
  const { relaysMail: _, ...unbound } = catalog.FUNCTIONS.mailRelay;
  return { ...catalog, FUNCTIONS: { ...catalog.FUNCTIONS, mailRelay: unbound } };
});

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(async () => {
  await stack.stop();
  vi.unstubAllEnvs();
});

describe('a handler in local mode', () => {
  it('sees only the environment its bindings declare, whatever this machine has set', async () => {
    vi.stubEnv(ENV.emailInboundFunctionArn, 'arn:aws:lambda:me-central-1:000000000000:function:set-by-hand');
    const notification = { Records: [{ EventSource: 'aws:sns', Sns: { Message: '{}' } }] };
    await expect(invokeLocal('mailRelay', notification)).rejects.toThrow(
      `${ENV.emailInboundFunctionArn} is not set`,
    );
  });

  it('needs no variable for the stage config, which travels as the bundle does', async () => {
    const fetched = (await invokeLocal('faxLetter', {
      reference: '260000001',
      language: 'ar',
      rendered: { subject: 'بلاغ', text: 'تم حل البلاغ' },
    })) as { contentType?: string };
    expect(fetched.contentType).toBe('application/pdf');
  });
});
