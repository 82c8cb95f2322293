import { parseReference } from '../case/reference.ts';
import { normalizeArabic } from '../text/arabic.ts';
import type { Plate } from '../vehicles/vehicle.ts';

type Lang = 'ar' | 'en';

/** What an SMS asks for. Anything that is not a command is a message (a follow-up or a new case). */
export type SmsCommand =
  | { kind: 'status'; reference: string; language: Lang }
  /** A status command whose number is no reference of ours (a typo, a wrong check digit). */
  | { kind: 'bad_reference'; language: Lang }
  | { kind: 'vehicle'; plate: Plate; language: Lang }
  | { kind: 'help'; language: Lang }
  | { kind: 'opt_out'; language: Lang }
  | { kind: 'opt_in'; language: Lang }
  /** A command keyword without usable arguments (`ام` alone, `VH 12345` without the code): usage help. */
  | { kind: 'malformed'; command: 'status' | 'vehicle'; language: Lang }
  /** Free text; `reference` when it starts with the keyword and one of our references (a follow-up). */
  | { kind: 'message'; reference?: string };

/** The commands that only SMS has; intake hands them back to the SMS channel (functions/core/channels/sms-service.ts). */
export type SmsOnlyCommand = Extract<SmsCommand, { kind: 'vehicle' | 'opt_out' | 'opt_in' | 'malformed' }>;

type Keyword = {
  command: 'status' | 'vehicle' | 'help' | 'opt_out' | 'opt_in';
  language: Lang;
  /**
   * Also an ordinary word that can open a message (`ام` "mother", `حالة` "condition", `st` "street"): it is
   * a command only when what follows looks like its argument, else the text is a message.
   */
  commonWord?: true;
};

// Keywords after normalizeArabic (alef/ya/ta-marbuta folded, diacritics and tatweel removed, lower case).
const KEYWORDS: Readonly<Record<string, Keyword>> = {
  رط: { command: 'status', language: 'ar' },
  حاله: { command: 'status', language: 'ar', commonWord: true },
  st: { command: 'status', language: 'en', commonWord: true },
  status: { command: 'status', language: 'en' },
  ام: { command: 'vehicle', language: 'ar', commonWord: true },
  vh: { command: 'vehicle', language: 'en' },
  مساعده: { command: 'help', language: 'ar' },
  help: { command: 'help', language: 'en' },
  ايقاف: { command: 'opt_out', language: 'ar' },
  stop: { command: 'opt_out', language: 'en' },
  بدء: { command: 'opt_in', language: 'ar' },
  ابدا: { command: 'opt_in', language: 'ar' },
  start: { command: 'opt_in', language: 'en' },
};

/** Arabic punctuation that Unicode counts as Arabic script (so it would stick to a keyword) and the rest. */
const ARABIC_SEPARATORS = /[\u060C\u061B\u061F\u066A-\u066D\u06D4]/g;
/** Punctuation and symbols around a command: `رط: 123`, `*HELP*`, `STOP!`. */
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;
const PLATE_SEPARATORS = /[\s\p{P}\p{S}]+/gu;
const LETTERS = '[a-z\\p{Script=Arabic}]';
const DIGITS_THEN_CODE = new RegExp(`^(\\d{1,5})(${LETTERS}{1,2})$`, 'u');
const CODE_THEN_DIGITS = new RegExp(`^(${LETTERS}{1,2})(\\d{1,5})$`, 'u');
/** A word of three letters or more: what an argument never contains and a sentence almost always does. */
const WORD = new RegExp(`${LETTERS}{3,}`, 'u');

/**
 * Parses the short-code grammar, Arabic first: `رط 260001234` / `ST …` (status), `ام 12345 اب` / `VH …`
 * (vehicle), `مساعدة` / `HELP`, `إيقاف` / `STOP`, `بدء` / `START`. Presentation forms, diacritics, tatweel,
 * direction marks, Arabic-Indic and Persian digits and punctuation are tolerated, and the keyword may be
 * glued to its number (`رط260001234`).
 */
export function parseSmsCommand(body: string, referencePrefixes: readonly string[]): SmsCommand {
  const text = normalizeArabic(body.replace(ARABIC_SEPARATORS, ' ')).replace(EDGE_PUNCTUATION, '');
  // The keyword is a run of Arabic or Latin letters; what follows it, punctuation trimmed, is the argument.
  const match = /^(\p{Script=Arabic}+|[a-z]+)(.*)$/u.exec(text);
  const keyword = KEYWORDS[match?.[1] ?? ''];
  if (!match || !keyword) return { kind: 'message' };
  const rest = (match[2] ?? '').replace(EDGE_PUNCTUATION, '');
  const { command, language } = keyword;

  if (command === 'help' || command === 'opt_out' || command === 'opt_in') {
    // A one-word command: "help me, the street is flooded" is a message.
    return rest === '' ? { kind: command, language } : { kind: 'message' };
  }
  if (keyword.commonWord && rest !== '' && (!/\d/.test(rest) || WORD.test(withoutPrefixes(rest)))) {
    // "ام احمد تشتكي…", "حالة الطريق سيئة", "St. Mary road…": an ordinary sentence.
    const leading = command === 'status' ? leadingReference(rest, referencePrefixes) : undefined;
    return leading ? { kind: 'message', reference: leading } : { kind: 'message' };
  }
  return command === 'status'
    ? statusCommand(rest, language, referencePrefixes)
    : vehicleCommand(rest, language);

  function withoutPrefixes(s: string) {
    return referencePrefixes.reduce((acc, p) => acc.replaceAll(p.toLowerCase(), ''), s);
  }
}

function leadingReference(rest: string, prefixes: readonly string[]): string | undefined {
  const [first = '', ...words] = rest.split(/\s+/);
  const leading = parseReference(first, prefixes);
  return leading.ok && words.length > 0 ? leading.reference : undefined;
}

function statusCommand(rest: string, language: Lang, prefixes: readonly string[]): SmsCommand {
  const parsed = parseReference(rest, prefixes);
  if (parsed.ok) return { kind: 'status', reference: parsed.reference, language };
  // "رط 260001233 ما زالت الحفرة": the reference, then words: a follow-up on that case, not a question.
  const leading = leadingReference(rest, prefixes);
  if (leading) return { kind: 'message', reference: leading };
  return /\d/.test(rest)
    ? { kind: 'bad_reference', language }
    : { kind: 'malformed', command: 'status', language };
}

function vehicleCommand(rest: string, language: Lang): SmsCommand {
  const compact = rest.replace(PLATE_SEPARATORS, '');
  const digitsFirst = DIGITS_THEN_CODE.exec(compact);
  const codeFirst = CODE_THEN_DIGITS.exec(compact);
  const number = digitsFirst?.[1] ?? codeFirst?.[2];
  const code = digitsFirst?.[2] ?? codeFirst?.[1];
  if (!number || !code) return { kind: 'malformed', command: 'vehicle', language };
  return { kind: 'vehicle', plate: { number, code: code.toUpperCase() }, language };
}
