import { describe, expect, it } from 'vitest';
import { stripBidiMarks, toLatinDigits } from '../../../../functions/core/text/digits.ts';

describe('toLatinDigits', () => {
  it.each([
    ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['Extended Arabic-Indic (Persian) digits', '۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['ASCII digits unchanged', '0123456789', '0123456789'],
    ['mixed scripts in one string', '٢6۰0١۲3', '2600123'],
    ['Arabic text around digits', 'رقم البلاغ ٢٦٠٠٠١٢٣٣', 'رقم البلاغ 260001233'],
    ['punctuation kept', '+٩٦٨ ٩١٢٣-٤٥٦٧', '+968 9123-4567'],
    ['letters and Arabic letters untouched', 'MCT-بم', 'MCT-بم'],
    ['empty string', '', ''],
  ])('%s: %j → %j', (_label, input, expected) => {
    expect(toLatinDigits(input)).toBe(expected);
  });

  it('leaves characters next to the digit ranges alone', () => {
    // U+065F and U+066A (Arabic percent sign) border ٠-٩; U+06EF and U+06FA border ۰-۹.
    expect(toLatinDigits('\u065f\u066a\u06ef\u06fa')).toBe('\u065f\u066a\u06ef\u06fa');
  });
});

describe('stripBidiMarks', () => {
  it.each([
    ['LRM', '\u200e'],
    ['RLM', '\u200f'],
    ['Arabic letter mark', '\u061c'],
    ['LRE', '\u202a'],
    ['RLE', '\u202b'],
    ['PDF', '\u202c'],
    ['LRO', '\u202d'],
    ['RLO', '\u202e'],
    ['LRI', '\u2066'],
    ['RLI', '\u2067'],
    ['FSI', '\u2068'],
    ['PDI', '\u2069'],
  ])('removes %s', (_label, mark) => {
    expect(stripBidiMarks(`${mark}26${mark}0001233${mark}`)).toBe('260001233');
  });

  it('keeps visible text, including spaces and Arabic letters', () => {
    expect(stripBidiMarks('بلاغ رقم 26')).toBe('بلاغ رقم 26');
  });
});
