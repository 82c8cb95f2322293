import { describe, expect, it } from 'vitest';
import { WILAYATS } from '../../../../functions/core/catalogue/seed.ts';
import { LAND } from '../../../shared/muscat-land.ts';
import { wilayatAreas } from './wilayat-areas.ts';

/** Ray casting: is the point inside the ring? */
function inside([x, y]: [number, number], ring: [number, number][]) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('wilayatAreas', () => {
  const areas = wilayatAreas(WILAYATS, LAND);

  it('gives each wilayat one area holding its own centre and no other centre', () => {
    expect(areas.features.map((f) => f.properties.code)).toEqual(WILAYATS.map((w) => w.code));
    for (const feature of areas.features) {
      const ring = feature.geometry.coordinates[0] as [number, number][];
      for (const w of WILAYATS) {
        expect(inside([w.centre.lng, w.centre.lat], ring), `${w.code} in ${feature.properties.code}`).toBe(
          w.code === feature.properties.code,
        );
      }
    }
  });

  it('places a point of the land in the area of its nearest centre (Qurayyat town, the Seeb shore)', () => {
    const areaOf = (p: [number, number]) =>
      areas.features.find((f) => inside(p, f.geometry.coordinates[0] as [number, number][]))?.properties.code;
    expect(areaOf([58.92, 23.2])).toBe('qurayyat');
    expect(areaOf([58.15, 23.65])).toBe('as_seeb');
    // The sea off Muttrah is in no area.
    expect(areaOf([58.6, 23.7])).toBeUndefined();
  });

  it('leaves out the land beyond the service area', () => {
    const bbox = { minLat: 22.75, maxLat: 23.9, minLng: 58.0, maxLng: 59.3 };
    const inService = wilayatAreas(WILAYATS, LAND, bbox);
    const points = inService.features.flatMap((f) => f.geometry.coordinates[0] as [number, number][]);
    expect(Math.min(...points.map(([, lat]) => lat))).toBeCloseTo(22.75, 6);
    expect(Math.min(...points.map(([lng]) => lng))).toBeCloseTo(58.0, 6);
  });
});
