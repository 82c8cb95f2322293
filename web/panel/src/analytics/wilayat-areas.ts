import type { Wilayat } from '../../../../functions/core/catalogue/types.ts';
import type { Line } from '../../../shared/muscat-land.ts';

/**
 * The hotspot map's wilayat shapes, drawn offline without official boundaries: each wilayat is the part of
 * the land nearer its centre than any other centre (a Voronoi cell of the catalogue's centres, clipped to
 * the shore). Honest about what it is: schematic areas, the same rule `locateWilayat` places a point by.
 * Distances use an equirectangular plane (longitude shortened by the cosine of the latitude), which is
 * exact enough over Muscat's 150 km. The GADM boundaries beside the project may not be shipped
 * (docs/decisions/0111); a licensed boundary on the catalogue's `boundary` replaces the cell.
 */
type Point = { x: number; y: number };

/** Keeps the part of a polygon where `inside` holds (Sutherland–Hodgman against one half-plane). */
function clip(polygon: Point[], inside: (p: Point) => number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    const [da, db] = [inside(a), inside(b)];
    if (da >= 0) out.push(a);
    // The edge crosses the bisector: add the crossing point.
    if (da >= 0 !== db >= 0) {
      const t = da / (da - db);
      out.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
    }
  }
  return out;
}

export type AreaFeature = {
  type: 'Feature';
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
};

export function wilayatAreas(
  wilayats: readonly Wilayat[],
  land: Line,
  /** The service area: the land beyond it is left out, so the map shows where cases come from. */
  bbox?: { minLat: number; maxLat: number; minLng: number; maxLng: number },
): { type: 'FeatureCollection'; features: AreaFeature[] } {
  const lat0 = wilayats.reduce((s, w) => s + w.centre.lat, 0) / Math.max(wilayats.length, 1);
  const k = Math.cos((lat0 * Math.PI) / 180);
  const toPlane = (lng: number, lat: number): Point => ({ x: lng * k, y: lat });
  const inBox: ((p: Point) => number)[] = bbox
    ? [
        (p) => p.x - bbox.minLng * k,
        (p) => bbox.maxLng * k - p.x,
        (p) => p.y - bbox.minLat,
        (p) => bbox.maxLat - p.y,
      ]
    : [];
  const shore = inBox.reduce(
    (polygon, side) => clip(polygon, side),
    land.map(([lng, lat]) => toPlane(lng, lat)),
  );
  const features = wilayats.map((w): AreaFeature => {
    const ring = w.boundary
      ? w.boundary
      : wilayats
          .filter((other) => other.code !== w.code)
          .reduce((cell, other) => {
            const c = toPlane(w.centre.lng, w.centre.lat);
            const o = toPlane(other.centre.lng, other.centre.lat);
            // Positive on this centre's side of the perpendicular bisector.
            const nx = c.x - o.x;
            const ny = c.y - o.y;
            const mid = { x: (c.x + o.x) / 2, y: (c.y + o.y) / 2 };
            return clip(cell, (p) => (p.x - mid.x) * nx + (p.y - mid.y) * ny);
          }, shore)
          .map((p): [number, number] => [p.x / k, p.y]);
    const closed = ring.length > 0 ? [...ring, ring[0] as [number, number]] : ring;
    return {
      type: 'Feature',
      properties: { code: w.code },
      geometry: { type: 'Polygon', coordinates: [closed] },
    };
  });
  return { type: 'FeatureCollection', features };
}
