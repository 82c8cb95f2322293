/**
 * An Excel workbook (Office Open XML SpreadsheetML, ECMA-376), written directly and zipped with fflate:
 * one sheet, a bold frozen header row, shared strings, numbers as numbers, days and instants as Excel
 * dates with a date format, column widths from the content, and `rightToLeft` sheets for Arabic. No
 * formulas are ever written (text cells are shared strings), so text cannot run as one.
 * Pure TypeScript with Uint8Array: the panel (lazy-loaded) and Lambda use the same writer.
 */
import { strToU8, zipSync } from 'fflate';
import { type Cell, cellOf, type ExportTable } from './table.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxOptions = {
  /**
   * Instants are shown in this zone (minutes east of UTC, e.g. 240 for Asia/Muscat): Excel dates carry no
   * zone, so they are written as the local wall-clock time. Default 0 (UTC).
   */
  utcOffsetMinutes?: number;
  /** The workbook's creation time in its properties; default now. */
  createdAt?: Date;
};

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 of the 1900 date system, as counted after its 1900 leap-year bug: 1899-12-30. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Cell styles (indexes into cellXfs of styles.xml). */
const STYLE = { plain: 0, header: 1, date: 2, datetime: 3 } as const;

/** Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML cannot carry is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** An Excel date serial for a local day (`YYYY-MM-DD`). */
export function daySerial(day: string): number {
  return (Date.parse(`${day}T00:00:00Z`) - EXCEL_EPOCH) / MS_PER_DAY;
}

/** An Excel date serial for an instant, as the wall-clock time `utcOffsetMinutes` east of UTC. */
export function instantSerial(at: Date, utcOffsetMinutes = 0): number {
  return (at.getTime() + utcOffsetMinutes * 60_000 - EXCEL_EPOCH) / MS_PER_DAY;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not empty. */
export function sheetName(title: string): string {
  const cleaned = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  return [...(cleaned || 'Sheet1')].slice(0, 31).join('').trimEnd();
}

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  ref(text: string): number {
    this.count += 1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/** Roughly how many characters wide a value shows (for the column width). */
function shownLength(cell: Cell): number {
  switch (cell.kind) {
    case 'empty':
      return 0;
    case 'number':
      return String(cell.value).length;
    case 'boolean':
      return 5;
    case 'date':
      return 10;
    case 'datetime':
      return 16;
    case 'text':
      return Math.max(...cell.value.split(/\r?\n/).map((line) => [...line].length));
  }
}

const textElement = (text: string) =>
  /^\s|\s$|\n/.test(text) ? `<t xml:space="preserve">${xmlEscape(text)}</t>` : `<t>${xmlEscape(text)}</t>`;

function cellXml(ref: string, cell: Cell, strings: SharedStrings, offset: number, style?: number): string {
  const s = style ? ` s="${style}"` : '';
  switch (cell.kind) {
    case 'empty':
      return style ? `<c r="${ref}"${s}/>` : '';
    case 'number':
      return `<c r="${ref}"${s}><v>${cell.value}</v></c>`;
    case 'boolean':
      return `<c r="${ref}" t="b"${s}><v>${cell.value ? 1 : 0}</v></c>`;
    case 'date':
      return `<c r="${ref}" s="${STYLE.date}"><v>${daySerial(cell.value)}</v></c>`;
    case 'datetime':
      return `<c r="${ref}" s="${STYLE.datetime}"><v>${instantSerial(cell.value, offset)}</v></c>`;
    case 'text':
      return `<c r="${ref}" t="s"${s}><v>${strings.ref(cell.value)}</v></c>`;
  }
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function worksheetXml(table: ExportTable, strings: SharedStrings, offset: number, selected: boolean): string {
  const cols = table.columns;
  const widths = cols.map((c) => [...c.label].length);
  const header = cols
    .map((c, i) =>
      cellXml(`${columnName(i)}1`, { kind: 'text', value: c.label }, strings, offset, STYLE.header),
    )
    .join('');
  const rows = [`<row r="1">${header}</row>`];
  table.rows.forEach((row, r) => {
    const cells = cols.map((c, i) => {
      const cell = cellOf(row[c.key]);
      widths[i] = Math.max(widths[i] ?? 0, shownLength(cell));
      return cellXml(`${columnName(i)}${r + 2}`, cell, strings, offset);
    });
    rows.push(`<row r="${r + 2}">${cells.join('')}</row>`);
  });
  const last = `${columnName(Math.max(cols.length, 1) - 1)}${table.rows.length + 1}`;
  const colsXml = cols
    .map((_, i) => {
      // Characters plus padding for the filter button and bold header; Excel's widths are in characters.
      const width = Math.min(60, Math.max(8, (widths[i] ?? 0) + 3));
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join('');
  const rtl = table.language === 'ar' ? ' rightToLeft="1"' : '';
  return (
    `${XML_HEADER}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${last}"/>` +
    `<sheetViews><sheetView${rtl}${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (colsXml ? `<cols>${colsXml}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    '</worksheet>'
  );
}

function sharedStringsXml(strings: SharedStrings): string {
  const items = strings.list.map((s) => `<si>${textElement(s)}</si>`).join('');
  return `${XML_HEADER}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">${items}</sst>`;
}

/** Fonts: regular and bold; formats: built-in 0 (General), yyyy-mm-dd and yyyy-mm-dd hh:mm. */
const STYLES_XML =
  `${XML_HEADER}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const contentTypesXml = (sheets: number) =>
  `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const ROOT_RELS_XML =
  `${XML_HEADER}<Relationships xmlns="${NS_PKG_REL}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  '</Relationships>';

/** Sheets are rId1…rIdN; styles and shared strings follow them. */
const workbookRelsXml = (sheets: number) =>
  `${XML_HEADER}<Relationships xmlns="${NS_PKG_REL}">` +
  Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId${sheets + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
  '</Relationships>';

/** Sheet names must be unique in a workbook (case-insensitively): later ones get a number. */
function uniqueSheetNames(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    const base = sheetName(title);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      name =
        [...base]
          .slice(0, 31 - suffix.length)
          .join('')
          .trimEnd() + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

const workbookXml = (names: readonly string[]) =>
  `${XML_HEADER}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
  '<bookViews><workbookView/></bookViews>' +
  `<sheets>${names.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
  '</workbook>';

const coreXml = (title: string, language: string, createdAt: Date) => {
  const at = `${createdAt.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>Nidaa</dc:creator><dc:language>${language}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    '</cp:coreProperties>'
  );
};

const APP_XML = `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Nidaa</Application></Properties>`;

/** One table as a workbook of one sheet. */
export function xlsxBytes(table: ExportTable, options: XlsxOptions = {}): Uint8Array {
  return xlsxWorkbookBytes(table.title, [table], options);
}

/** Several tables as one workbook, a sheet each (titled by the table), in the given order. */
export function xlsxWorkbookBytes(
  title: string,
  tables: readonly ExportTable[],
  options: XlsxOptions = {},
): Uint8Array {
  if (tables.length === 0) throw new Error('A workbook needs at least one sheet');
  const strings = new SharedStrings();
  const offset = options.utcOffsetMinutes ?? 0;
  const sheets = tables.map((table, i) => worksheetXml(table, strings, offset, i === 0));
  const createdAt = options.createdAt ?? new Date();
  const language = tables[0]?.language ?? 'ar';
  const part = (xml: string) => strToU8(xml);
  return zipSync(
    {
      '[Content_Types].xml': part(contentTypesXml(tables.length)),
      '_rels/.rels': part(ROOT_RELS_XML),
      'docProps/core.xml': part(coreXml(title, language, createdAt)),
      'docProps/app.xml': part(APP_XML),
      'xl/workbook.xml': part(workbookXml(uniqueSheetNames(tables.map((t) => t.title)))),
      'xl/_rels/workbook.xml.rels': part(workbookRelsXml(tables.length)),
      'xl/styles.xml': part(STYLES_XML),
      'xl/sharedStrings.xml': part(sharedStringsXml(strings)),
      ...Object.fromEntries(sheets.map((sheet, i) => [`xl/worksheets/sheet${i + 1}.xml`, part(sheet)])),
    },
    // Zip entries dated like the workbook, so the same table at the same time gives the same bytes.
    { level: 6, mtime: createdAt },
  );
}
