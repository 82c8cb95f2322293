import bidiModule from 'bidi-js';
import PDFDocument from 'pdfkit';

/**
 * Arabic and English text in a PDF (docs/decisions/0048), for every document Nidaa renders (fax letters,
 * the monthly report): pdfkit embeds the fonts and shapes Arabic through fontkit (joining forms,
 * ligatures), but lays out every string left to right. So each line is ordered here with the Unicode
 * Bidirectional Algorithm (bidi-js): split into pieces of one embedding level and one font, the pieces put
 * in visual order, then drawn one by one. fontkit reverses the glyphs of an Arabic piece itself; other
 * right-to-left pieces (spaces, punctuation) are reversed and mirrored here.
 */
export type PdfFonts = {
  /** Arabic letters and Arabic-Indic digits (Noto Naskh Arabic, arabic subset). */
  arabic: Uint8Array;
  /** Latin letters, ASCII digits and punctuation (Noto Naskh Arabic, latin subset). */
  latin: Uint8Array;
};

export type Direction = 'rtl' | 'ltr';

// bidi-js is UMD for Node's loader (module.exports is the factory) and ESM for bundlers (its default).
type BidiFactory = typeof bidiModule.default;
const bidiFactory = ((bidiModule as unknown as { default?: BidiFactory }).default ??
  bidiModule) as unknown as BidiFactory;
const bidi = bidiFactory();

/** A4 at 72 dpi. */
export const A4 = { width: 595.28, height: 841.89 };

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
export function visualPieces(line: string, direction: Direction): Piece[] {
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

/** A PDF document with the two fonts registered, and its bytes once `end()` has been called. */
export function openPdf(
  fonts: PdfFonts,
  info: { title: string; language: 'ar' | 'en'; margin: number },
): { doc: PDFKit.PDFDocument; bytes: Promise<Uint8Array> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: info.margin,
    font: null as unknown as string,
    lang: info.language,
    info: { Title: info.title, Producer: 'Nidaa' },
  });
  doc.registerFont('arabic', Buffer.from(fonts.arabic));
  doc.registerFont('latin', Buffer.from(fonts.latin));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Uint8Array>((resolve) =>
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  return { doc, bytes };
}

/** How wide a line is drawn at this size. */
export function lineWidth(doc: PDFKit.PDFDocument, line: string, size: number, direction: Direction): number {
  return visualPieces(line, direction).reduce(
    (w, p) => w + doc.font(p.font).fontSize(size).widthOfString(p.text),
    0,
  );
}

/**
 * Draws one line (no wrapping) in the box from `x` to `x + width`: from the right when right to left, from
 * the left when left to right; `align` moves it to the other end or the middle (table cells of numbers).
 */
export function drawLine(
  doc: PDFKit.PDFDocument,
  line: string,
  box: {
    x: number;
    y: number;
    width: number;
    size: number;
    direction: Direction;
    align?: 'start' | 'end' | 'center';
  },
) {
  const pieces = visualPieces(line, box.direction);
  const widths = pieces.map((p) => doc.font(p.font).fontSize(box.size).widthOfString(p.text));
  const total = widths.reduce((a, b) => a + b, 0);
  const align = box.align ?? 'start';
  const atRight = (box.direction === 'rtl') === (align === 'start');
  let x = align === 'center' ? box.x + (box.width - total) / 2 : atRight ? box.x + box.width - total : box.x;
  pieces.forEach((p, i) => {
    doc.font(p.font).fontSize(box.size).text(p.text, x, box.y, { lineBreak: false });
    x += widths[i] ?? 0;
  });
}

/** Greedy word wrap in logical order (the bidi order is per line, after wrapping). */
export function wrapText(
  doc: PDFKit.PDFDocument,
  text: string,
  size: number,
  width: number,
  direction: Direction,
): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && lineWidth(doc, candidate, size, direction) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** A line cut to fit `width`, with an ellipsis where it was cut. */
export function fitLine(
  doc: PDFKit.PDFDocument,
  line: string,
  size: number,
  width: number,
  direction: Direction,
): string {
  if (lineWidth(doc, line, size, direction) <= width) return line;
  const chars = [...line];
  while (chars.length > 1 && lineWidth(doc, `${chars.join('')}…`, size, direction) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
