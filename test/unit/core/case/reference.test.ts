import { describe, expect, it } from 'vitest';
import {
  damm,
  displayReference,
  formatReference,
  isValidReference,
  parseReference,
} from '../../../../functions/core/case/reference.ts';

const PREFIXES = ['MCT', 'بم'] as const;
/** Year 2026, sequence 123. */
const REF = '260001233';
/** A 10-digit reference with no two equal neighbours, so every adjacent swap changes it. */
const LONG_REF = '2748151624';

const DIGITS = '0123456789'.split('');

/** `ref` with the digit at `position` replaced. */
const substitute = (ref: string, position: number, digit: string) =>
  ref.slice(0, position) + digit + ref.slice(position + 1);

/** `ref` with the digits at `position` and `position + 1` swapped. */
const swapWithNext = (ref: string, position: number) =>
  ref.slice(0, position) + ref.charAt(position + 1) + ref.charAt(position) + ref.slice(position + 2);

describe('damm', () => {
  it.each([
    ['', 0],
    ['572', 4], // the worked example in Damm's paper
    ['5724', 0],
    ['26000123', 3],
    [REF, 0],
  ])('damm(%j) = %i', (digits, expected) => {
    expect(damm(digits)).toBe(expected);
  });

  it.each(['12a4', '٢٦', ' 12', '-1'])('refuses non-ASCII-digit input %j', (digits) => {
    expect(() => damm(digits)).toThrow(RangeError);
  });

  // Exhaustive over every interim state (a leading digit reaches all ten) and every digit pair.
  it('detects every single-digit substitution and every adjacent transposition from any state', () => {
    for (const lead of DIGITS) {
      for (const a of DIGITS) {
        for (const b of DIGITS) {
          if (a === b) continue;
          expect(damm(lead + a), `substitution ${lead}${a}→${lead}${b}`).not.toBe(damm(lead + b));
          expect(damm(lead + a + b), `transposition ${lead}${a}${b}`).not.toBe(damm(lead + b + a));
        }
      }
    }
  });
});

describe('formatReference', () => {
  it.each([
    [2026, 1, '260000019'],
    [2026, 123, REF],
    [2026, 999_999, '269999994'],
    [2026, 1_000_000, '2610000006'], // the sequence grows past 6 digits instead of wrapping
    [2027, 4_815_162, LONG_REF],
    [2000, 5, '000000059'],
    [2099, 999_999_999, '999999999999'], // the longest: 12 digits
  ])('(%i, %i) → %s', (year, sequence, expected) => {
    const ref = formatReference(year, sequence);
    expect(ref).toBe(expected);
    expect(isValidReference(ref)).toBe(true);
  });

  it.each([
    ['two-digit year', 26, 1],
    ['year before 2000', 1999, 1],
    ['year after 2099', 2100, 1],
    ['fractional year', 2026.5, 1],
    ['sequence 0', 2026, 0],
    ['negative sequence', 2026, -1],
    ['fractional sequence', 2026, 1.5],
    ['sequence too long for 12 digits', 2026, 1_000_000_000],
    ['NaN sequence', 2026, Number.NaN],
  ])('refuses %s', (_label, year, sequence) => {
    expect(() => formatReference(year, sequence)).toThrow(RangeError);
  });
});

describe('isValidReference', () => {
  it.each([
    [REF, true],
    [LONG_REF, true],
    ['999999999999', true],
    ['260001234', false], // wrong check digit
    ['26000123', false], // 8 digits
    ['9999999999990', false], // 13 digits
    ['٢٦٠٠٠١٢٣٣', false], // canonical form is ASCII; parseReference converts
    ['MCT-260001233', false],
    ['26 0001 233', false],
    ['', false],
  ])('%j → %s', (ref, expected) => {
    expect(isValidReference(ref)).toBe(expected);
  });
});

describe('parseReference', () => {
  it.each([
    ['canonical', REF],
    ['surrounding whitespace', `  ${REF}\t`],
    ['keypad # terminator', `${REF}#`],
    ['# pressed twice', `${REF}##`],
    ['space before #', `${REF} #`],
    ['Arabic-Indic digits', '٢٦٠٠٠١٢٣٣'],
    ['Persian digits', '۲۶۰۰۰۱۲۳۳'],
    ['mixed digit scripts', '٢6۰0٠1٢3٣'],
    ['dash groups', '26-0001-233'],
    ['space groups', '26 0001 233'],
    ['dot groups', '26.0001.233'],
    ['slash groups', '26/0001/233'],
    ['en dash groups', '26–0001–233'],
    ['no-break space groups', '26\u00a00001\u00a0233'],
    ['doubled separators', '26 - 0001 - 233'],
    ['prefix with dash', `MCT-${REF}`],
    ['lower-case prefix with space', `mct ${REF}`],
    ['mixed-case prefix with colon', `Mct:${REF}`],
    ['prefix, colon and space', `MCT: ${REF}`],
    ['prefix glued to digits', `MCT${REF}`],
    ['Arabic prefix with Arabic-Indic digits', 'بم-٢٦٠٠٠١٢٣٣'],
    ['Arabic prefix with space', `بم ${REF}`],
    ['RLM marks around Arabic-Indic digits', '\u200f٢٦٠٠٠١٢٣٣\u200f'],
    ['isolates around a prefixed reference', `\u2067MCT-${REF}\u2069`],
    ['Arabic letter marks between groups', '26\u061c-0001\u061c-233'],
    ['everything at once', '\u200f mct : ٢٦-٠٠٠١-٢٣٣ # '],
    // Any separator (issue 12): the check digit, not the punctuation, tells a reference from a typo.
    ['underscore and comma groups', '26_0001,233'],
    ['Arabic comma and thousands separator', '26،0001٬233'],
    ['leading dash', `-${REF}`],
    ['trailing dash', `${REF}-`],
    ['the full stop ending a sentence', `${REF}.`],
    ['brackets', `(MCT-${REF})`],
    ['keypad star', `${REF}*`],
    ['# in the middle', '2600#01233'],
    ['zero-width joiner between groups', '26\u200d0001233'],
  ])('accepts %s: %j', (_label, input) => {
    expect(parseReference(input, PREFIXES)).toEqual({ ok: true, reference: REF });
  });

  it.each([
    ['empty', '', 'empty'],
    ['only whitespace', '   ', 'empty'],
    ['only #', '#', 'empty'],
    ['only bidi marks', '\u200f\u200e', 'empty'],
    ['only a prefix', 'MCT-', 'empty'],
    ['letters', 'abc', 'not_digits'],
    ['letter in place of a digit', '26000123X', 'not_digits'],
    ['unknown prefix', `XYZ-${REF}`, 'not_digits'],
    ['prefix twice', `MCT-MCT-${REF}`, 'not_digits'],
    ['8 digits', '26000123', 'too_short'],
    ['8 Arabic-Indic digits', '٢٦٠٠٠١٢٣', 'too_short'],
    ['13 digits', '2600012330000', 'too_long'],
    ['wrong check digit', '260001234', 'bad_check_digit'],
    ['wrong check digit, grouped and prefixed', 'MCT 26-0001-230#', 'bad_check_digit'],
  ])('rejects %s: %j as %s', (_label, input, reason) => {
    expect(parseReference(input, PREFIXES)).toEqual({ ok: false, reason });
  });

  it('treats a prefix as unknown when none is configured', () => {
    expect(parseReference(`MCT-${REF}`, [])).toEqual({ ok: false, reason: 'not_digits' });
  });

  it('prefers the longest matching prefix', () => {
    expect(parseReference(`MCTX-${REF}`, ['MCT', 'MCTX'])).toEqual({ ok: true, reference: REF });
  });

  it('ignores an empty configured prefix', () => {
    expect(parseReference(`X-${REF}`, [''])).toEqual({ ok: false, reason: 'not_digits' });
  });

  describe.each([REF, LONG_REF])('typing errors in %s', (ref) => {
    const positions = Array.from(ref, (_digit, position) => position);
    // Swapping equal neighbours (the 00 in 2600…) gives the same reference, so it is no error.
    const swappable = positions
      .slice(0, -1)
      .filter((position) => ref.charAt(position) !== ref.charAt(position + 1));

    it.each(positions)('rejects every wrong digit at position %i', (position) => {
      for (const digit of DIGITS.filter((d) => d !== ref.charAt(position))) {
        const typo = substitute(ref, position, digit);
        expect(parseReference(typo, PREFIXES), typo).toEqual({ ok: false, reason: 'bad_check_digit' });
      }
    });

    it.each(swappable)('rejects swapping the digits at positions %i and next', (position) => {
      expect(parseReference(swapWithNext(ref, position), PREFIXES)).toEqual({
        ok: false,
        reason: 'bad_check_digit',
      });
    });
  });

  it.each([
    [2026, 1],
    [2026, 123],
    [2026, 654_321],
    [2027, 7_000_001],
    [2099, 999_999_999],
  ])('round-trips displayReference(formatReference(%i, %i))', (year, sequence) => {
    const reference = formatReference(year, sequence);
    expect(parseReference(displayReference(reference, 'MCT'), PREFIXES)).toEqual({ ok: true, reference });
    expect(parseReference(displayReference(reference, 'بم'), PREFIXES)).toEqual({ ok: true, reference });
    expect(parseReference(displayReference(reference), PREFIXES)).toEqual({ ok: true, reference });
  });
});

describe('displayReference', () => {
  it.each([
    [REF, 'MCT', 'MCT-260001233'],
    [REF, 'بم', 'بم-260001233'],
    [REF, undefined, REF],
    [REF, '', REF],
  ])('(%j, %j) → %j', (ref, prefix, expected) => {
    expect(displayReference(ref, prefix)).toBe(expected);
  });
});
