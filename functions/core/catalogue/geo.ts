/** Places a reported location: which wilayat it is in, and whether we serve it at all. */
import type { LatLng, ServiceArea, Wilayat } from './types.ts';

const EARTH_RADIUS_KM = 6371;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/** Ray casting on a [lng, lat] ring; planar, which is accurate enough at wilayat scale. */
function isInsideRing({ lat, lng }: LatLng, ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    const crossesRay = yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
    if (crossesRay) inside = !inside;
  }
  return inside;
}

/** True for finite WGS 84 coordinates: latitude in [-90, 90], longitude in [-180, 180]. */
export function isValidCoordinates(point: LatLng): boolean {
  const { lat, lng } = point;
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

export type WilayatMatch = {
  wilayat: Wilayat;
  /** `boundary` when a polygon contains the point, `nearest_centre` when we fell back to distance. */
  method: 'boundary' | 'nearest_centre';
  /** Distance from the point to the wilayat's centre. */
  distanceKm: number;
};

function nearestCentre(point: LatLng, wilayats: readonly Wilayat[]): WilayatMatch | undefined {
  let nearest: WilayatMatch | undefined;
  for (const wilayat of wilayats) {
    const km = distanceKm(point, wilayat.centre);
    if (!nearest || km < nearest.distanceKm) nearest = { wilayat, method: 'nearest_centre', distanceKm: km };
  }
  return nearest;
}

/**
 * Finds the wilayat of a point: the first whose boundary contains it, else the one with the nearest centre.
 * Returns undefined for invalid coordinates or an empty list. It does not check the service area: a point in
 * Europe still gets its nearest wilayat, so call `checkServiceArea` first.
 */
export function locateWilayat(point: LatLng, wilayats: readonly Wilayat[]): WilayatMatch | undefined {
  if (!isValidCoordinates(point)) return undefined;
  const containing = wilayats.find((w) => w.boundary && isInsideRing(point, w.boundary));
  if (containing)
    return { wilayat: containing, method: 'boundary', distanceKm: distanceKm(point, containing.centre) };
  return nearestCentre(point, wilayats);
}

export type ServiceAreaCheck = 'inside' | 'outside' | 'invalid_coordinates';

/**
 * Tells whether we serve a point: valid coordinates, inside the area's bounding box and within its maximum
 * distance of some wilayat centre. The box is coarse, so a point at sea just off the coast still counts as
 * inside; far-off points (another country, swapped lat/lng) do not.
 */
export function checkServiceArea(
  point: LatLng,
  area: ServiceArea,
  wilayats: readonly Wilayat[],
): ServiceAreaCheck {
  if (!isValidCoordinates(point)) return 'invalid_coordinates';
  const { minLat, maxLat, minLng, maxLng } = area.bbox;
  const inBox = point.lat >= minLat && point.lat <= maxLat && point.lng >= minLng && point.lng <= maxLng;
  const nearest = inBox ? nearestCentre(point, wilayats) : undefined;
  return nearest && nearest.distanceKm <= area.maxDistanceKm ? 'inside' : 'outside';
}
