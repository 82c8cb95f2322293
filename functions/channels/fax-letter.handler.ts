import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { LETTER_FONT_DIR, LETTER_FONT_FILES, LETTER_FONT_PACKAGE } from '#adapters/fax/letter-fonts.ts';
import { type LetterFonts, renderLetterPdf } from '#adapters/fax/letter-pdf.ts';
import { displayReference } from '#core/case/reference.ts';
import { faxLetter, letterDate } from '#core/fax/letter.ts';
import { clock } from '#shared/clock.ts';
import { once } from '#shared/container.ts';
import { readRuntimeConfig } from '#shared/runtime-config.ts';
import { taskHandler } from '#shared/task.ts';

/**
 * The letter fonts: next to the bundle in Lambda (`fonts/`, copied by NidaaFunction for this function),
 * else from the package in node_modules (local mode, tests).
 */
const letterFonts = once((): LetterFonts => {
  const bundled = path.join(path.dirname(fileURLToPath(import.meta.url)), LETTER_FONT_DIR);
  const load = (file: string) => {
    try {
      return readFileSync(path.join(bundled, file));
    } catch {
      return readFileSync(createRequire(import.meta.url).resolve(`${LETTER_FONT_PACKAGE}/files/${file}`));
    }
  };
  return { arabic: load(LETTER_FONT_FILES.arabic), latin: load(LETTER_FONT_FILES.latin) };
});

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
    base64: Buffer.from(await renderLetterPdf(letter, letterFonts())).toString('base64'),
  };
});
