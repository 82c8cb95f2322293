import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from '#adapters/fax/letter-pdf.ts';
import { visualPieces } from '#adapters/pdf/arabic-pdf.ts';
import { faxLetter, letterDate } from '#core/fax/letter.ts';
import { drawnText } from '../../support/pdf-text.ts';

const font = (subset: string) =>
  readFileSync(
    createRequire(import.meta.url).resolve(
      `@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-400-normal.woff`,
    ),
  );
const FONTS = { arabic: font('arabic'), latin: font('latin') };
const CONTEXT = {
  municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
  referencePrefix: 'MCT',
  date: '12/03/2026',
};
const shown = (s: string, direction: 'rtl' | 'ltr' = 'rtl') =>
  visualPieces(s, direction).map((p) => `${p.level}${p.font === 'arabic' ? 'a' : 'l'}:${p.text}`);

describe('faxLetter', () => {
  it('prints the reference and date in ASCII digits and drops the templates’ bidi isolates', () => {
    const letter = faxLetter(
      { reference: '260000019', language: 'ar' },
      { subject: 'بخصوص بلاغكم \u2066MCT-260000019\u2069', text: 'تم ردم الحفرة.\nشكراً لكم.' },
      CONTEXT,
    );
    expect(letter).toEqual({
      direction: 'rtl',
      language: 'ar',
      blocks: [
        { text: 'بلدية مسقط', size: 'title' },
        { text: 'التاريخ: 12/03/2026', size: 'small' },
        { text: 'الرقم المرجعي: MCT-260000019', size: 'small' },
        { text: 'بخصوص بلاغكم MCT-260000019', size: 'heading' },
        { text: 'تم ردم الحفرة.', size: 'body' },
        { text: 'شكراً لكم.', size: 'body' },
        { text: 'للمتابعة اذكروا الرقم المرجعي MCT-260000019 في ردكم.', size: 'small' },
      ],
    });
  });

  it('dates the letter day/month/year in Muscat time', () => {
    expect(letterDate(new Date('2026-03-11T21:30:00Z'), 240)).toBe('12/03/2026');
  });
});

describe('visualPieces: one line in the order it is drawn, left to right', () => {
  it('puts Arabic words right to left with the Latin reference left to right inside', () => {
    expect(shown('بخصوص بلاغكم MCT-260000019: تم')).toEqual([
      '1a:تم',
      '1l: :',
      '2l:MCT-260000019',
      '1l: ',
      '1a:بلاغكم',
      '1l: ',
      '1a:بخصوص',
    ]);
  });

  it('mirrors brackets and keeps Arabic-Indic numbers in order (pre-reversed for fontkit)', () => {
    expect(shown('(قرب الخوير) يوم ١٢')).toEqual([
      '2a:٢١',
      '1l: ',
      '1a:يوم',
      '1l: (',
      '1a:الخوير',
      '1l: ',
      '1a:قرب',
      '1l:)',
    ]);
  });

  it('keeps a dd/mm/yyyy date in one piece after Arabic text', () => {
    expect(shown('التاريخ: 12/03/2026')).toEqual(['2l:12/03/2026', '1l: :', '1a:التاريخ']);
  });

  it('leaves an English line as it is', () => {
    expect(shown('Reference: MCT-260000019', 'ltr')).toEqual(['0l:Reference: MCT-260000019']);
  });
});

describe('renderLetterPdf', () => {
  it('writes a PDF whose Arabic is shaped (joined forms) and drawn in visual order', async () => {
    const letter = faxLetter(
      { reference: '260000019', language: 'ar' },
      { text: 'تم ردم الحفرة يوم ١٢ مارس.' },
      CONTEXT,
    );
    const pdf = await renderLetterPdf(letter, FONTS);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const drawn = drawnText(pdf);
    // The title, drawn left to right: "مسقط", a space, "بلدية", each Arabic word's glyphs reversed by fontkit.
    expect(drawn.slice(0, 3).map((d) => d.text)).toEqual(['طقسم', ' ', 'ةيدلب']);
    // Read back right to left, the title is the municipality's name.
    expect(
      [
        ...drawn
          .slice(0, 3)
          .map((d) => d.text)
          .join(''),
      ]
        .reverse()
        .join(''),
    ).toBe('بلدية مسقط');
    // Shaped: each letter of "بلدية" is a contextual form, not the isolated glyph of its code point.
    // Shaped: joined, the word is drawn with contextual forms, whose advances differ from its letters'
    // isolated forms (without shaping, both would use the same glyphs).
    const render = async (text: string) =>
      drawnText(
        await renderLetterPdf({ direction: 'rtl', language: 'ar', blocks: [{ text, size: 'title' }] }, FONTS),
      ).filter((d) => d.text.trim());
    const [word] = await render('بلدية');
    const letters = await render('ب ل د ي ة');
    expect(word?.text).toBe('ةيدلب');
    expect(word?.advance).toBeGreaterThan(0);
    expect(word?.advance).not.toBe(letters.reduce((sum, d) => sum + d.advance, 0));
    // The body's Arabic-Indic day reads ١٢, the reference is in ASCII digits.
    const texts = drawn.map((d) => d.text);
    expect(texts).toContain('MCT-260000019');
    expect(texts.join('|')).toContain('١٢');
  });
});
