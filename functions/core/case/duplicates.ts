import { distanceKm } from '../catalogue/geo.ts';
import type { LatLng } from '../catalogue/types.ts';
import type { QueueEntry } from '../ports.ts';
import { isOpen } from './case.ts';

/**
 * Citizens report the same pothole, overflowing bin or leak many times. A new report of the same category
 * within this distance and time of an open case is linked to it, so one team visit answers all of them.
 * 150 m covers "the same street corner" given phone GPS error in dense areas; 3 days is how long such a
 * problem typically stays unfixed and re-reported. Linked, not merged: an agent decides.
 */
export const DUPLICATE_RADIUS_METRES = 150;
export const DUPLICATE_WINDOW_DAYS = 3;

/** The earliest open case that the candidate probably repeats, or undefined. */
export function findDuplicate(
  candidate: { categoryCode: string; location?: LatLng; createdAt: string },
  recent: readonly Pick<QueueEntry, 'reference' | 'categoryCode' | 'status' | 'createdAt' | 'location'>[],
): string | undefined {
  const location = candidate.location;
  if (!location) return undefined;
  const since = Date.parse(candidate.createdAt) - DUPLICATE_WINDOW_DAYS * 24 * 3600_000;
  const matches = recent.filter(
    (c) =>
      c.categoryCode === candidate.categoryCode &&
      isOpen(c) &&
      Date.parse(c.createdAt) >= since &&
      c.location !== undefined &&
      distanceKm(location, c.location) * 1000 <= DUPLICATE_RADIUS_METRES,
  );
  return matches.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]?.reference;
}
