import * as z from 'zod/mini';
import arLocale from 'zod/v4/locales/ar.js';
import enLocale from 'zod/v4/locales/en.js';
import { MAX_ATTACHMENTS } from '#core/attachments/policy.ts';
import { type Bilingual, type FieldProblem, INVALID_REQUEST, ValidationError } from '#core/errors.ts';
import { stripBidiMarks, toLatinDigits } from '#core/text/digits.ts';

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

/**
 * An e-mail address SMTP can deliver to (RFC 5321: at most 254 characters, 64 before the @). zod's
 * z.email() has no length limit, and a longer address would not fit a DynamoDB key (issue 11, defect 8).
 */
export const emailAddress = (
  invalid = msg({ ar: 'البريد الإلكتروني غير صحيح.', en: 'The e-mail address is not valid.' }),
) =>
  z.email(invalid).check(
    z.maxLength(
      254,
      msg({
        ar: 'البريد الإلكتروني أطول من 254 حرفاً.',
        en: 'The e-mail address is longer than 254 characters.',
      }),
    ),
    z.refine(
      (address) => address.lastIndexOf('@') <= 64,
      msg({
        ar: 'الجزء قبل @ في البريد الإلكتروني أطول من 64 حرفاً.',
        en: 'The part of the e-mail address before @ is longer than 64 characters.',
      }),
    ),
  );

/**
 * A whole number from min to max, as a query string (or JSON) carries it: Latin, Arabic-Indic or Extended
 * Arabic-Indic digits, invisible bidi marks and spaces around them ignored; anything else (signs,
 * decimals, exponents, hex) is refused with `message`.
 */
export const integerParam = ({ min, max, message }: { min: number; max: number; message: Bilingual }) =>
  z
    .pipe(
      z.union([z.number(msg(message)), z.string(msg(message)).check(z.maxLength(16, msg(message)))]),
      z.transform((value) => {
        const digits = toLatinDigits(stripBidiMarks(String(value))).trim();
        return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
      }),
    )
    .check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, msg(message)));

/** A phone number as typed: long enough for any formatting, short enough to refuse junk at once. */
export const phoneInput = () =>
  z
    .string()
    .check(
      z.maxLength(
        40,
        msg({ ar: 'رقم الهاتف أطول من 40 حرفاً.', en: 'The phone number is longer than 40 characters.' }),
      ),
    );

/** Upload ids from POST /v1/uploads (docs/decisions/0013): at most MAX_ATTACHMENTS, each a UUID. */
export const uploadIdList = () =>
  z.array(z.uuid(msg({ ar: 'معرّف الملف المرفوع غير صحيح.', en: 'The upload id is not valid.' }))).check(
    z.maxLength(
      MAX_ATTACHMENTS,
      msg({
        ar: `يمكن إرفاق ${MAX_ATTACHMENTS} ملفات على الأكثر.`,
        en: `At most ${MAX_ATTACHMENTS} files can be attached.`,
      }),
    ),
  );
