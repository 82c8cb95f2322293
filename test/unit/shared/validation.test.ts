import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from '#core/errors.ts';
import { integerParam, msg, parseInput } from '#shared/validation.ts';

const ARABIC_LETTER = /\p{Script=Arabic}/u;

const schema = z.object({
  name: z.string().check(z.minLength(2, msg({ ar: 'الاسم قصير جداً.', en: 'The name is too short.' }))),
  age: z.number(),
  address: z.optional(z.object({ wilayat: z.string() })),
  kind: z.optional(z.enum(['complaint', 'suggestion'])),
});

function problemsOf(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseInput', () => {
  it('returns the parsed data when the input is valid', () => {
    // Act
    const data = parseInput(schema, { name: 'أمل', age: 30, extra: 'dropped' });

    // Assess
    expect(data).toEqual({ name: 'أمل', age: 30 });
  });

  it('throws a bilingual ValidationError', () => {
    // Act
    const error = problemsOf({ name: 'أمل' });

    // Assess
    expect(error.status).toBe(400);
    expect(error.messages).toEqual({
      ar: 'الطلب يحتوي على بيانات غير صحيحة.',
      en: 'The request contains invalid data.',
    });
  });

  it("splits a schema's own msg() text into Arabic and English", () => {
    // Act
    const error = problemsOf({ name: 'x', age: 30 });

    // Assess
    expect(error.fields).toEqual([
      { path: 'name', message: { ar: 'الاسم قصير جداً.', en: 'The name is too short.' } },
    ]);
  });

  it.each([
    ['a missing number', { name: 'أمل' }, 'age', 'Invalid input: expected number, received undefined'],
    [
      'a wrong type',
      { name: 'أمل', age: 'ثلاثون' },
      'age',
      'Invalid input: expected number, received string',
    ],
    [
      'a nested field',
      { name: 'أمل', age: 3, address: {} },
      'address.wilayat',
      'Invalid input: expected string, received undefined',
    ],
    ['a body that is no object', 42, '(body)', 'Invalid input: expected object, received number'],
  ])("uses zod's English and Arabic locale texts for %s", (_label, input, path, english) => {
    // Act
    const error = problemsOf(input);

    // Assess
    expect(error.fields).toHaveLength(1);
    const [field] = error.fields;
    expect(field?.path).toBe(path);
    expect(field?.message.en).toBe(english);
    expect(field?.message.ar).toMatch(ARABIC_LETTER);
    expect(field?.message.ar).not.toBe(english);
  });

  it('reports every problem, each in both languages', () => {
    // Act
    const error = problemsOf({ name: '', age: null });

    // Assess
    expect(error.fields.map((f) => f.path)).toEqual(['name', 'age']);
    expect(error.fields[0]?.message.ar).toBe('الاسم قصير جداً.');
    expect(error.fields[1]?.message.ar).toMatch(ARABIC_LETTER);
    expect(error.fields[1]?.message.en).toMatch(/expected number/);
  });

  // zod's enum message lists the options joined by "|", which splitMessage takes for the ar|en separator.
  it('keeps an invalid enum option message whole (zod texts may contain "|")', () => {
    // Act
    const error = problemsOf({ name: 'أمل', age: 3, kind: 'praise' });

    // Assess
    expect(error.fields[0]?.message.en).toBe('Invalid option: expected one of "complaint"|"suggestion"');
    expect(error.fields[0]?.message.ar).toMatch(ARABIC_LETTER);
  });
});

describe('msg', () => {
  it('joins both languages with a bar', () => {
    expect(msg({ ar: 'مطلوب', en: 'Required' })).toBe('مطلوب|Required');
  });
});

describe('integerParam: a whole number in a range, as typed in any of our digit sets', () => {
  const limit = z.object({
    limit: integerParam({
      min: 1,
      max: 100,
      message: { ar: 'الحد من ١ إلى ١٠٠.', en: 'limit is 1 to 100.' },
    }),
  });
  it.each([
    ['25', 25],
    ['٢٥', 25],
    ['۲۵', 25],
    ['\u200f٢٥\u200e', 25],
    [' 7 ', 7],
    [100, 100],
  ])('takes %j as %d', (raw, n) => {
    expect(parseInput(limit, { limit: raw })).toEqual({ limit: n });
  });
  it.each(['', '0', '101', '-1', '1e1', '0x10', '2.5', '+5', '٥ ٥', 'abc', 2.5])(
    'refuses %j in both languages',
    (raw) => {
      try {
        parseInput(limit, { limit: raw });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields[0]?.message).toEqual({
          ar: 'الحد من ١ إلى ١٠٠.',
          en: 'limit is 1 to 100.',
        });
      }
    },
  );
});
