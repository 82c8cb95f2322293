import bidiModule from 'bidi-js';
import PDFDocument from 'pdfkit';
import type { Letter, LetterBlock } from '#core/fax/letter.ts';

/**
 * A fax letter as a PDF (docs/decisions/0048): pdfkit embeds the fonts and shapes Arabic through fontkit
 * (joining forms, ligatures), but lays out every string left to right. So each line is ordered here with
 * the Unicode Bidirectional Algorithm (bidi-js): split into pieces of one embedding level and one font,
 * the pieces put in visual order, then drawn one by one from the right (RTL) or left (LTR) margin.
 * fontkit reverses the glyphs of an Arabic piece itself; other right-to-left pieces (spaces,
 * punctuation) are reversed and mirrored here.
 */
export type LetterFonts = {
  /** Arabic letters and Arabic-Indic digits (Noto Naskh Arabic, arabic subset). */
  arabic: Uint8Array;
  /** Latin letters, ASCII digits and punctuation (Noto Naskh Arabic, latin subset). */
  latin: Uint8Array;
};

// bidi-js is UMD for Node's loader (module.exports is the factory) and ESM for bundlers (its default).
type BidiFactory = typeof bidiModule.default;
const bidiFactory = ((bidiModule as unknown as { default?: BidiFactory }).default ??
  bidiModule) as unknown as BidiFactory;
const bidi = bidiFactory();

/** A4 at 72 dpi; fax machines print it at 204×196 dpi. */
const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const SIZES: Record<LetterBlock['size'], number> = { title: 20, heading: 14, body: 13, small: 10 };

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;

type Piece = { text: string; level: number; font: 'arabic' | 'latin' };

const MIRRORED: Readonly<Record<string, string>> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
};

/**
 * One line in visual order, left to right: pieces of one embedding level and one font, each holding the
 * text to hand to pdfkit. fontkit reverses every run of Arabic script itself, so an Arabic piece is
 * given in logical order when it is right to left, and pre-reversed when it is left to right (Arabic-
 * Indic digits); any other right-to-left piece (spaces, punctuation) is reversed and mirrored here.
 */
export function visualPieces(line: string, direction: 'rtl' | 'ltr'): Piece[] {
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const pieces: Piece[] = [];
  let index = 0;
  for (const char of line) {
    const level = levels[index] ?? 0;
    index += char.length;
    const font = ARABIC_SCRIPT.test(char) ? 'arabic' : 'latin';
    const last = pieces.at(-1);
    if (last && last.level === level && last.font === font) last.text += char;
    else pieces.push({ text: char, level, font });
  }
  // UBA L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
  const highest = Math.max(0, ...pieces.map((p) => p.level));
  const lowestOdd = Math.min(...pieces.map((p) => p.level).filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let i = 0; i < pieces.length; ) {
      if ((pieces[i]?.level ?? 0) < level) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < pieces.length && (pieces[j]?.level ?? 0) >= level) j += 1;
      pieces.splice(i, j - i, ...pieces.slice(i, j).reverse());
      i = j;
    }
  }
  return pieces.map((p) => {
    const rtl = p.level % 2 === 1;
    if (p.font === 'arabic') return rtl ? p : { ...p, text: [...p.text].reverse().join('') };
    if (!rtl) return p;
    return {
      ...p,
      text: [...p.text]
        .reverse()
        .map((c) => MIRRORED[c] ?? c)
        .join(''),
    };
  });
}

/** Renders the letter; the PDF's bytes. */
export async function renderLetterPdf(letter: Letter, fonts: LetterFonts): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    font: null as unknown as string,
    info: { Title: letter.blocks[0]?.text ?? '', Producer: 'Nidaa' },
  });
  doc.registerFont('arabic', Buffer.from(fonts.arabic));
  doc.registerFont('latin', Buffer.from(fonts.latin));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin;
  for (const block of letter.blocks) {
    const size = SIZES[block.size];
    for (const line of wrap(doc, block.text, size, width, letter.direction)) {
      const pieces = visualPieces(line, letter.direction);
      const widths = pieces.map((p) => doc.font(p.font).fontSize(size).widthOfString(p.text));
      const total = widths.reduce((a, b) => a + b, 0);
      let x = letter.direction === 'rtl' ? PAGE.margin + width - total : PAGE.margin;
      pieces.forEach((p, i) => {
        doc.font(p.font).fontSize(size).text(p.text, x, y, { lineBreak: false });
        x += widths[i] ?? 0;
      });
      y += size * 1.9;
    }
    y += size * (block.size === 'title' ? 1.2 : 0.6);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Greedy word wrap in logical order (the bidi order is per line, after wrapping). */
function wrap(doc: PDFKit.PDFDocument, text: string, size: number, width: number, direction: 'rtl' | 'ltr') {
  const lines: string[] = [];
  let current = '';
  const measure = (line: string) =>
    visualPieces(line, direction).reduce(
      (w, p) => w + doc.font(p.font).fontSize(size).widthOfString(p.text),
      0,
    );
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measure(candidate) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}
