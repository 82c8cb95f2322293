/**
 * Emerging themes (docs/decisions/0108): complaints the classifier could not place (below its confidence
 * threshold, sent to triage) that share words the classifier does not know, grouped so an administrator
 * can see "twelve people wrote about e-scooters this fortnight" and make it a category. Words are the
 * classifier's own tokens (Arabic normalized, article and suffixes stripped, stopwords out), so
 * "الدراجات الكهربائية" and "دراجة كهربائية" meet.
 */
import type { NaiveBayesModel } from '../classify/classifier.ts';
import { tokenize } from '../text/arabic.ts';
import type { Finding } from './alert.ts';

/** A case the classifier was unsure of, with the citizen's words (read from the case table, never the lake). */
export type UnsureText = { reference: string; text: string; categoryCode: string; departmentCode: string };

export type ThemeSettings = {
  /** The days of unsure texts looked at, ending at the day just begun. */
  days: number;
  /** A theme needs this many texts sharing its leading word. */
  minTexts: number;
  /** Other words join the theme when this share of its texts have them too. */
  coShare: number;
  /** At most this many words name a theme. */
  maxTerms: number;
  /** A word the classifier saw this many times or more in its training is not new. */
  knownCount: number;
};

export const DEFAULT_THEME_SETTINGS: ThemeSettings = {
  days: 14,
  minTexts: 5,
  coShare: 0.6,
  maxTerms: 4,
  knownCount: 3,
};

/** True when the classifier already learned the word well: it cannot name a new theme. */
export const knownToModel =
  (model: NaiveBayesModel, knownCount = DEFAULT_THEME_SETTINGS.knownCount) =>
  (token: string) =>
    Object.values(model.tokenCounts[token] ?? {}).reduce((a, b) => a + b, 0) >= knownCount;

/**
 * Groups unsure texts into themes, largest first: the unknown word most texts share leads a theme, the
 * words most of those texts also share name it, and those texts leave the pool before the next theme.
 */
export function themeFindings(
  texts: readonly UnsureText[],
  isKnown: (token: string) => boolean,
  span: { from: string; to: string },
  s: ThemeSettings = DEFAULT_THEME_SETTINGS,
): Finding[] {
  let pool = texts.map((t) => ({ ...t, tokens: new Set(tokenize(t.text)) }));
  const findings: Finding[] = [];
  for (;;) {
    const frequency = new Map<string, number>();
    for (const t of pool)
      for (const token of t.tokens)
        if (!isKnown(token)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    // Most texts first; ties by the word itself, so the same texts always give the same theme.
    const [lead, count] = [...frequency].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    if (!lead || (count ?? 0) < s.minTexts) break;
    const members = pool.filter((t) => t.tokens.has(lead));
    const together = new Map<string, number>();
    for (const t of members)
      for (const token of t.tokens) together.set(token, (together.get(token) ?? 0) + 1);
    const terms = [...together]
      .filter(([token, n]) => token !== lead && n >= s.coShare * members.length)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, s.maxTerms - 1)
      .map(([token]) => token);
    // The department most of the texts were routed to is who is told.
    const departments = new Map<string, number>();
    for (const t of members) departments.set(t.departmentCode, (departments.get(t.departmentCode) ?? 0) + 1);
    const department = [...departments].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    findings.push({
      kind: 'theme',
      detectedAt: span.to,
      from: span.from,
      to: span.to,
      place: department ? { departmentCode: department } : {},
      observed: members.length,
      expected: 0,
      unit: 'cases',
      references: members.map((t) => t.reference).sort(),
      terms: [lead, ...terms.sort()],
    });
    pool = pool.filter((t) => !t.tokens.has(lead));
  }
  return findings;
}
