import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#adapters/dynamodb/case-repository.ts';
import { TABLE_SCHEMA } from '#adapters/dynamodb/table-schema.ts';
import { formatReference, isValidReference, parseReference } from '#core/case/reference.ts';
import { addressOf, isDeliverableAddress } from '#core/channels/email-message.ts';
import { parseSmsCommand } from '#core/channels/sms-command.ts';
import { isOmaniMobile, normalizePhone } from '#core/contact/phone.ts';
import { ValidationError } from '#core/errors.ts';
import { emailAddress, parseInput } from '#shared/validation.ts';
import { toRequest } from '../../../functions/connect/hotline.handler.ts';
import { FUZZ } from './fuzz-settings.ts';

/**
 * Every parser that reads what citizens, carriers, Connect or clients send (issue 11, defect 8): on any
 * input it answers or refuses with a ValidationError, never throws anything else, and what it accepts is
 * what the rest of the system expects.
 */
const PREFIXES = ['MCT', 'بم'];
const ARABIC_INDIC = (digits: string) =>
  digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/** Anything: ASCII, Arabic, controls, bidi marks, astral characters, long strings. */
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(...'٠١٢٣٤٥٦٧٨٩0123456789 -_.,،#*+/:()\u200f\u2066\u2069رطSTamامإيقاف'),
    maxLength: 60,
  }),
);

const aReference = fc
  .tuple(fc.integer({ min: 2020, max: 2099 }), fc.integer({ min: 1, max: 999_999_999 }))
  .map(([year, sequence]) => formatReference(year, sequence));

/** A reference as people write it: digits in any script, any separators between groups, maybe a prefix. */
const typedReference = fc
  .record({
    reference: aReference,
    arabicDigits: fc.boolean(),
    cuts: fc.array(fc.integer({ min: 1, max: 11 }), { maxLength: 4 }),
    separator: fc.constantFrom(' ', '-', '.', '/', '_', ',', '،', '\u00a0', ' - ', '–', '٬'),
    prefix: fc.constantFrom('', 'MCT-', 'mct ', 'MCT: ', 'بم-'),
    around: fc.constantFrom(['', ''], ['(', ')'], ['', '.'], ['\u200f', '\u200f'], ['', '#']),
  })
  .map(({ reference, arabicDigits, cuts, separator, prefix, around }) => {
    const positions = [...new Set(cuts.filter((c) => c < reference.length))].sort((a, b) => a - b);
    let grouped = '';
    let last = 0;
    for (const p of positions) {
      grouped += reference.slice(last, p) + separator;
      last = p;
    }
    grouped += reference.slice(last);
    const digits = arabicDigits ? ARABIC_INDIC(grouped) : grouped;
    return { reference, typed: `${around[0]}${prefix}${digits}${around[1]}` };
  });

const onlyValidationErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
  }
};

describe('references', () => {
  it('never throws, and accepts only canonical references', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseReference(text, PREFIXES);
        if (parsed.ok) expect(isValidReference(parsed.reference)).toBe(true);
      }),
      FUZZ,
    );
  });

  it('reads a reference back however it is typed (digits, separators, prefix)', () => {
    fc.assert(
      fc.property(typedReference, ({ reference, typed }) => {
        expect(parseReference(typed, PREFIXES)).toEqual({ ok: true, reference });
      }),
      FUZZ,
    );
  });

  it('refuses every single wrong digit (the check digit)', () => {
    fc.assert(
      fc.property(aReference, fc.nat(), fc.integer({ min: 1, max: 9 }), (reference, at, shift) => {
        const i = at % reference.length;
        const wrong = `${reference.slice(0, i)}${(Number(reference[i]) + shift) % 10}${reference.slice(i + 1)}`;
        expect(parseReference(wrong, PREFIXES).ok).toBe(false);
      }),
      FUZZ,
    );
  });
});

describe('the SMS command grammar', () => {
  it('never throws on any message', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const command = parseSmsCommand(text, PREFIXES);
        expect([
          'status',
          'bad_reference',
          'vehicle',
          'help',
          'opt_out',
          'opt_in',
          'malformed',
          'message',
        ]).toContain(command.kind);
        if (command.kind === 'status') expect(isValidReference(command.reference)).toBe(true);
      }),
      FUZZ,
    );
  });

  it('reads "رط" or "ST" and a reference typed any way as that status command', () => {
    fc.assert(
      fc.property(
        typedReference,
        fc.constantFrom('رط', 'ST', 'st', 'status'),
        ({ reference, typed }, keyword) => {
          expect(parseSmsCommand(`${keyword} ${typed}`, PREFIXES)).toMatchObject({
            kind: 'status',
            reference,
          });
        },
      ),
      FUZZ,
    );
  });
});

describe('phone numbers', () => {
  it('never throws; what it accepts is E.164 and normalizes to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const phone = normalizePhone(text);
        if (!phone.ok) return;
        expect(phone.e164).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(normalizePhone(phone.e164)).toEqual(phone);
      }),
      FUZZ,
    );
  });

  it('reads an Omani mobile however it is written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('7', '9'),
        fc.stringMatching(/^\d{7}$/),
        fc.constantFrom('', '+968', '00968', '968', '+968 '),
        fc.constantFrom('', ' ', '-', '.'),
        fc.boolean(),
        (first, rest, country, separator, arabic) => {
          const national = `${first}${rest.slice(0, 3)}${separator}${rest.slice(3)}`;
          const written = `${country}${arabic ? ARABIC_INDIC(national) : national}`;
          const phone = normalizePhone(written);
          expect(phone).toEqual({ ok: true, e164: `+968${first}${rest}` });
          expect(isOmaniMobile(`+968${first}${rest}`)).toBe(true);
        },
      ),
      FUZZ,
    );
  });
});

describe('e-mail addresses', () => {
  const longAddress = fc
    .tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 300 }))
    .map(([local, domain]) => `${'a'.repeat(local)}@${'b'.repeat(domain)}.om`);

  it('reads a sender only when SMTP could answer it', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, longAddress, fc.emailAddress()), fc.boolean(), (text, named) => {
        const address = addressOf(named ? `Someone <${text}>` : text);
        if (address === '') return;
        expect(isDeliverableAddress(address)).toBe(true);
        expect(address.length).toBeLessThanOrEqual(254);
        expect(address).toBe(address.toLowerCase());
      }),
      FUZZ,
    );
  });

  it('accepts or refuses every address in the API with a ValidationError, never longer than 254', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, longAddress, fc.emailAddress()), (text) => {
        onlyValidationErrors(() => {
          const accepted = parseInput(emailAddress(), text);
          expect(accepted.length).toBeLessThanOrEqual(254);
        });
      }),
      FUZZ,
    );
  });
});

describe('page cursors', () => {
  const queue = TABLE_SCHEMA.indexes.queue;
  const partition = 'QUEUE#t1';

  it('refuses anything but a key of the queue being read, with a ValidationError', () => {
    const json = fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));
    fc.assert(
      fc.property(fc.oneof(anyText, json, fc.base64String()), (cursor) => {
        onlyValidationErrors(() => {
          const key = decodeCursor(cursor, queue, partition);
          if (key) expect(key[queue.partitionKey]).toBe(partition);
        });
      }),
      FUZZ,
    );
  });

  it('reads back every cursor it hands out', () => {
    fc.assert(
      fc.property(aReference, fc.date({ noInvalidDate: true }), (reference, due) => {
        const key = {
          pk: `CASE#${reference}`,
          sk: 'META',
          [queue.partitionKey]: partition,
          [queue.sortKey]: `${due.toISOString()}#${reference}`,
        };
        expect(decodeCursor(encodeCursor(key), queue, partition)).toEqual(key);
      }),
      FUZZ,
    );
  });
});

describe('the Connect flow input (the hotline Lambda’s event)', () => {
  const parameterValue = fc.oneof(
    fc.string({ maxLength: 300 }),
    typedReference.map((r) => r.typed),
  );
  const event = fc.record(
    {
      Name: fc.constantFrom('ContactFlowEvent', 'Other', ''),
      Details: fc.record(
        {
          ContactData: fc.record(
            {
              ContactId: fc.string({ maxLength: 300 }),
              Channel: fc.constantFrom('VOICE', 'CHAT', 'TASK', 'EMAIL', 'SMS'),
              Attributes: fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string(), fc.integer())),
              CustomerEndpoint: fc.option(fc.record({ Address: fc.string(), Type: fc.string() })),
            },
            { requiredKeys: [] },
          ),
          Parameters: fc.dictionary(
            fc.constantFrom('operation', 'lang', 'reference', 'key', 'rating', 'position'),
            fc.oneof(
              parameterValue,
              fc.constantFrom('status', 'identify', 'survey', 'en', 'ar'),
              fc.integer(),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it('reads the event or refuses it with a ValidationError, for any shape', () => {
    fc.assert(
      fc.property(fc.oneof(event, fc.jsonValue()), (raw) => {
        onlyValidationErrors(() => {
          const request = toRequest(raw);
          expect(['VOICE', 'CHAT']).toContain(request.channel);
          if (request.phone) expect(request.phone).toMatch(/^\+[1-9]\d{7,14}$/);
        });
      }),
      FUZZ,
    );
  });
});
