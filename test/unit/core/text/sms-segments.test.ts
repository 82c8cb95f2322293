import { describe, expect, it } from 'vitest';
import { countSegments } from '#core/text/sms-segments.ts';

describe('countSegments', () => {
  it.each([
    ['', 'GSM-7', 1, 0],
    ['a'.repeat(160), 'GSM-7', 1, 160],
    ['a'.repeat(161), 'GSM-7', 2, 161],
    ['a'.repeat(306), 'GSM-7', 2, 306],
    ['a'.repeat(307), 'GSM-7', 3, 307],
    // Extension-table characters take two septets each.
    ['€'.repeat(80), 'GSM-7', 1, 160],
    ['€'.repeat(81), 'GSM-7', 2, 162],
    ['{[ok]}', 'GSM-7', 1, 10],
    ['Ü ñ ø @ £ ¥ è', 'GSM-7', 1, 13],
    // One Arabic letter makes the whole message UCS-2.
    ['ب'.repeat(70), 'UCS-2', 1, 70],
    ['ب'.repeat(71), 'UCS-2', 2, 71],
    ['ب'.repeat(134), 'UCS-2', 2, 134],
    ['ب'.repeat(135), 'UCS-2', 3, 135],
    [`Status ${'x'.repeat(60)} ب`, 'UCS-2', 1, 69],
    // Characters outside GSM-7 that look Latin: curly quotes, the direction isolates of Arabic templates.
    ['It’s done', 'UCS-2', 1, 9],
    ['\u2066260001233\u2069', 'UCS-2', 1, 11],
    // An emoji is two UTF-16 units.
    ['😀'.repeat(35), 'UCS-2', 1, 70],
  ] as const)('%j → %s, %i part(s), %i units', (text, encoding, segments, units) => {
    expect(countSegments(text)).toEqual({ encoding, segments, units });
  });

  it('never splits an extension character between parts', () => {
    // 306 septets would fill two parts of 153, but € (2 septets) after 152 opens part two, so a third is needed.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
  });

  it('never splits a surrogate pair between parts', () => {
    const text = `${'ب'.repeat(66)}😀${'ب'.repeat(66)}`;
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 });
  });
});
