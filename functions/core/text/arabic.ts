/**
 * Arabic-first text helpers for matching, search and classification: normalization, language detection and a
 * light, deterministic tokenizer with stopword removal and affix stripping. Not for display: normalized text
 * loses diacritics and hamza spellings on purpose.
 */
import type { Language } from '../case/case.ts';
import { stripBidiMarks, toLatinDigits } from './digits.ts';

/** Harakat and Quranic marks (U+064B–065F, U+0670, U+06D6–06ED) and tatweel (U+0640): no meaning for search. */
const DIACRITICS_AND_TATWEEL = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Zero-width spaces, joiners and BOMs pasted from phones and web forms (bidi marks go via stripBidiMarks). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Letters folded to one spelling, because citizens write them interchangeably:
 * - alef with hamza or madda, and alef wasla, become bare alef;
 * - alef maqsura becomes ya (ى/ي are confused at word ends: "مبنى" / "مبني");
 * - ta marbuta becomes ha (حاوية / حاويه);
 * - hamza on waw / ya becomes the bare carrier (ؤ → و, ئ → ي), so "ممتلئة" meets the typed "ممتليه" and
 *   "مسؤول" meets "مسوول". The hamza never decides which complaint a word points to, so losing it is safe;
 * - Persian/Urdu keheh and farsi ya (from some keyboards) become Arabic kaf and ya.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  ک: 'ك',
  ی: 'ي',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * Normalizes text for matching and search (never for display): NFKC (folds presentation forms such as 'ﻻ'
 * and 'ﺷ'), strips bidi and zero-width marks, diacritics and tatweel, turns Arabic-Indic digits into ASCII,
 * folds alef/ya/ta-marbuta/hamza spellings, lower-cases Latin and collapses whitespace.
 */
export function normalizeArabic(text: string): string {
  return toLatinDigits(stripBidiMarks(text.normalize('NFKC')))
    .replace(DIACRITICS_AND_TATWEEL, '')
    .replace(ZERO_WIDTH, '')
    .replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LETTER = /\p{L}/u;
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;
const LATIN_SCRIPT = /\p{Script=Latin}/u;

/** Below this share of Arabic-script letters a text counts as English. Kept low: we are Arabic-first. */
const MIN_ARABIC_SHARE = 0.3;

/**
 * Tells Arabic from English by the share of Arabic-script letters among Arabic and Latin letters. Mixed or
 * letterless text (digits, emoji) is treated as Arabic, the default language of the service.
 */
export function detectLanguage(text: string): Language {
  let arabic = 0;
  let latin = 0;
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    if (ARABIC_SCRIPT.test(char)) arabic += 1;
    else if (LATIN_SCRIPT.test(char)) latin += 1;
  }
  if (latin === 0) return 'ar';
  return arabic / (arabic + latin) >= MIN_ARABIC_SHARE ? 'ar' : 'en';
}

/**
 * Arabic function words, mostly taken from stopwords-iso/stopwords-ar (MIT, Copyright (c) 2016 Gene Diaz),
 * trimmed to the common ones, plus Gulf-dialect function words and greetings that carry no topic.
 */
const ARABIC_STOPWORDS = `
  في من على الى إلى عن مع عند لدى بين حتى منذ خلال حول ضد دون بدون غير سوى بعد قبل أمام تحت فوق
  و او أو ثم بل لكن لكنّ ف ب ل ك لا لم لن ما ماذا متى أين كيف هل كم لماذا إن ان أن إذا اذا لو لولا
  قد لقد سوف كان كانت يكون تكون صار أصبح ليس ليست
  هذا هذه ذلك تلك هؤلاء هنا هناك هنالك الذي التي الذين اللذين اللتين اللواتي اللي
  أنا انا نحن أنت انت أنتم انتم هو هي هم هما هن
  له لها لهم لنا لي لك لكم به بها بهم بنا بي بك بكم فيه فيها فيهم منه منها منهم عليه عليها عليهم
  عنه عنها عندنا عندي عندهم الي إلي الينا
  كل بعض جميع كذلك ايضا أيضا فقط حيث عندما بسبب أي اي مثل نفس جدا
  وفي ومن وعلى وهو وهي وقد ولا ولم وكان وكانت وهذا وهذه ولكن
  السلام عليكم ورحمة الله وبركاته مرحبا تحية طيبة وبعد لو سمحت الرجاء يرجى من فضلك
  يا ياخي اخوي اخي الاخوة الإخوة الكرام المحترمين
  شلون وايد هني هنيه ليش عشان علشان ابغى ابغي ابي ابا بغيت نبي نبغى حق هذي هاذي هاذا ذي اللحين الحين
  شي شيء حد احد ترا ترى يعني بس
`;

const ENGLISH_STOPWORDS = `
  a an the and or but if then so of to in on at by for from with about into over under near
  is are was were be been being am do does did has have had having will would can could should shall may might must
  i me my we our us you your he him his she her it its they them their this that these those there here
  what which who whom when where why how not no yes all any some very just also too than as
  please hello hi dear sir madam thanks regards kindly
`;

const STOPWORDS: ReadonlySet<string> = new Set(
  `${ARABIC_STOPWORDS} ${ENGLISH_STOPWORDS}`.split(/\s+/).filter(Boolean).map(normalizeArabic),
);

/** Article and article-with-particle prefixes, longest first so "وال" wins over "ال". */
const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'] as const;
/** Plural and pronoun suffixes (ة is already folded to ه), longest first. */
const ARABIC_SUFFIXES = ['ات', 'ون', 'ين', 'ها', 'هم', 'ه', 'ي'] as const;
const MIN_ARABIC_STEM = 3;
/** Two strips let "حاويه" and "حاويات" meet at "حاو"; more would only over-strip short roots. */
const MAX_SUFFIX_STRIPS = 2;

function stripArabicPrefix(word: string): string {
  // The rest must keep two letters, so short nouns survive ("الحي" → "حي").
  const prefix = ARABIC_PREFIXES.find((p) => word.startsWith(p) && word.length - p.length >= 2);
  return prefix ? word.slice(prefix.length) : word;
}

function stripArabicSuffixes(word: string): string {
  let stem = word;
  for (let i = 0; i < MAX_SUFFIX_STRIPS; i += 1) {
    const suffix = ARABIC_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_ARABIC_STEM);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/** Undoubles a final consonant left by -ing/-ed ("dumping" keeps "dump", "stopped" becomes "stop"). */
function undouble(stem: string): string {
  const last = stem.at(-1);
  return last && last === stem.at(-2) && !'lsz'.includes(last) ? stem.slice(0, -1) : stem;
}

/** A few suffix rules so "lights"/"light", "flooding"/"flooded"/"flood" and "damaged"/"damage" meet. */
function stemEnglish(word: string): string {
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 3 && stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > 5 && stem.endsWith('ing')) stem = undouble(stem.slice(0, -3));
  else if (stem.length > 4 && stem.endsWith('ed')) stem = undouble(stem.slice(0, -2));
  // A silent final e comes and goes with suffixes ("damage"/"damaged"): drop it everywhere.
  if (stem.length > 4 && stem.endsWith('e')) stem = stem.slice(0, -1);
  return stem;
}

function stemWord(word: string): string {
  if (/[a-z]/.test(word)) return stemEnglish(word);
  return stripArabicSuffixes(stripArabicPrefix(word));
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into normalized, stemmed content words: stopwords and one-letter words are dropped, Arabic words
 * lose the article (with attached و/ب/ك/ف/ل) and common suffixes, English words lose plural/-ing/-ed.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of normalizeArabic(text).matchAll(WORD)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    const stemmed = stemWord(word);
    if (!STOPWORDS.has(stemmed)) tokens.push(stemmed);
  }
  return tokens;
}
