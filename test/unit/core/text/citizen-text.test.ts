import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCitizenText, safeFileName } from '#core/text/citizen-text.ts';

const FUZZ_RUNS = Number(process.env.NIDAA_FUZZ_RUNS ?? 300);

describe('cleanCitizenText', () => {
  it('removes NUL, BEL, ESC, backspace, DEL and C1 controls; keeps tab and line breaks', () => {
    expect(cleanCitizenText('a\u0000b\u0007c\u001b[31md\u0008e\u007ff\u009bg\th\ni')).toBe(
      'abc[31mdefg\th\ni',
    );
  });

  it('makes every line break a line feed', () => {
    expect(cleanCitizenText('one\r\ntwo\rthree\u2028four\u2029five')).toBe('one\ntwo\nthree\nfour\nfive');
  });

  it('removes bidi overrides and embeddings, which would show a reference reversed', () => {
    const forged = 'رقم البلاغ \u202e260000019\u202c للمتابعة';
    expect(cleanCitizenText(forged)).toBe('رقم البلاغ 260000019 للمتابعة');
    expect(cleanCitizenText('\u202a\u202b\u202dx')).toBe('x');
  });

  it('keeps balanced isolates and marks, closes open ones per line and drops stray closers', () => {
    expect(cleanCitizenText('اللوحة \u2066123 AB\u2069 \u200f')).toBe('اللوحة \u2066123 AB\u2069 \u200f');
    expect(cleanCitizenText('\u2067abc\nx\u2069y')).toBe('\u2067abc\u2069\nxy');
    expect(cleanCitizenText('\u2068a\u2066b')).toBe('\u2068a\u2066b\u2069\u2069');
  });

  it('replaces broken UTF-16 and leaves Arabic, emoji and digits alone', () => {
    expect(cleanCitizenText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(cleanCitizenText('حفرة 😀 ٢٦٠')).toBe('حفرة 😀 ٢٦٠');
  });

  it('never leaves a control character or an override, and is idempotent (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const once = cleanCitizenText(raw);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must be gone.
        expect(once).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(cleanCitizenText(once)).toBe(once);
        let open = 0;
        for (const ch of once) {
          if (ch === '\n') expect(open).toBe(0);
          if (/[\u2066-\u2068]/.test(ch)) open += 1;
          if (ch === '\u2069') open -= 1;
          expect(open).toBeGreaterThanOrEqual(0);
        }
        expect(open).toBe(0);
      }),
      { seed: 20261207, numRuns: FUZZ_RUNS },
    );
  });
});

describe('safeFileName', () => {
  it('keeps Arabic names and extensions as they are', () => {
    expect(safeFileName('صورة الحفرة.jpg')).toBe('صورة الحفرة.jpg');
    expect(safeFileName('IMG_0001.JPEG')).toBe('IMG_0001.JPEG');
  });

  it('drops directories, overrides and controls, and replaces what file systems refuse', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\sara\\photo.jpg')).toBe('photo.jpg');
    expect(safeFileName('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
    expect(safeFileName('a<b>c:d"e|f?g*.pdf')).toBe('a_b_c_d_e_f_g_.pdf');
    expect(safeFileName('  .hidden\u0000 ')).toBe('hidden');
  });

  it('gives nothing for a name with nothing usable', () => {
    for (const name of [undefined, '', '   ', '...', '///', '\u0000\u0007'])
      expect(safeFileName(name)).toBeUndefined();
  });

  it('shortens a long name and keeps its extension', () => {
    const name = safeFileName(`${'ب'.repeat(300)}.pdf`) ?? '';
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('….pdf')).toBe(true);
  });
});
