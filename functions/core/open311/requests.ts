import { type Case, type CaseStatus, isOpen, STATUS_LABELS } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import type { QueueEntry } from '../ports.ts';
import { formatDateTime } from './params.ts';
import type { Open311Language } from './services.ts';
import type { Open311Value } from './xml.ts';

/** Core GeoReport v2 has two statuses: every case still being worked is `open`, resolved or closed is `closed`. */
export const open311Status = (status: CaseStatus): 'open' | 'closed' =>
  isOpen({ status }) ? 'open' : 'closed';

/**
 * Decimal places of a published position: 3 (about 110 m) shows the street, not the house the citizen
 * may have reported from (docs/decisions/0090).
 */
const PUBLIC_COORDINATE_DECIMALS = 3;
const roundCoordinate = (n: number) => Number(n.toFixed(PUBLIC_COORDINATE_DECIMALS));

export type PublicRequestOptions = {
  lang: Open311Language;
  utcOffsetMinutes: number;
  /** `extensions=true`: Chicago-style `extended_attributes` (channel, wilayat, tier). */
  extensions: boolean;
};

/**
 * A case as the public GeoReport v2 `request`: anyone may read it, so it carries no citizen free text
 * (neither the description nor the typed address), no contact detail, no agent, no internal note;
 * `status_notes` is the public wording of the status; the position is rounded.
 */
export function publicRequest(
  c: Pick<
    Case,
    'reference' | 'status' | 'categoryCode' | 'departmentCode' | 'createdAt' | 'originChannel' | 'tier'
  > &
    Partial<Pick<Case, 'updatedAt' | 'location' | 'mergedInto' | 'resolvedAt' | 'closedAt'>>,
  catalogue: Catalogue,
  options: PublicRequestOptions,
): Open311Value {
  const { lang, utcOffsetMinutes } = options;
  const category = catalogue.categories.find((cat) => cat.code === c.categoryCode);
  const department = catalogue.departments.find((d) => d.code === c.departmentCode);
  const wilayat = catalogue.wilayats.find((w) => w.code === c.location?.wilayatCode);
  const at = (iso: string | undefined) => (iso ? formatDateTime(iso, utcOffsetMinutes) : undefined);
  const updated = c.closedAt ?? c.updatedAt ?? c.resolvedAt ?? c.createdAt;
  return {
    service_request_id: c.reference,
    status: open311Status(c.status),
    status_notes: STATUS_LABELS[c.status][lang],
    service_name: category?.name[lang] ?? c.categoryCode,
    service_code: category?.open311Code ?? c.categoryCode,
    agency_responsible: department?.name[lang] ?? c.departmentCode,
    requested_datetime: at(c.createdAt),
    // Never before the request itself, whatever the summary carried.
    updated_datetime: at(updated && updated >= c.createdAt ? updated : c.createdAt),
    ...(c.location ? { lat: roundCoordinate(c.location.lat), long: roundCoordinate(c.location.lng) } : {}),
    ...(options.extensions
      ? {
          extended_attributes: {
            channel: c.originChannel,
            wilayat: wilayat?.code ?? null,
            wilayat_name: wilayat?.name[lang] ?? null,
            tier: c.tier,
            duplicate: c.mergedInto !== undefined,
            parent_service_request_id: c.mergedInto ?? null,
          },
        }
      : {}),
  };
}

/** What GET requests filters on: the index summaries carry all of it. */
export type RequestFilter = {
  serviceCodes?: readonly string[];
  statuses?: readonly ('open' | 'closed')[];
};

export function matchesFilter(entry: QueueEntry, catalogue: Catalogue, filter: RequestFilter): boolean {
  if (filter.statuses && !filter.statuses.includes(open311Status(entry.status))) return false;
  if (filter.serviceCodes) {
    const code = catalogue.categories.find((c) => c.code === entry.categoryCode)?.open311Code;
    if (!code || !filter.serviceCodes.includes(code)) return false;
  }
  return true;
}
