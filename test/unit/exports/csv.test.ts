import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvBytes, csvText, defuseFormula } from '../../../functions/core/exports/csv.ts';

/** An RFC 4180 reader (quoted fields, doubled quotes, CRLF records), to read what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('last record has no CRLF');
  return records;
}

const columns = [
  { key: 'wilayat', label: 'الولاية' },
  { key: 'cases', label: 'عدد البلاغات' },
  { key: 'note', label: 'ملاحظة' },
];

describe('CSV writer (RFC 4180, UTF-8 with BOM)', () => {
  it('starts with the UTF-8 byte-order mark and keeps Arabic intact', () => {
    const bytes = csvBytes({ columns, rows: [{ wilayat: 'بوشر', cases: 12, note: 'حفرة، عميقة' }] });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ['الولاية', 'عدد البلاغات', 'ملاحظة'],
      ['بوشر', '12', 'حفرة، عميقة'],
    ]);
  });

  it('quotes commas, quotes and line breaks, and ends every record with CRLF', () => {
    const text = csvText({
      columns: [
        { key: 'a', label: 'a' },
        { key: 'b', label: 'b' },
      ],
      rows: [{ a: 'x, "y"', b: 'line 1\nline 2' }, { a: null }],
    });
    expect(text).toBe('a,b\r\n"x, ""y""","line 1\nline 2"\r\n,\r\n');
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line 1\nline 2'],
      ['', ''],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const text = csvText({
      columns: [{ key: 'v', label: 'v' }],
      rows: [
        { v: '=HYPERLINK("http://evil","x")' },
        { v: '+1+cmd|calc' },
        { v: '-2+3' },
        { v: '@SUM(A1)' },
        { v: '\t=1' },
        { v: -5 },
        { v: '-5' },
        { v: '+96891234567' },
        { v: 'a=b' },
      ],
    });
    expect(parseCsv(text).map((r) => r[0])).toEqual([
      'v',
      `'=HYPERLINK("http://evil","x")`,
      "'+1+cmd|calc",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      '-5',
      '-5',
      '+96891234567',
      'a=b',
    ]);
  });

  it('writes text as written, Date instants as ISO UTC', () => {
    const text = csvText({
      columns: [
        { key: 'd', label: 'day' },
        { key: 't', label: 'at' },
        { key: 'b', label: 'ok' },
        { key: 'z', label: 'zoned' },
      ],
      rows: [
        { d: '2026-03-01', t: new Date('2026-03-01T06:00:00Z'), b: true, z: '2026-03-01T10:00:00+04:00' },
      ],
    });
    expect(parseCsv(text)[1]).toEqual([
      '2026-03-01',
      '2026-03-01T06:00:00.000Z',
      'true',
      '2026-03-01T10:00:00+04:00',
    ]);
  });

  it('reads back every table of arbitrary text exactly (formula starts defused)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 20 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const parsed = parseCsv(
          csvText({
            columns: [
              { key: 'a', label: 'A' },
              { key: 'b', label: 'B' },
            ],
            rows,
          }),
        );
        const expected = rows.map(({ a, b }) => [a, b].map((v) => (v === '' ? '' : defuseFormula(v))));
        expect(parsed.slice(1)).toEqual(expected);
      }),
    );
  });
});
