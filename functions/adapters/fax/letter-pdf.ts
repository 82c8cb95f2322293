import type { Letter, LetterBlock } from '#core/fax/letter.ts';
import { A4, drawLine, openPdf, type PdfFonts, wrapText } from '../pdf/arabic-pdf.ts';

/**
 * A fax letter as a PDF (docs/decisions/0048): one page, blocks of text set from the right margin (RTL)
 * or the left (LTR), Arabic shaped and ordered by the shared renderer (adapters/pdf/arabic-pdf.ts).
 */
export type LetterFonts = PdfFonts;

/** A4 at 72 dpi; fax machines print it at 204×196 dpi. */
const PAGE = { ...A4, margin: 56 };
const SIZES: Record<LetterBlock['size'], number> = { title: 20, heading: 14, body: 13, small: 10 };

/** Renders the letter; the PDF's bytes. */
export async function renderLetterPdf(letter: Letter, fonts: LetterFonts): Promise<Uint8Array> {
  const { doc, bytes } = openPdf(fonts, {
    title: letter.blocks[0]?.text ?? '',
    language: letter.language,
    margin: PAGE.margin,
  });
  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin;
  for (const block of letter.blocks) {
    const size = SIZES[block.size];
    for (const line of wrapText(doc, block.text, size, width, letter.direction)) {
      drawLine(doc, line, { x: PAGE.margin, y, width, size, direction: letter.direction });
      y += size * 1.9;
    }
    y += size * (block.size === 'title' ? 1.2 : 0.6);
  }
  doc.end();
  return bytes;
}
