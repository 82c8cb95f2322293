/**
 * CSV as RFC 4180 writes it (fields separated by commas, CRLF line ends, a field holding a comma, quote
 * or line break quoted, quotes doubled), with a header row, in UTF-8 behind a byte-order mark: without it
 * Excel reads the file in the machine's code page and Arabic comes out as mojibake (docs/exports.md).
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is defused with a leading
 * apostrophe, as OWASP's CSV-injection guidance says; numbers are written as numbers.
 */
import { cellOf, type ExportTable } from './table.ts';

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

const UTF8_BOM = '\ufeff';
/** What starts a formula in Excel, LibreOffice and Google Sheets (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text ("-5", "+968") is not a formula: it stays as it is. */
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** A text cell that cannot run as a formula when the file is opened. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function fieldOf(value: unknown): string {
  // Text stays as written (a datetime keeps its offset); only other values are converted.
  if (typeof value === 'string') return csvField(defuseFormula(value));
  const cell = cellOf(value);
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'date':
      return cell.value;
    case 'datetime':
      return cell.value.toISOString();
    case 'text':
      return csvField(defuseFormula(cell.value));
  }
}

/** The table as CSV text (header row first), without the byte-order mark. */
export function csvText(table: Pick<ExportTable, 'columns' | 'rows'>): string {
  const header = table.columns.map((c) => csvField(defuseFormula(c.label)));
  const lines = table.rows.map((row) => table.columns.map((c) => fieldOf(row[c.key])).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** The CSV file's bytes: UTF-8 with a byte-order mark. */
export function csvBytes(table: Pick<ExportTable, 'columns' | 'rows'>): Uint8Array {
  return new TextEncoder().encode(UTF8_BOM + csvText(table));
}
