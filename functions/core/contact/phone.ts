/**
 * Phone numbers in E.164 (`+96891234567`), the one form we store, match callers on and send SMS to.
 * Oman numbers are checked against the national plan; other countries only for length.
 */
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';

export type PhoneProblem =
  | 'empty'
  | 'invalid_characters'
  | 'invalid_country_code'
  | 'bad_length'
  | 'invalid_omani_number'
  | 'unsupported_country';

export type NormalizedPhone = { ok: true; e164: string } | { ok: false; reason: PhoneProblem };

const OMAN_CALLING_CODE = '968';
/** Mobiles start with 7 or 9 and fixed lines with 2, all 8 digits; toll-free is 800 + 4 or 5 digits. */
const OMANI_NATIONAL_NUMBER = /^(?:[279]\d{7}|800\d{4,5})$/;
const OMANI_MOBILE_E164 = /^\+968[79]\d{7}$/;
const OMANI_NATIONAL_LENGTH = 8;
/** Someone who types the country code without `+`/`00`: 968 + 8 national digits. */
const OMANI_WITHOUT_PLUS_LENGTH = 11;
/** E.164 allows at most 15 digits; fewer than 8 is no real subscriber number anywhere. */
const MIN_INTERNATIONAL_DIGITS = 8;
const MAX_INTERNATIONAL_DIGITS = 15;

/** Formatting people put between digits: spaces, dots, parentheses, ASCII and Unicode dashes. */
const PUNCTUATION = /[\s.()\-\u2010-\u2015\u2212]/g;
const DIALLED_DIGITS = /^\+?\d+$/;

/**
 * Normalizes a phone number as typed, spoken to an agent or sent by a carrier, to E.164.
 * `+` or `00` starts an international number; anything else is national to `defaultCountry`
 * (only `OM` has a numbering plan here). Arabic-Indic digits and bidi marks are accepted.
 */
export function normalizePhone(input: string, defaultCountry = 'OM'): NormalizedPhone {
  const dialled = toLatinDigits(stripBidiMarks(input)).replace(PUNCTUATION, '');
  if (dialled === '') return { ok: false, reason: 'empty' };
  if (!DIALLED_DIGITS.test(dialled)) return { ok: false, reason: 'invalid_characters' };

  if (dialled.startsWith('+')) return normalizeInternational(dialled.slice(1));
  if (dialled.startsWith('00')) return normalizeInternational(dialled.slice(2));
  if (defaultCountry !== 'OM') return { ok: false, reason: 'unsupported_country' };

  const hasCountryCode =
    dialled.length === OMANI_WITHOUT_PLUS_LENGTH && dialled.startsWith(OMAN_CALLING_CODE);
  return normalizeOmani(hasCountryCode ? dialled.slice(OMAN_CALLING_CODE.length) : dialled);
}

/** True for an Omani mobile in E.164; SMS can only be delivered to these. */
export function isOmaniMobile(e164: string): boolean {
  return OMANI_MOBILE_E164.test(e164);
}

/** `digits` is everything after `+`/`00`: country code then subscriber number. */
function normalizeInternational(digits: string): NormalizedPhone {
  if (digits.startsWith(OMAN_CALLING_CODE)) return normalizeOmani(digits.slice(OMAN_CALLING_CODE.length));
  // No country code starts with 0; `+00…` or `0000…` is a typo, not a number.
  if (digits.startsWith('0')) return { ok: false, reason: 'invalid_country_code' };
  if (digits.length < MIN_INTERNATIONAL_DIGITS || digits.length > MAX_INTERNATIONAL_DIGITS) {
    return { ok: false, reason: 'bad_length' };
  }
  return { ok: true, e164: `+${digits}` };
}

function normalizeOmani(national: string): NormalizedPhone {
  if (OMANI_NATIONAL_NUMBER.test(national)) return { ok: true, e164: `+${OMAN_CALLING_CODE}${national}` };
  const reason = national.length === OMANI_NATIONAL_LENGTH ? 'invalid_omani_number' : 'bad_length';
  return { ok: false, reason };
}
