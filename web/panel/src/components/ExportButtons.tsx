import { useState } from 'react';
import { CSV_MEDIA_TYPE, csvBytes } from '../../../../functions/core/exports/csv.ts';
import { type ExportTable, exportFileName } from '../../../../functions/core/exports/table.ts';
import { type Bilingual, type Lang, pick } from '../i18n.tsx';

export type ExportButtonsProps = {
  /** The file's name and the sheet's title (e.g. "حجم البلاغات 2026-03"). */
  title: string;
  columns: { key: string; label: string }[];
  /** The rows on screen: what is exported is what the user sees. */
  rows: Record<string, unknown>[];
  language: Lang;
  /** The municipality's offset from UTC (the calendar /v1/me sends): spreadsheets have no time zones, so
   * instants are written as the local clock shows them. */
  utcOffsetMinutes: number;
};

const LABELS = {
  group: { ar: 'تصدير هذا العرض', en: 'Export this view' },
  csv: { ar: 'تنزيل CSV', en: 'Download CSV' },
  excel: { ar: 'تنزيل Excel', en: 'Download Excel' },
  preparing: { ar: 'جارٍ التجهيز…', en: 'Preparing…' },
  failed: { ar: 'تعذّر إعداد الملف، حاولوا مرة أخرى.', en: 'The file could not be prepared; try again.' },
} satisfies Record<string, Bilingual>;

/** Hands the bytes to the browser as a download. */
function download(bytes: Uint8Array, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Two buttons that download the current view as CSV (UTF-8 with BOM, for Excel) and as an Excel workbook
 * (right to left in Arabic). The XLSX writer and its zip library load only when Excel is asked for.
 */
export function ExportButtons({ title, columns, rows, language, utcOffsetMinutes }: ExportButtonsProps) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const table: ExportTable = { title, columns, rows, language };
  const nothing = columns.length === 0;

  const downloadCsv = () => {
    setFailed(false);
    download(csvBytes(table), CSV_MEDIA_TYPE, exportFileName(title, 'csv'));
  };
  const downloadExcel = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const { xlsxBytes, XLSX_MEDIA_TYPE } = await import('../../../../functions/core/exports/xlsx.ts');
      download(xlsxBytes(table, { utcOffsetMinutes }), XLSX_MEDIA_TYPE, exportFileName(title, 'xlsx'));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="export-buttons" aria-label={pick(LABELS.group, language)}>
      <button type="button" data-export="csv" disabled={nothing} onClick={downloadCsv}>
        {pick(LABELS.csv, language)}
      </button>
      <button
        type="button"
        data-export="xlsx"
        disabled={nothing || busy}
        aria-busy={busy}
        onClick={() => void downloadExcel()}
      >
        {pick(busy ? LABELS.preparing : LABELS.excel, language)}
      </button>
      {failed ? (
        <span role="alert" className="small">
          {pick(LABELS.failed, language)}
        </span>
      ) : null}
    </fieldset>
  );
}
