import { caseRow } from '#core/analytics/records.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase } from './builders.ts';

/**
 * `count` cases of one kind in one place, opened in the two hours before `endMs` (evenly spaced), as the
 * analytics store's `cases` rows: a cluster the spike detector must alert. References are
 * `<prefix><index>`.
 */
export function clusterRows(
  endMs: number,
  count: number,
  place: { categoryCode: string; departmentCode: string; wilayatCode: string; prefix: string },
) {
  const spacing = (2 * 3_600_000) / count;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(endMs - 2 * 3_600_000 + Math.floor(i * spacing)).toISOString();
    const c = aCase({
      reference: `${place.prefix}${i}`,
      categoryCode: place.categoryCode,
      departmentCode: place.departmentCode,
      location: { lat: 23.6, lng: 58.3, wilayatCode: place.wilayatCode },
      createdAt: at,
      updatedAt: at,
    });
    return caseRow(c, (id) => `key-${id.length}`, MUSCAT_CALENDAR);
  });
}
