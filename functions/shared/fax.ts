import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import type { Case } from '#core/case/case.ts';
import { TransientError, ValidationError } from '#core/errors.ts';
import type { Rendered } from '#core/notify/templates.ts';
import type { OutgoingAttachment } from '#core/ports.ts';
import { once } from './container.ts';
import { ENV, readEnv } from './env.ts';

const lambda = once(() => new LambdaClient(caseDataRegion()));

type LetterResponse = { fileName: string; contentType: string; base64: string };

/**
 * A case's reply as the PDF letter a fax carries, rendered by the faxLetter function
 * (FAX_LETTER_FUNCTION, docs/decisions/0018): only a fax reply pays for the PDF library, elsewhere.
 */
export async function faxLetterAttachment(c: Case, rendered: Rendered): Promise<OutgoingAttachment> {
  const functionName = readEnv(ENV.faxLetterFunction);
  if (!functionName) throw new Error('FAX_LETTER_FUNCTION is not set: this function cannot reply by fax');
  const out = await lambda().send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: JSON.stringify({ reference: c.reference, language: c.language, rendered }),
    }),
  );
  const body = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) {
    const problem = { ar: 'تعذر إعداد رسالة الفاكس.', en: `The fax letter failed: ${body}` };
    // A letter the renderer refuses will be refused again: only other failures are worth a retry.
    if (body.includes('"errorType":"ValidationError"')) throw new ValidationError(problem);
    throw new TransientError(problem);
  }
  const letter = JSON.parse(body) as LetterResponse;
  return {
    fileName: letter.fileName,
    contentType: letter.contentType,
    bytes: Buffer.from(letter.base64, 'base64'),
  };
}
