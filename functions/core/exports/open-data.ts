/**
 * The open-data export of cases for researchers (docs/exports.md, decision 0113): Open311-like records
 * (GeoReport v2 field names) made from the rows of analytics/queries/open_data_cases.sql, which selects no
 * personal data. The position is the wilayat's centre, never the reported point; cases without a wilayat
 * have none. Names in the requested language; datetimes in Muscat time with their offset, as Open311 does.
 */

import { type AnalyticsRow, timestampMs } from '../analytics/engine.ts';
import type { CaseStatus } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import { formatDateTime } from '../open311/params.ts';
import { open311Status } from '../open311/requests.ts';
import type { ExportColumn, ExportLanguage } from './table.ts';

export type OpenDataRecord = {
  service_request_id: string;
  service_code: string;
  service_name: string;
  agency_responsible: string;
  status: 'open' | 'closed';
  requested_datetime: string;
  updated_datetime: string;
  channel: string;
  wilayat: string | null;
  wilayat_name: string | null;
  lat: number | null;
  long: number | null;
  duplicate: boolean;
};

/** The columns, in order (Open311 names; the CSV header is these names, the same in every language). */
export const OPEN_DATA_COLUMNS: readonly ExportColumn[] = [
  'service_request_id',
  'service_code',
  'service_name',
  'agency_responsible',
  'status',
  'requested_datetime',
  'updated_datetime',
  'channel',
  'wilayat',
  'wilayat_name',
  'lat',
  'long',
  'duplicate',
].map((key) => ({ key, label: key }));

/** An instant as the engine gives it (ISO text), or a Date from the local lake read directly. */
function isoOf(value: unknown): string {
  const ms = timestampMs(value);
  if (Number.isNaN(ms)) throw new Error(`Not a timestamp: ${String(value)}`);
  return new Date(ms).toISOString();
}

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

export function openDataRecords(
  rows: readonly AnalyticsRow[],
  catalogue: Catalogue,
  options: { language: ExportLanguage; utcOffsetMinutes: number },
): OpenDataRecord[] {
  const { language, utcOffsetMinutes } = options;
  const byCode = <T extends { code: string }>(items: readonly T[]) => new Map(items.map((i) => [i.code, i]));
  const categories = byCode(catalogue.categories);
  const departments = byCode(catalogue.departments);
  const wilayats = byCode(catalogue.wilayats);
  return rows.map((row) => {
    const category = categories.get(text(row.category_code));
    const department = departments.get(text(row.department_code));
    const wilayat = wilayats.get(text(row.wilayat_code));
    const requested = isoOf(row.created_at);
    // Never before the request itself (ISO instants in UTC sort as time does).
    const updated = row.updated_at ? isoOf(row.updated_at) : requested;
    return {
      service_request_id: text(row.reference),
      service_code: category?.open311Code ?? text(row.category_code),
      service_name: category?.name[language] ?? text(row.category_code),
      agency_responsible: department?.name[language] ?? text(row.department_code),
      status: open311Status(text(row.status) as CaseStatus),
      requested_datetime: formatDateTime(requested, utcOffsetMinutes),
      updated_datetime: formatDateTime([requested, updated].sort()[1] ?? requested, utcOffsetMinutes),
      channel: text(row.channel),
      wilayat: wilayat?.code ?? null,
      wilayat_name: wilayat?.name[language] ?? null,
      // The wilayat's centre: a place researchers can map, not the point the citizen stood on.
      lat: wilayat ? wilayat.centre.lat : null,
      long: wilayat ? wilayat.centre.lng : null,
      duplicate: row.duplicate === true || row.duplicate === 'true',
    };
  });
}
