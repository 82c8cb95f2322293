import { parseReference } from '../case/reference.ts';
import { normalizeArabic } from '../text/arabic.ts';
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';

type Lang = 'ar' | 'en';

/** What an SMS asks for. Anything that is not a command is a message (a follow-up or a new case). */
export type SmsCommand =
  | { kind: 'status'; reference: string; language: Lang }
  | { kind: 'bad_reference'; language: Lang }
  | { kind: 'help'; language: Lang }
  /** Free text; `reference` when it starts with the keyword and one of our references (a follow-up). */
  | { kind: 'message'; reference?: string };

// Keywords after normalizeArabic (alef/ya/ta-marbuta folded, diacritics and tatweel removed).
const STATUS = new Map<string, Lang>([
  ['رط', 'ar'],
  ['st', 'en'],
  ['status', 'en'],
]);
const HELP = new Map<string, Lang>([
  ['مساعده', 'ar'],
  ['help', 'en'],
]);

/**
 * Parses the short-code grammar: `رط 260001234` or `ST 260001234` (status), `مساعدة` / `HELP`.
 * The keyword may be glued to the number (`رط260001234`) and digits may be Arabic-Indic.
 */
export function parseSmsCommand(body: string, referencePrefixes: readonly string[]): SmsCommand {
  const text = normalizeArabic(toLatinDigits(stripBidiMarks(body))).trim();
  // The keyword is a run of Arabic or Latin letters; punctuation after it is a separator, not part of it.
  const match = /^(\p{Script=Arabic}+|[a-z]+)\s*[:.\-،,]*\s*(.*)$/u.exec(text);
  if (!match) return { kind: 'message' };
  const keyword = match[1] ?? '';
  const rest = match[2] ?? '';
  const statusLanguage = STATUS.get(keyword);
  if (statusLanguage) {
    const parsed = parseReference(rest, referencePrefixes);
    // "رط 260001233 ما زالت الحفرة" — the reference, then words: a follow-up on that case, not a question.
    const [first = '', ...words] = rest.split(/\s+/);
    const leading = parseReference(first, referencePrefixes);
    if (!parsed.ok && leading.ok && words.length > 0)
      return { kind: 'message', reference: leading.reference };
    return parsed.ok
      ? { kind: 'status', reference: parsed.reference, language: statusLanguage }
      : { kind: 'bad_reference', language: statusLanguage };
  }
  const helpLanguage = HELP.get(keyword);
  if (helpLanguage && rest.trim() === '') return { kind: 'help', language: helpLanguage };
  return { kind: 'message' };
}
