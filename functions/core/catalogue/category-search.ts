/**
 * Finding a category as a citizen types it, in Arabic or English, with typos: the portal's category
 * box. Pure and small (tens of categories), so it runs in the browser on every keystroke.
 */
import type { Bilingual } from '../errors.ts';
import { tokenize } from '../text/arabic.ts';

export type SearchableCategory = {
  code: string;
  name: Bilingual;
  keywords?: { ar: readonly string[]; en: readonly string[] };
};

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let d = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return Math.min((rows[a.length] as number[])[b.length] as number, max + 1);
}

/** Typos forgiven by word length: none under 4 letters (too many short words look alike), 1, then 2 from 7. */
const allowedTypos = (word: string) => (word.length < 4 ? 0 : word.length < 7 ? 1 : 2);

/** How well one query word matches one category word: 1 exact, 0.8 prefix, 0.6 within the typo budget. */
function wordScore(query: string, word: string): number {
  if (query === word) return 1;
  if (query.length >= 2 && word.startsWith(query)) return 0.8;
  if (word.length >= 4 && query.startsWith(word)) return 0.7;
  const typos = allowedTypos(query);
  return typos > 0 && editDistance(query, word, typos) <= typos ? 0.6 : 0;
}

/**
 * Categories matching the query, best first. Every query word must match some word of the category's
 * names or keywords (both languages, whatever the page's language); names weigh more than keywords.
 */
export function searchCategories<C extends SearchableCategory>(query: string, categories: readonly C[]): C[] {
  const queryWords = tokenize(query);
  if (queryWords.length === 0) return [];
  const scored = categories.map((category) => {
    const names = tokenize(`${category.name.ar} ${category.name.en}`);
    const keywords = tokenize([...(category.keywords?.ar ?? []), ...(category.keywords?.en ?? [])].join(' '));
    let total = 0;
    for (const q of queryWords) {
      const inName = Math.max(0, ...names.map((w) => wordScore(q, w)));
      const inKeywords = Math.max(0, ...keywords.map((w) => wordScore(q, w))) * 0.8;
      const best = Math.max(inName, inKeywords);
      if (best === 0) return { category, score: 0 };
      total += best;
    }
    return { category, score: total / queryWords.length };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((s) => s.category);
}
