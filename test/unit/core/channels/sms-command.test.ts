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
const malformed = (command: 'status' | 'vehicle', language: 'ar' | 'en'): SmsCommand => ({
  kind: 'malformed',
  command,
  language,
});
const vehicle = (number: string, code: string, language: 'ar' | 'en' = 'ar'): SmsCommand => ({
  kind: 'vehicle',
  plate: { number, code },
  language,
});
const optOut = (language: 'ar' | 'en'): SmsCommand => ({ kind: 'opt_out', language });
const optIn = (language: 'ar' | 'en'): SmsCommand => ({ kind: 'opt_in', language });
/** Presentation forms, as some phones and PDFs send them: ﺭﻁ is رط. */
const PRESENTATION_RT = '\uFEAD\uFEC1';
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
  // A status keyword without a number: usage help
  ['رط', malformed('status', 'ar')],
  ['رط abc', malformed('status', 'ar')],
  ['status', malformed('status', 'en')],
  ['ST', malformed('status', 'en')],
  ['حالة', malformed('status', 'ar')],
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
  [`رطب ${REF}`, message],
];

/** Presentation forms, full-width and mixed digit scripts, Persian letters, extra punctuation. */
const ROBUSTNESS_ROWS: [body: string, expected: SmsCommand][] = [
  [`${PRESENTATION_RT} ${arabicIndic(REF)}`, status('ar')],
  [`${PRESENTATION_RT}${REF}`, status('ar')],
  [`رط ${arabicIndic(REF.slice(0, 4))}${REF.slice(4, 6)}${persian(REF.slice(6))}`, status('ar')],
  [`رط ${REF.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`, status('ar')],
  [`رطـــــ ${REF}`, status('ar')],
  [`*رط* ${REF}!!`, status('ar')],
  [`رط؛ ${REF}؟`, status('ar')],
  [`حالة ${arabicIndic(REF)}`, status('ar')],
  [`حاله: ${REF}`, status('ar')],
  [`\u200fST\u200f ${REF}.`, status('en')],
  [`رط\u00a0${REF}`, status('ar')],
  [`حالة ${REF} ما زالت الحفرة`, { kind: 'message', reference: REF }],
  ['حالة الطريق سيئة جدا بعد المطر', message],
  ['St. Mary road has a broken light 5 days now', message],
];

/** The vehicle lookup: plate digits (up to five) and a code of one or two letters, in either order. */
const VEHICLE_ROWS: [body: string, expected: SmsCommand][] = [
  ['ام 12345 اب', vehicle('12345', 'اب')],
  ['ام ١٢٣٤٥ اب', vehicle('12345', 'اب')],
  ['ام ۱۲۳۴۵ ا ب', vehicle('12345', 'اب')],
  ['إم 12345 أب', vehicle('12345', 'اب')],
  ['ام12345اب', vehicle('12345', 'اب')],
  ['ام اب 12345', vehicle('12345', 'اب')],
  ['ام 12345-اب', vehicle('12345', 'اب')],
  ['ام: ٤٨٢١ ر', vehicle('4821', 'ر')],
  ['ﺍﻡ 4821 ر', vehicle('4821', 'ر')],
  ['اَمْ ٤٨٢١ رَ', vehicle('4821', 'ر')],
  ['\u200fام\u200f \u2066777\u2069 AR', vehicle('777', 'AR')],
  ['VH 777 AR', vehicle('777', 'AR', 'en')],
  ['vh 777 ar', vehicle('777', 'AR', 'en')],
  ['VH777AR', vehicle('777', 'AR', 'en')],
  ['VH ٧٧٧ ar', vehicle('777', 'AR', 'en')],
  ['VH 12345 اب', vehicle('12345', 'اب', 'en')],
  // A vehicle keyword without a usable plate: usage help
  ['ام', malformed('vehicle', 'ar')],
  ['ام 12345', malformed('vehicle', 'ar')],
  ['ام 123456 اب', malformed('vehicle', 'ar')],
  ['VH', malformed('vehicle', 'en')],
  ['VH 777', malformed('vehicle', 'en')],
  ['VH hello', malformed('vehicle', 'en')],
  ['VH 12345 ABC', malformed('vehicle', 'en')],
  // ام is also a word ("mother", "or"): a sentence that starts with it is a message
  ['ام احمد تشتكي من تجمع المياه', message],
  ['ام 5 سيارات متوقفة على الرصيف', message],
];

/** STOP and START, in both languages, alone or with punctuation; anything longer is a message. */
const OPT_ROWS: [body: string, expected: SmsCommand][] = [
  ['إيقاف', optOut('ar')],
  ['ايقاف', optOut('ar')],
  ['إيـقـاف', optOut('ar')],
  ['  إيقاف.  ', optOut('ar')],
  ['STOP', optOut('en')],
  ['stop', optOut('en')],
  ['Stop!', optOut('en')],
  ['بدء', optIn('ar')],
  ['ابدأ', optIn('ar')],
  ['START', optIn('en')],
  ['start', optIn('en')],
  ['stop the trucks from parking here at night', message],
  ['ايقاف سيارة في مكان الاعاقة', message],
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

  it.each(ROBUSTNESS_ROWS)('%j → %o (how phones really send it)', (body, expected) => {
    expect(parseSmsCommand(body, PREFIXES)).toEqual(expected);
  });

  it.each(VEHICLE_ROWS)('%j → %o (vehicle lookup)', (body, expected) => {
    expect(parseSmsCommand(body, PREFIXES)).toEqual(expected);
  });

  it.each(OPT_ROWS)('%j → %o (opt out / in)', (body, expected) => {
    expect(parseSmsCommand(body, PREFIXES)).toEqual(expected);
  });

  it('has a grammar table of at least 50 real-looking variants in both languages and digit scripts', () => {
    const all = [...ROWS, ...SEPARATOR_ROWS, ...ROBUSTNESS_ROWS, ...VEHICLE_ROWS, ...OPT_ROWS];
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(all.some(([body]) => /[\u0660-\u0669]/.test(body))).toBe(true);
    expect(all.some(([body]) => /[\u06f0-\u06f9]/.test(body))).toBe(true);
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
