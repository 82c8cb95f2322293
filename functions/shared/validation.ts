import type * as z from 'zod/mini';
import arLocale from 'zod/v4/locales/ar.js';
import enLocale from 'zod/v4/locales/en.js';
import { type Bilingual, type FieldProblem, INVALID_REQUEST, ValidationError } from '#core/errors.ts';

// zod/mini keeps handler bundles ~20 KB instead of ~450 KB with classic zod (docs/decisions/0003).
const arabic = arLocale().localeError;
const english = enLocale().localeError;

/** Custom messages are written as `ar|en` in schemas so one string carries both languages. */
export const msg = (m: Bilingual) => `${m.ar}|${m.en}`;

function splitMessage(message: string): Bilingual | undefined {
  const bar = message.indexOf('|');
  return bar > 0 ? { ar: message.slice(0, bar), en: message.slice(bar + 1) } : undefined;
}

/**
 * Parses `input` or throws a ValidationError whose fields carry Arabic and English messages: the schema's
 * own `msg()` text where given, else zod's Arabic and English locale messages.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: english });
  if (result.success) return result.data;
  const inArabic = schema.safeParse(input, { error: arabic });
  const arabicIssues = inArabic.success ? [] : inArabic.error.issues;
  const fields: FieldProblem[] = result.error.issues.map((issue, i) => ({
    path: issue.path.map(String).join('.') || '(body)',
    // A msg() text reads the same in both passes; zod's own texts differ by locale (and may contain '|').
    message: (arabicIssues[i]?.message === issue.message ? splitMessage(issue.message) : undefined) ?? {
      ar: arabicIssues[i]?.message ?? issue.message,
      en: issue.message,
    },
  }));
  throw new ValidationError(INVALID_REQUEST, fields);
}
