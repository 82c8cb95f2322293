/**
 * A table to export (a view of the panel, the figures of a month, the open-data cases): its columns in
 * order, its rows as plain values. The CSV and XLSX writers read it the same way, in the browser and in
 * Lambda: no Node APIs, bytes as Uint8Array.
 */
export type ExportLanguage = 'ar' | 'en';

export type ExportColumn = {
  /** The row's property this column shows. */
  key: string;
  /** The header, in the table's language. */
  label: string;
};

export type ExportTable = {
  /** The file's and the sheet's title. */
  title: string;
  columns: readonly ExportColumn[];
  rows: readonly Record<string, unknown>[];
  /** Arabic sheets are right to left. */
  language: ExportLanguage;
};

/** A cell's value as a spreadsheet sees it. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** A calendar day, `YYYY-MM-DD` (local days, as the analytics store keeps them). */
  | { kind: 'date'; value: string }
  /** An instant: an ISO timestamp with its zone (UTC from the store), or a Date. */
  | { kind: 'datetime'; value: Date }
  | { kind: 'text'; value: string };

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** An ISO instant with a zone (`…Z` or `…+04:00`); Athena's `2026-03-01 06:00:00.000` (UTC) too. */
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** What a value is: numbers stay numbers, days and instants become dates, everything else text. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'empty' };
  if (typeof value === 'bigint') return { kind: 'number', value: Number(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { kind: 'empty' } : { kind: 'datetime', value };
  if (typeof value === 'string') {
    if (DAY.test(value)) return { kind: 'date', value };
    if (INSTANT.test(value)) {
      const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
      const at = new Date(zoned.replace(' ', 'T'));
      if (!Number.isNaN(at.getTime())) return { kind: 'datetime', value: at };
    }
    return { kind: 'text', value };
  }
  return { kind: 'text', value: JSON.stringify(value) ?? String(value) };
}

/** A safe file name from a title: letters of any script, digits, dashes; the extension appended. */
export function exportFileName(title: string, extension: 'csv' | 'xlsx' | 'json' | 'pdf'): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'export'}.${extension}`;
}
