import { unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import {
  columnName,
  daySerial,
  sheetName,
  xlsxBytes,
  xlsxWorkbookBytes,
} from '../../../functions/core/exports/xlsx.ts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** happy-dom's XML parser, to read the parts as an XML consumer does. */
const parser = new new Window().DOMParser();

/** The workbook's parts as parsed XML documents (failing on XML that does not parse). */
function open(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const xml = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`no part ${name}`);
    const doc = parser.parseFromString(new TextDecoder().decode(file), 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) throw new Error(`${name} is not XML`);
    return doc;
  };
  return { files, xml };
}

/** The sheet as values, reading shared strings, numbers and styles as Excel does. */
function readSheet(bytes: Uint8Array) {
  const { xml } = open(bytes);
  const strings = [...xml('xl/sharedStrings.xml').getElementsByTagNameNS(NS, 'si')].map(
    (si) => si.getElementsByTagNameNS(NS, 't')[0]?.textContent ?? '',
  );
  const sheet = xml('xl/worksheets/sheet1.xml');
  const cells = new Map<string, { type: string | null; style: string | null; value: string | number }>();
  for (const c of sheet.getElementsByTagNameNS(NS, 'c')) {
    const v = c.getElementsByTagNameNS(NS, 'v')[0]?.textContent ?? '';
    const type = c.getAttribute('t');
    cells.set(c.getAttribute('r') ?? '', {
      type,
      style: c.getAttribute('s'),
      value: type === 's' ? (strings[Number(v)] ?? '?') : Number(v),
    });
  }
  return { sheet, cells, strings, xml };
}

const table = {
  title: 'حجم البلاغات — مارس 2026',
  language: 'ar' as const,
  columns: [
    { key: 'day', label: 'اليوم' },
    { key: 'wilayat', label: 'الولاية' },
    { key: 'cases', label: 'عدد البلاغات' },
    { key: 'at', label: 'آخر تحديث' },
    { key: 'note', label: 'ملاحظة' },
  ],
  rows: [
    { day: '2026-03-01', wilayat: 'بوشر', cases: 12, at: '2026-03-01T06:00:00.000Z', note: '=1+1' },
    { day: '2026-03-02', wilayat: 'بوشر', cases: 3.5, at: null, note: ' مسافة <و> & "اقتباس" ' },
  ],
};

describe('XLSX writer (SpreadsheetML)', () => {
  it('is a zip of the parts Excel needs, each well-formed XML', () => {
    const { files, xml } = open(xlsxBytes(table));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/app.xml',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const name of Object.keys(files)) expect(() => xml(name)).not.toThrow();
    const overrides = [...xml('[Content_Types].xml').getElementsByTagName('Override')].map((o) =>
      o.getAttribute('PartName'),
    );
    expect(overrides).toContain('/xl/worksheets/sheet1.xml');
    expect(overrides).toContain('/xl/sharedStrings.xml');
  });

  it('keeps Arabic intact in shared strings, with a bold header row, right to left', () => {
    const { sheet, cells, strings } = readSheet(xlsxBytes(table));
    expect(cells.get('A1')).toEqual({ type: 's', style: '1', value: 'اليوم' });
    expect(cells.get('C1')?.value).toBe('عدد البلاغات');
    expect(cells.get('B2')).toEqual({ type: 's', style: null, value: 'بوشر' });
    // One shared string for the repeated wilayat.
    expect(strings.filter((s) => s === 'بوشر')).toHaveLength(1);
    const view = sheet.getElementsByTagNameNS(NS, 'sheetView')[0];
    expect(view?.getAttribute('rightToLeft')).toBe('1');
    expect(sheet.getElementsByTagNameNS(NS, 'pane')[0]?.getAttribute('state')).toBe('frozen');
  });

  it('writes numbers as numbers, days and instants as dates, text never as a formula', () => {
    const { sheet, cells } = readSheet(xlsxBytes(table, { utcOffsetMinutes: 240 }));
    expect(cells.get('C2')).toEqual({ type: null, style: null, value: 12 });
    expect(cells.get('C3')?.value).toBe(3.5);
    // 2026-03-01 is Excel day 46082; 06:00 UTC is 10:00 in Muscat.
    expect(cells.get('A2')).toEqual({ type: null, style: '2', value: 46082 });
    expect(cells.get('D2')?.style).toBe('3');
    expect(cells.get('D2')?.value).toBeCloseTo(46082 + 10 / 24, 9);
    expect(cells.has('D3')).toBe(false);
    expect(cells.get('E2')).toEqual({ type: 's', style: null, value: '=1+1' });
    expect(sheet.getElementsByTagNameNS(NS, 'f')).toHaveLength(0);
    // Markup characters and surrounding spaces survive.
    expect(cells.get('E3')?.value).toBe(' مسافة <و> & "اقتباس" ');
  });

  it('defines the date formats the cells use, and sizes the columns', () => {
    const { xml, sheet } = readSheet(xlsxBytes(table));
    const formats = [...xml('xl/styles.xml').getElementsByTagNameNS(NS, 'numFmt')].map((f) =>
      f.getAttribute('formatCode'),
    );
    expect(formats).toEqual(['yyyy\\-mm\\-dd', 'yyyy\\-mm\\-dd\\ hh:mm']);
    const xfs = xml('xl/styles.xml')
      .getElementsByTagNameNS(NS, 'cellXfs')[0]
      ?.getElementsByTagNameNS(NS, 'xf');
    expect(xfs?.[2]?.getAttribute('numFmtId')).toBe('164');
    expect(xfs?.[3]?.getAttribute('numFmtId')).toBe('165');
    const widths = [...sheet.getElementsByTagNameNS(NS, 'col')].map((c) => Number(c.getAttribute('width')));
    expect(widths).toHaveLength(5);
    // The note column (27 characters) is wider than the day column (10).
    expect(widths[4]).toBeGreaterThan(widths[0] ?? 0);
    expect(sheet.getElementsByTagNameNS(NS, 'dimension')[0]?.getAttribute('ref')).toBe('A1:E3');
  });

  it('English sheets are left to right; the sheet name is one Excel accepts', () => {
    const { sheet, xml } = readSheet(
      xlsxBytes({ ...table, language: 'en', title: 'Volume: March/April [2026] and the rest of the year' }),
    );
    expect(sheet.getElementsByTagNameNS(NS, 'sheetView')[0]?.getAttribute('rightToLeft')).toBeNull();
    const name = xml('xl/workbook.xml').getElementsByTagNameNS(NS, 'sheet')[0]?.getAttribute('name');
    expect(name).toBe('Volume March April 2026 and the');
    expect(name?.length).toBeLessThanOrEqual(31);
    expect(sheetName('')).toBe('Sheet1');
  });

  it('names columns and days as Excel counts them', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(daySerial('1900-03-01')).toBe(61);
    expect(daySerial('2026-03-01')).toBe(46082);
  });
});

describe('XLSX workbook of several sheets', () => {
  it('gives each table its own sheet, names unique, strings shared across sheets', () => {
    const bytes = xlsxWorkbookBytes('التقرير الشهري', [
      table,
      { ...table, title: table.title, rows: table.rows.slice(0, 1) },
      { ...table, language: 'en', title: 'By channel' },
    ]);
    const { files, xml } = open(bytes);
    expect(Object.keys(files).filter((f) => f.startsWith('xl/worksheets/'))).toHaveLength(3);
    const sheets = [...xml('xl/workbook.xml').getElementsByTagNameNS(NS, 'sheet')];
    expect(sheets.map((s) => s.getAttribute('name'))).toEqual([
      'حجم البلاغات — مارس 2026',
      'حجم البلاغات — مارس 2026 (2)',
      'By channel',
    ]);
    const rels = [...xml('xl/_rels/workbook.xml.rels').getElementsByTagName('Relationship')].map((r) => [
      r.getAttribute('Id'),
      r.getAttribute('Target'),
    ]);
    expect(rels).toContainEqual(['rId3', 'worksheets/sheet3.xml']);
    expect(rels).toContainEqual(['rId5', 'sharedStrings.xml']);
    // The same text on every sheet is one shared string.
    const strings = [...xml('xl/sharedStrings.xml').getElementsByTagNameNS(NS, 'si')].map(
      (s) => s.textContent,
    );
    expect(strings.filter((s) => s === 'الولاية')).toHaveLength(1);
    const third = xml('xl/worksheets/sheet3.xml');
    expect(third.getElementsByTagNameNS(NS, 'sheetView')[0]?.getAttribute('rightToLeft')).toBeNull();
    expect(third.getElementsByTagNameNS(NS, 'sheetView')[0]?.getAttribute('tabSelected')).toBeNull();
  });
});
