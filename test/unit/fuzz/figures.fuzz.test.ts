import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DRILL_DOWN,
  FIGURE_NAMES,
  MAX_PERIOD_DAYS,
  parseFigureQuery,
  parseQuestion,
} from '#core/analytics/figures.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ValidationError } from '#core/errors.ts';
import { FUZZ } from './fuzz-settings.ts';

/**
 * The Analytics API's questions (GET /v1/insights/figures/{figure}, GET /v1/insights/cases): any query string
 * is answered or refused with a ValidationError, never anything else, and an accepted one is a period of
 * real days, in order, no longer than the cap, with codes the catalogue knows.
 */
const KEYS = ['from', 'to', 'groupBy', 'department', 'category', 'wilayat', 'channel', 'tier', 'language'];
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'٠١٢٣٤٥٦٧٨٩0123456789-,\u200f'), maxLength: 12 }),
  fc.constantFrom(
    '2026-03-01',
    '٢٠٢٦-٠٣-٠١',
    '2026-02-30',
    'day,channel',
    'week',
    'bawshar',
    'unknown',
    '٢',
    'sms',
  ),
);
const query = fc.dictionary(fc.constantFrom(...KEYS), value);

describe('figure questions on any input', () => {
  it('answer or refuse with a ValidationError, and what they accept is well formed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIGURE_NAMES, 'drill-down'), query, (figure, q) => {
        try {
          const parsed =
            figure === 'drill-down'
              ? parseQuestion(DRILL_DOWN, q, SEED_CATALOGUE, '2026-03-18')
              : parseFigureQuery(figure as (typeof FIGURE_NAMES)[number], q, SEED_CATALOGUE, '2026-03-18');
          expect(parsed.from <= parsed.to).toBe(true);
          const days = (Date.parse(parsed.to) - Date.parse(parsed.from)) / 86_400_000 + 1;
          expect(days).toBeLessThanOrEqual(MAX_PERIOD_DAYS);
          for (const v of Object.values(parsed.filters)) expect(String(v)).toMatch(/^[a-z0-9_]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      FUZZ,
    );
  });
});
