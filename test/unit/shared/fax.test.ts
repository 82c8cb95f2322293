import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransientError } from '#core/errors.ts';
import { faxLetterAttachment } from '#shared/fax.ts';
import { aCase } from '../../support/builders.ts';

const lambda = mockClient(LambdaClient);
const CASE = aCase({ reference: '260001234', language: 'ar' });
const RENDERED = { subject: 'بخصوص بلاغكم', text: 'تم ردم الحفرة.' };
/** The response bytes (the SDK wraps them in a blob adapter, a Uint8Array with helpers). */
const encode = (value: unknown) =>
  new TextEncoder().encode(JSON.stringify(value)) as unknown as InvokeCommandOutput['Payload'];

beforeEach(() => {
  lambda.reset();
  vi.stubEnv('FAX_LETTER_FUNCTION', 'nidaa-dev-faxLetter');
});
afterEach(() => vi.unstubAllEnvs());

describe('faxLetterAttachment', () => {
  it('asks the faxLetter function for the PDF and returns it as the attachment', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: encode({
        fileName: 'MCT-260001234.pdf',
        contentType: 'application/pdf',
        base64: Buffer.from('%PDF-1.7 letter').toString('base64'),
      }),
    });
    const attachment = await faxLetterAttachment(CASE, RENDERED);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'nidaa-dev-faxLetter',
      InvocationType: 'RequestResponse',
      Payload: JSON.stringify({ reference: '260001234', language: 'ar', rendered: RENDERED }),
    });
    expect(attachment.fileName).toBe('MCT-260001234.pdf');
    expect(attachment.contentType).toBe('application/pdf');
    expect(Buffer.from(attachment.bytes).toString()).toBe('%PDF-1.7 letter');
  });

  it('turns a failed rendering into a TransientError, so the send is retried', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'Error', errorMessage: 'font missing' }),
    });
    await expect(faxLetterAttachment(CASE, RENDERED)).rejects.toThrow(TransientError);
  });

  it('does not retry a letter the renderer refused as invalid', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'ValidationError', errorMessage: 'reference: invalid' }),
    });
    await expect(faxLetterAttachment(CASE, RENDERED)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('refuses plainly where no faxLetter function is configured', async () => {
    vi.stubEnv('FAX_LETTER_FUNCTION', '');
    await expect(faxLetterAttachment(CASE, RENDERED)).rejects.toThrow(/FAX_LETTER_FUNCTION/);
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
  });
});
