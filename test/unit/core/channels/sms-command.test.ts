import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import { parseSmsCommand, type SmsCommand } from '#core/channels/sms-command.ts';

const PREFIXES = ['MCT'] as const;
/** 2026, sequence 123: a real reference with a valid Damm check digit. */
const REF = formatReference(2026, 123);
/** A seven-digit sequence: the reference grows to 10 digits. */
const LONG_REF = formatReference(2026, 1_000_000);
/** The same digits with the check digit changed, and with two digits swapped: both must be refused. */
const WRONG_CHECK = `${REF.slice(0, -1)}${(Number(REF.at(-1)) + 1) % 10}`;
const SWAPPED = `${REF.slice(0, 5)}${REF[6]}${REF[5]}${REF.slice(7)}`;

const arabicIndic = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const persian = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

const status = (language: 'ar' | 'en', reference = REF): SmsCommand => ({
  kind: 'status',
  reference,
  language,
});
const bad = (language: 'ar' | 'en'): SmsCommand => ({ kind: 'bad_reference', language });
const help = (language: 'ar' | 'en'): SmsCommand => ({ kind: 'help', language });
const message: SmsCommand = { kind: 'message' };

const ROWS: [body: string, expected: SmsCommand][] = [
  // Arabic status command
  [`رط ${REF}`, status('ar')],
  [`رط${REF}`, status('ar')],
  [`رط ${arabicIndic(REF)}`, status('ar')],
  [`رط${arabicIndic(REF)}`, status('ar')],
  [`رط ${persian(REF)}`, status('ar')],
  [`رط MCT-${REF}`, status('ar')],
  [`رط mct ${REF}`, status('ar')],
  [`رـط ${REF}`, status('ar')],
  [`رَط ${REF}`, status('ar')],
  [`\u200fرط \u2066${REF}\u2069`, status('ar')],
  [`\u202bرط\u202c \u200e${arabicIndic(REF)}\u200e`, status('ar')],
  [`   رط    ${REF}   `, status('ar')],
  [`رط\n${REF}`, status('ar')],
  [`رط ${REF.slice(0, 3)}-${REF.slice(3, 6)}-${REF.slice(6)}`, status('ar')],
  [`رط ${REF.slice(0, 2)} ${REF.slice(2)}`, status('ar')],
  [`رط ${REF}#`, status('ar')],
  [`رط ${LONG_REF}`, status('ar', LONG_REF)],
  // English status command
  [`ST ${REF}`, status('en')],
  [`st ${REF}`, status('en')],
  [`ST${REF}`, status('en')],
  [`status ${REF}`, status('en')],
  [`STATUS ${REF}`, status('en')],
  [`ST ${arabicIndic(REF)}`, status('en')],
  [`ST MCT-${REF}`, status('en')],
  [`ST MCT ${REF}`, status('en')],
  // A status command with an unusable reference
  [`رط ${WRONG_CHECK}`, bad('ar')],
  [`رط ${SWAPPED}`, bad('ar')],
  [`ST ${WRONG_CHECK}`, bad('en')],
  [`رط ${REF.slice(0, 5)}`, bad('ar')],
  [`رط ${REF}${REF}`, bad('ar')],
  ['رط', bad('ar')],
  ['رط abc', bad('ar')],
  ['status', bad('en')],
  ['ST', bad('en')],
  // Help
  ['مساعدة', help('ar')],
  ['مساعده', help('ar')],
  ['مُساعَدة', help('ar')],
  ['  مساعدة  ', help('ar')],
  ['HELP', help('en')],
  ['help', help('en')],
  ['Help', help('en')],
  // Messages: anything else is a follow-up or a new case
  ['في حفرة كبيرة في الشارع', message],
  ['The street light on our road is out', message],
  ['help me please, the street is flooded', message],
  ['مساعدة عاجلة الشارع غارق', message],
  [REF, message],
  ['', message],
  ['stop', message],
  [`رطب ${REF}`, message],
];

/** Punctuation between keyword and number is a separator, not part of the keyword. */
const SEPARATOR_ROWS: [body: string, expected: SmsCommand][] = [
  [`st: ${REF}`, status('en')],
  [`Status: ${REF}`, status('en')],
  [`رط: ${REF}`, status('ar')],
  [`رط، ${REF}`, status('ar')],
  [`رط-${REF}`, status('ar')],
  [`رطMCT-${REF}`, status('ar')],
];

describe('parseSmsCommand', () => {
  it('has real references to parse', () => {
    expect([REF, LONG_REF, WRONG_CHECK, SWAPPED]).toEqual([
      '260001233',
      '2610000006',
      '260001234',
      '260002133',
    ]);
  });

  it.each(ROWS)('%j → %o', (body, expected) => {
    // Act
    const command = parseSmsCommand(body, PREFIXES);

    // Assess
    expect(command).toEqual(expected);
  });

  it.each(SEPARATOR_ROWS)('%j → %o (punctuation after the keyword)', (body, expected) => {
    expect(parseSmsCommand(body, PREFIXES)).toEqual(expected);
  });

  it('accepts a display prefix only when it is configured', () => {
    // Act
    const withoutPrefixes = parseSmsCommand(`رط MCT-${REF}`, []);

    // Assess
    expect(withoutPrefixes).toEqual(bad('ar'));
  });
});
