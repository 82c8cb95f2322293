/**
 * Finding procedures: bilingual keyword search for the IVR, SMS, agents and the portal, and the review list
 * for supervisors. Deterministic and small: the knowledge base holds tens of procedures, not thousands.
 */
import type { Language } from '../case/case.ts';
import { CATEGORIES } from '../catalogue/seed.ts';
import type { Category } from '../catalogue/types.ts';
import { localDate, MUSCAT_CALENDAR } from '../sla/business-calendar.ts';
import { tokenize } from '../text/arabic.ts';
import { PROCEDURES } from './procedures.ts';
import type { IsoDate, Procedure } from './types.ts';

/** How much a query word counts, by where it is found; a word found in several places counts once, at best. */
const WEIGHTS = { title: 3, keywords: 2, category: 2, summary: 1 } as const;

/** A query word that only starts (or is the start of) a procedure word counts this share of its weight. */
const PREFIX_SHARE = 0.5;
/** Shorter stems match too much by prefix ("حف", "car" in "card"). */
const MIN_PREFIX_LENGTH = 4;

/**
 * Stems that mean the same thing here, mapped to one spelling. The tokenizer does not reduce Arabic
 * patterns to roots, so "ترخيص" (licensing) and "رخصة" (licence) stay apart without this; English
 * "licence" and "license" differ after stemming ("licenc" / "licens").
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  ترخيص: 'رخص',
  تراخيص: 'رخص',
  تصاريح: 'تصريح',
  licens: 'licenc',
};

const terms = (text: string): string[] => tokenize(text).map((t) => SYNONYMS[t] ?? t);

type Field = { weight: number; terms: ReadonlySet<string> };

export type ProcedureMatch = { procedure: Procedure; score: number };

function fieldsOf(
  procedure: Procedure,
  languages: readonly Language[],
  categories: readonly Category[],
): Field[] {
  const linked = categories.filter((c) => procedure.categoryCodes.includes(c.code));
  const field = (weight: number, texts: string[]): Field => ({
    weight,
    terms: new Set(texts.flatMap(terms)),
  });
  return [
    field(
      WEIGHTS.title,
      languages.map((l) => procedure.title[l]),
    ),
    field(
      WEIGHTS.keywords,
      languages.flatMap((l) => procedure.keywords?.[l] ?? []),
    ),
    field(
      WEIGHTS.category,
      languages.flatMap((l) => linked.map((c) => c.name[l])),
    ),
    field(
      WEIGHTS.summary,
      languages.map((l) => procedure.summary[l]),
    ),
  ];
}

function termScore(term: string, fields: readonly Field[]): number {
  let best = 0;
  for (const { weight, terms: fieldTerms } of fields) {
    if (weight <= best) continue;
    if (fieldTerms.has(term)) {
      best = weight;
      continue;
    }
    for (const other of fieldTerms) {
      const [shorter, longer] = term.length <= other.length ? [term, other] : [other, term];
      if (shorter.length >= MIN_PREFIX_LENGTH && longer.startsWith(shorter)) {
        best = Math.max(best, weight * PREFIX_SHARE);
        break;
      }
    }
  }
  return best;
}

/**
 * Procedures matching `query`, best first, with their score: the sum, over the distinct query words, of the
 * best weight each word finds in the title (3), search keywords (2), linked category names (2) or summary (1);
 * a prefix-only match counts half. Words are normalized and stemmed (functions/core/text/arabic.ts), so
 * hamza, ta marbuta, the article and digits in either script make no difference. With `language`, only that
 * language's texts are searched; without it, both are. An empty query (or only stopwords) matches nothing;
 * ties keep the order of `procedures`.
 */
export function rankProcedures(
  query: string,
  procedures: readonly Procedure[] = PROCEDURES,
  language?: Language,
  categories: readonly Category[] = CATEGORIES,
): ProcedureMatch[] {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0) return [];
  const languages: readonly Language[] = language ? [language] : ['ar', 'en'];
  return procedures
    .map((procedure) => {
      const fields = fieldsOf(procedure, languages, categories);
      const score = queryTerms.reduce((sum, term) => sum + termScore(term, fields), 0);
      return { procedure, score };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
}

/** The procedures matching `query`, best first (see rankProcedures). */
export function findProcedures(
  query: string,
  procedures: readonly Procedure[] = PROCEDURES,
  language?: Language,
  categories: readonly Category[] = CATEGORIES,
): Procedure[] {
  return rankProcedures(query, procedures, language, categories).map((m) => m.procedure);
}

/** The procedures linked to a catalogue category, in knowledge-base order. */
export function proceduresForCategory(
  categoryCode: string,
  procedures: readonly Procedure[] = PROCEDURES,
): Procedure[] {
  return procedures.filter((p) => p.categoryCodes.includes(categoryCode));
}

/**
 * Procedures whose content is past its review date (`reviewBy` before `today`), most overdue first, for the
 * supervisors' review list. A Date is read as its Muscat calendar date; content due today is not yet overdue.
 */
export function overdueForReview(procedures: readonly Procedure[], today: Date | IsoDate): Procedure[] {
  const date = typeof today === 'string' ? today : localDate(today, MUSCAT_CALENDAR);
  return procedures
    .filter((p) => p.reviewBy < date)
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.code.localeCompare(b.code));
}
