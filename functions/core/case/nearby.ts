import { distanceKm } from '../catalogue/geo.ts';
import type { LatLng } from '../catalogue/types.ts';
import type { QueueEntry } from '../ports.ts';
import { isOpen } from './case.ts';

/**
 * "Is this the same problem?": before a citizen files, the portal shows open requests of the same
 * category around the chosen point. Wider than automatic duplicate linking (150 m, 3 days), because
 * here a person decides: 300 m is a few minutes' walk, 30 days how long a reported problem may stay open.
 */
export const NEARBY_RADIUS_METRES = 300;
export const NEARBY_WINDOW_DAYS = 30;
export const NEARBY_LIMIT = 5;

/** What a stranger may see of someone else's request: never the text, the contact or the exact spot. */
export type NearbyRequest = {
  reference: string;
  status: QueueEntry['status'];
  distanceMetres: number;
  createdAt: string;
};

/** Open requests of `categoryCode` within the radius of `at`, nearest first. */
export function nearbyOpenRequests(
  at: LatLng,
  categoryCode: string,
  recent: readonly Pick<QueueEntry, 'reference' | 'categoryCode' | 'status' | 'createdAt' | 'location'>[],
): NearbyRequest[] {
  return recent
    .flatMap((c) => {
      if (c.categoryCode !== categoryCode || !isOpen(c) || !c.location) return [];
      // Rounded to 10 m: the distance helps a citizen decide without pinpointing another's report.
      const distanceMetres = Math.round((distanceKm(at, c.location) * 1000) / 10) * 10;
      return distanceMetres <= NEARBY_RADIUS_METRES
        ? [{ reference: c.reference, status: c.status, distanceMetres, createdAt: c.createdAt }]
        : [];
    })
    .sort((a, b) => a.distanceMetres - b.distanceMetres || b.createdAt.localeCompare(a.createdAt))
    .slice(0, NEARBY_LIMIT);
}
