import { describe, expect, it } from 'vitest';
import { isOmaniMobile, normalizePhone } from '../../../../functions/core/contact/phone.ts';

describe('normalizePhone', () => {
  it.each([
    // Omani mobiles, as people write them
    ['national mobile starting 9', '91234567', '+96891234567'],
    ['national mobile starting 7', '71234567', '+96871234567'],
    ['E.164', '+96891234567', '+96891234567'],
    ['+968 with spaces', '+968 9123 4567', '+96891234567'],
    ['00 international prefix', '0096891234567', '+96891234567'],
    ['00 with spaces', '00 968 9123 4567', '+96891234567'],
    ['968 without + (11 digits)', '96891234567', '+96891234567'],
    ['dashes', '9123-4567', '+96891234567'],
    ['Unicode dashes', '+968–9123–4567', '+96891234567'],
    ['dots', '9123.4567', '+96891234567'],
    ['parentheses around the country code', '(+968) 9123 4567', '+96891234567'],
    ['parentheses and dash', '(968) 9123-4567', '+96891234567'],
    ['surrounding whitespace', '  91234567\n', '+96891234567'],
    ['no-break spaces', '9123\u00a04567', '+96891234567'],
    ['Arabic-Indic digits', '٩١٢٣٤٥٦٧', '+96891234567'],
    ['Arabic-Indic with +968', '+٩٦٨ ٩١٢٣ ٤٥٦٧', '+96891234567'],
    ['Persian digits', '۹۱۲۳۴۵۶۷', '+96891234567'],
    ['mixed digit scripts', '٩1٢3۴5٦7', '+96891234567'],
    ['LRM around a pasted number', '\u200e+968 9123 4567\u200e', '+96891234567'],
    ['isolates around Arabic-Indic digits', '\u2066٠٠٩٦٨٧١٢٣٤٥٦٧\u2069', '+96871234567'],
    // Omani fixed lines and toll-free
    ['Muscat fixed line', '24123456', '+96824123456'],
    ['fixed line with +968', '+968 2412 3456', '+96824123456'],
    ['toll-free, 7 digits', '800 1234', '+9688001234'],
    ['toll-free, 8 digits', '800-12345', '+96880012345'],
    ['toll-free with +968', '+968 800 77 000', '+96880077000'],
    // Other countries: length only
    ['UAE mobile', '+971 50 123 4567', '+971501234567'],
    ['Saudi mobile with 00', '00966 50 123 4567', '+966501234567'],
    ['UK number', '+44 20 7946 0958', '+442079460958'],
    ['India mobile', '+91 98765 43210', '+919876543210'],
    ['shortest international (8 digits)', '+12345678', '+12345678'],
    ['longest international (15 digits)', '+123456789012345', '+123456789012345'],
  ])('accepts %s: %j → %s', (_label, input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['empty', '', 'empty'],
    ['only punctuation', ' ( ) - ', 'empty'],
    ['only bidi marks', '\u200f', 'empty'],
    ['letters', 'call me', 'invalid_characters'],
    ['letter among digits', '9123456O', 'invalid_characters'],
    ['extension', '91234567 ext 2', 'invalid_characters'],
    ['+ in the middle', '968+91234567', 'invalid_characters'],
    ['slash', '9123/4567', 'invalid_characters'],
    ['+ followed by 00', '+0096891234567', 'invalid_country_code'],
    ['country code 0', '+0123456789', 'invalid_country_code'],
    ['7 national digits', '9123456', 'bad_length'],
    ['9 national digits', '912345678', 'bad_length'],
    ['+968 with 7 digits', '+968 9123 456', 'bad_length'],
    ['+968 with 9 digits', '+968 9123 45678', 'bad_length'],
    ['leading 0 trunk prefix', '091234567', 'bad_length'],
    ['international too short', '+1234567', 'bad_length'],
    ['international too long', '+1234567890123456', 'bad_length'],
    ['Omani number starting 1', '11234567', 'invalid_omani_number'],
    ['Omani number starting 5', '+968 5123 4567', 'invalid_omani_number'],
    ['Omani number starting 8 but not 800', '81234567', 'invalid_omani_number'],
    ['Omani number starting 0', '01234567', 'invalid_omani_number'],
    ['968 prefix without + and a bad range', '96851234567', 'invalid_omani_number'],
  ])('rejects %s: %j as %s', (_label, input, reason) => {
    expect(normalizePhone(input)).toEqual({ ok: false, reason });
  });

  it('reads national numbers only for a country with a numbering plan', () => {
    expect(normalizePhone('91234567', 'AE')).toEqual({ ok: false, reason: 'unsupported_country' });
  });

  it('still accepts international numbers whatever the default country', () => {
    expect(normalizePhone('+968 9123 4567', 'AE')).toEqual({ ok: true, e164: '+96891234567' });
    expect(normalizePhone('00971501234567', 'AE')).toEqual({ ok: true, e164: '+971501234567' });
  });

  it.each(['+96891234567', '+96824123456', '+9688001234', '+971501234567'])(
    'leaves its own output %s unchanged',
    (e164) => {
      expect(normalizePhone(e164)).toEqual({ ok: true, e164 });
    },
  );
});

describe('isOmaniMobile', () => {
  it.each([
    ['+96891234567', true],
    ['+96871234567', true],
    ['+96824123456', false], // fixed line
    ['+96880012345', false], // toll-free
    ['+9688001234', false],
    ['+971501234567', false], // UAE mobile
    ['91234567', false], // not E.164
    ['+968912345678', false], // one digit too many
    ['+9689123456', false], // one digit short
    ['', false],
  ])('%j → %s', (e164, expected) => {
    expect(isOmaniMobile(e164)).toBe(expected);
  });
});
