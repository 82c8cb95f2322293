import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Open311Error } from '#core/open311/errors.ts';
import {
  commaList,
  formatDateTime,
  parseDateTime,
  parseNumber,
  parsePositiveInt,
  readParams,
  splitExtension,
} from '#core/open311/params.ts';

describe('Open311 parameters', () => {
  it('treats an empty parameter as absent and trims values', () => {
    const p = readParams(new URLSearchParams('status=&service_code=%20RDS-201%20&lat=23.6&lat=99'));
    expect(p.get('status')).toBeUndefined();
    expect(p.get('service_code')).toBe('RDS-201');
    expect(p.get('lat')).toBe('23.6');
  });

  it('gathers attribute[code] and attribute[code][] values', () => {
    const p = readParams(
      new URLSearchParams(
        'attribute[size]=large&attribute[animals][]=dogs&attribute[animals][]=cats&attribute[x]=',
      ),
    );
    expect(p.attributes.get('size')).toEqual(['large']);
    expect(p.attributes.get('animals')).toEqual(['dogs', 'cats']);
    expect(p.attributes.has('x')).toBe(false);
  });

  it('refuses a parameter longer than the description limit', () => {
    const p = readParams([['description', 'x'.repeat(4001)]]);
    expect(() => p.get('description')).toThrow(Open311Error);
  });

  it('splits the format from the resource, and knows only json and xml', () => {
    expect(splitExtension('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitExtension('RDS-201.XML')).toEqual({ name: 'RDS-201', format: 'xml' });
    expect(splitExtension('services.txt')).toBeUndefined();
    expect(splitExtension('services')).toBeUndefined();
  });

  it('reads comma lists', () => {
    expect(commaList('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(commaList(undefined)).toBeUndefined();
    expect(commaList(',')).toBeUndefined();
  });

  it('reads W3C datetimes with their zone, including a + lost to a space and Arabic-Indic digits', () => {
    expect(parseDateTime('d', '2026-12-07T08:00:00+04:00').toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(parseDateTime('d', '2026-12-07T08:00:00 04:00').toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(parseDateTime('d', '2026-12-07T04:00Z').toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(parseDateTime('d', '2026-12-07T08:00:00.5-0500').toISOString()).toBe('2026-12-07T13:00:00.500Z');
    expect(parseDateTime('d', '٢٠٢٦-١٢-٠٧T٠٨:٠٠:٠٠+٠٤:٠٠').toISOString()).toBe('2026-12-07T04:00:00.000Z');
    for (const bad of [
      '2026-12-07T08:00:00',
      '2026-12-07',
      'yesterday',
      '2026-13-07T08:00:00Z',
      '2026-12-07T25:00:00Z',
    ]) {
      expect(() => parseDateTime('start_date', bad)).toThrow(Open311Error);
    }
  });

  it('writes datetimes in Muscat time with the offset', () => {
    expect(formatDateTime('2026-12-07T20:30:15.123Z', 240)).toBe('2026-12-08T00:30:15+04:00');
    expect(formatDateTime('2026-12-07T20:30:15Z', 0)).toBe('2026-12-07T20:30:15Z');
    expect(formatDateTime('2026-12-07T20:30:15Z', -330)).toBe('2026-12-07T15:00:15-05:30');
  });

  it('reads numbers within bounds, with Arabic-Indic digits', () => {
    expect(parseNumber('lat', '٢٣٫٦١', -90, 90)).toBeCloseTo(23.61);
    expect(() => parseNumber('lat', '91', -90, 90)).toThrow(Open311Error);
    expect(() => parseNumber('lat', '1e3', -90, 90)).toThrow(Open311Error);
    expect(() => parsePositiveInt('page', '1.5', 10)).toThrow(Open311Error);
    expect(parsePositiveInt('page', '3', 10)).toBe(3);
  });

  it('answers any input with a value or an Open311Error, never anything else (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), (text) => {
        for (const parse of [
          () => parseDateTime('d', text),
          () => parseNumber('n', text, -90, 90),
          () => parsePositiveInt('p', text, 1000),
        ]) {
          try {
            parse();
          } catch (error) {
            expect(error).toBeInstanceOf(Open311Error);
            expect((error as Open311Error).status).toBe(400);
          }
        }
        const params = readParams(new URLSearchParams(text));
        expect(() => params.get('x')).not.toThrow();
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
