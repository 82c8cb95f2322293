import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LETTER_FONT_DIR, LETTER_FONT_FILES, LETTER_FONT_PACKAGE } from '#adapters/fax/letter-fonts.ts';
import type { LetterFonts } from '#adapters/fax/letter-pdf.ts';
import type { Case } from '#core/case/case.ts';
import { displayReference } from '#core/case/reference.ts';
import { faxLetter, letterDate } from '#core/fax/letter.ts';
import type { Rendered } from '#core/notify/templates.ts';
import type { OutgoingAttachment } from '#core/ports.ts';
import { container, once } from './container.ts';

/**
 * The letter fonts: next to the bundle in Lambda (`fonts/`, copied by NidaaFunction for functions that
 * send), else from the package in node_modules (local mode, tests).
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

/** A case's reply as the PDF letter a fax carries (rendered only when a fax is sent: pdfkit loads then). */
export async function faxLetterAttachment(c: Case, rendered: Rendered): Promise<OutgoingAttachment> {
  const { config, clock } = container();
  const { renderLetterPdf } = await import('#adapters/fax/letter-pdf.ts');
  const letter = faxLetter(c, rendered, {
    municipality: config.municipality,
    referencePrefix: config.referencePrefix,
    date: letterDate(clock.now(), config.calendar.utcOffsetMinutes),
  });
  return {
    fileName: `${displayReference(c.reference, config.referencePrefix)}.pdf`,
    contentType: 'application/pdf',
    bytes: await renderLetterPdf(letter, letterFonts()),
  };
}
