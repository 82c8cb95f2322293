/** Post-call survey ratings of one day (Asia/Muscat): how many of each, 1 to 5. */
export type SurveyDay = { day: string; ratings: Record<'1' | '2' | '3' | '4' | '5', number> };

export type SatisfactionSummary = {
  count: number;
  /** Mean rating, one decimal; undefined without ratings. */
  average?: number;
  byRating: SurveyDay['ratings'];
};

export const emptyRatings = (): SurveyDay['ratings'] => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/** Adds days of ratings up: the supervisor's "today" and "last 7 days". */
export function summarizeSatisfaction(days: readonly SurveyDay[]): SatisfactionSummary {
  const byRating = emptyRatings();
  for (const d of days) {
    for (const r of ['1', '2', '3', '4', '5'] as const) byRating[r] += d.ratings[r];
  }
  const count = Object.values(byRating).reduce((a, b) => a + b, 0);
  const sum = (['1', '2', '3', '4', '5'] as const).reduce((s, r) => s + Number(r) * byRating[r], 0);
  return { count, byRating, ...(count ? { average: Math.round((sum / count) * 10) / 10 } : {}) };
}

/** The local calendar dates (YYYY-MM-DD) of the `n` days ending at `now`, newest first. */
export function lastDays(now: Date, n: number, utcOffsetMinutes: number): string[] {
  const local = now.getTime() + utcOffsetMinutes * 60_000;
  return Array.from({ length: n }, (_, i) => new Date(local - i * 86_400_000).toISOString().slice(0, 10));
}
