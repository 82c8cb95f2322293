import * as z from 'zod/mini';
import { renderLetterPdf } from '#adapters/fax/letter-pdf.ts';
import { displayReference } from '#core/case/reference.ts';
import { faxLetter, letterDate } from '#core/fax/letter.ts';
import { clock } from '#shared/clock.ts';
import { once } from '#shared/container.ts';
import { pdfFonts } from '#shared/pdf-fonts.ts';
import { readRuntimeConfig } from '#shared/runtime-config.ts';
import { taskHandler } from '#shared/task.ts';

const config = once(() => readRuntimeConfig());

const input = z.object({
  reference: z.string().check(z.regex(/^\d{9,12}$/)),
  language: z.enum(['ar', 'en']),
  rendered: z.object({ subject: z.optional(z.string()), text: z.string().check(z.maxLength(10_000)) }),
});

/**
 * Renders a reply as the PDF letter a fax carries (Arabic shaped and ordered). Its own function, so the
 * PDF library and fonts (about 1 MB) load here only, not in every function that may reply by fax
 * (docs/decisions/0018). Answers the PDF in base64: Lambda's responses are JSON.
 */
export const handler = taskHandler(input, async ({ reference, language, rendered }) => {
  const { municipality, referencePrefix, calendar } = config();
  const letter = faxLetter({ reference, language }, rendered, {
    municipality,
    referencePrefix,
    date: letterDate(clock.now(), calendar.utcOffsetMinutes),
  });
  return {
    fileName: `${displayReference(reference, referencePrefix)}.pdf`,
    contentType: 'application/pdf',
    base64: Buffer.from(await renderLetterPdf(letter, pdfFonts())).toString('base64'),
  };
});
