import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LETTER_FONT_DIR, LETTER_FONT_FILES, LETTER_FONT_PACKAGE } from '#adapters/fax/letter-fonts.ts';
import type { PdfFonts } from '#adapters/pdf/arabic-pdf.ts';
import { once } from './container.ts';

/**
 * The fonts PDFs are set in (fax letters, the monthly report): next to the bundle in Lambda (`fonts/`,
 * copied by NidaaFunction for functions that declare `rendersLetters`), else from the package in
 * node_modules (local mode, tests).
 */
export const pdfFonts = once((): PdfFonts => {
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
