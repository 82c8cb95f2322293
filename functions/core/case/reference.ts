/**
 * Case references: what a citizen reads in an SMS and types back on a phone keypad.
 *
 * Format: 2-digit year + sequence (zero-padded to at least 6 digits) + one Damm check digit. Damm catches
 * every single-digit error and every adjacent transposition, so a mistyped reference is refused instead
 * of opening another citizen's case.
 */
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';

export type ReferenceProblem = 'empty' | 'not_digits' | 'too_short' | 'too_long' | 'bad_check_digit';

export type ParsedReference = { ok: true; reference: string } | { ok: false; reason: ReferenceProblem };

/** 2 (year) + 6 (shortest sequence) + 1 (check digit). */
const MIN_LENGTH = 9;
const MAX_LENGTH = 12;
const MIN_SEQUENCE_DIGITS = 6;
/** The longest sequence that still fits in MAX_LENGTH: 12 - 2 (year) - 1 (check digit) = 9 digits. */
const MAX_SEQUENCE = 999_999_999;

/** Damm's totally anti-symmetric quasigroup of order 10, one row per interim digit. */
const DAMM_TABLE = [
  '0317598642',
  '7092154863',
  '4206871359',
  '1750983426',
  '6123045978',
  '3674209581',
  '5869720134',
  '8945362017',
  '9438617205',
  '2581436790',
].join('');

const ASCII_DIGITS = /^\d*$/;
const CANONICAL_REFERENCE = /^\d{9,12}$/;

/** A keypad sends `#` to end the input; some callers press it twice. */
const KEYPAD_TERMINATOR = /#+$/;
/**
 * A separator is anything people put between digits that is neither a letter nor a digit: spaces of every
 * kind, dots, slashes, dashes, underscores, commas (the Arabic comma too), colons (issue 12: "any separators").
 */
const SEPARATORS = '[\\p{P}\\p{Z}\\p{S}\\p{Cf}\\s]';
/** Separators around the whole reference: `(MCT-26…)`, `26….` at the end of a sentence. */
const AROUND = new RegExp(`^${SEPARATORS}+|${SEPARATORS}+$`, 'gu');
/** Between a display prefix and the digits: `MCT 26…`, `MCT-26…`, `MCT: 26…`, `MCT_26…`. */
const AFTER_PREFIX = new RegExp(`^${SEPARATORS}*`, 'u');
/** Digit groups with any separators between them, as people copy them from SMS or paper. */
const GROUPED_DIGITS = new RegExp(`^\\d+(?:${SEPARATORS}+\\d+)*$`, 'u');

/**
 * The Damm check digit of a string of ASCII digits: the interim digit after folding every digit through
 * the table. A string that already ends with its check digit folds to 0.
 * @throws RangeError if `digits` contains anything but 0-9.
 */
export function damm(digits: string): number {
  if (!ASCII_DIGITS.test(digits)) throw new RangeError(`damm expects ASCII digits, got "${digits}"`);
  let interim = 0;
  for (const digit of digits) {
    interim = Number(DAMM_TABLE.charAt(interim * 10 + Number(digit)));
  }
  return interim;
}

/**
 * Builds the reference for the `sequence`-th case of `year`, e.g. (2026, 123) → `260001233`.
 * @throws RangeError if the year is not in 2000–2099 or the sequence is not an integer in 1–999,999,999.
 */
export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) {
    throw new RangeError(`Reference year must be an integer in 2000–2099, got ${year}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Reference sequence must be an integer in 1–${MAX_SEQUENCE}, got ${sequence}`);
  }
  const body = String(year % 100).padStart(2, '0') + String(sequence).padStart(MIN_SEQUENCE_DIGITS, '0');
  return `${body}${damm(body)}`;
}

/** True for a reference in canonical form: 9–12 ASCII digits whose check digit is right. */
export function isValidReference(ref: string): boolean {
  return CANONICAL_REFERENCE.test(ref) && damm(ref) === 0;
}

/**
 * Reads a reference the way citizens and agents actually type it: with or without a display prefix
 * (matched case-insensitively), in Arabic-Indic or Persian digits, in groups with any separators between
 * and around them, with a keypad `#` at the end and invisible bidi marks anywhere.
 * On success `reference` is the canonical ASCII form that `isValidReference` accepts.
 */
export function parseReference(input: string, prefixes: readonly string[]): ParsedReference {
  const withoutTerminator = toLatinDigits(stripBidiMarks(input)).trim().replace(KEYPAD_TERMINATOR, '');
  const grouped = stripDisplayPrefix(withoutTerminator.replace(AROUND, ''), prefixes).replace(AROUND, '');
  if (grouped === '') return { ok: false, reason: 'empty' };
  if (!GROUPED_DIGITS.test(grouped)) return { ok: false, reason: 'not_digits' };

  const reference = grouped.replace(/\D/g, '');
  if (reference.length < MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (reference.length > MAX_LENGTH) return { ok: false, reason: 'too_long' };
  if (damm(reference) !== 0) return { ok: false, reason: 'bad_check_digit' };
  return { ok: true, reference };
}

/** How a reference is shown to people: `MCT-260001233` with a prefix, the bare digits without one. */
export function displayReference(ref: string, prefix?: string): string {
  return prefix ? `${prefix}-${ref}` : ref;
}

/** Removes the longest matching prefix (so `MCTX` wins over `MCT`) and the separator after it. */
function stripDisplayPrefix(text: string, prefixes: readonly string[]): string {
  const match = prefixes
    .filter((prefix) => prefix !== '' && text.slice(0, prefix.length).toUpperCase() === prefix.toUpperCase())
    .reduce((longest, prefix) => (prefix.length > longest.length ? prefix : longest), '');
  return match === '' ? text : text.slice(match.length).replace(AFTER_PREFIX, '');
}
