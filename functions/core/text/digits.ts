/**
 * Digits as citizens type them: Arabic keyboards and phones send Arabic-Indic (٠-٩) or, on Persian/Urdu
 * layouts, Extended Arabic-Indic (۰-۹) digits, often wrapped in invisible bidi controls when copied.
 */

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;
const NON_LATIN_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** Invisible direction controls: LRM, RLM, Arabic letter mark, LRE…RLO embeddings and LRI…PDI isolates. */
const BIDI_MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/**
 * Converts Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9) digits to ASCII 0-9.
 * Every other character, including ASCII digits, is left as it is, so mixed-script input works.
 */
export function toLatinDigits(s: string): string {
  return s.replace(NON_LATIN_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/**
 * Removes Unicode bidi marks (U+200E, U+200F, U+061C, U+202A–202E, U+2066–2069). They are invisible,
 * so a number pasted from an Arabic message must not fail to parse because of them.
 */
export function stripBidiMarks(s: string): string {
  return s.replace(BIDI_MARKS, '');
}
