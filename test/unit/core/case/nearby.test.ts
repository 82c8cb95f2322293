import { describe, expect, it } from 'vitest';
import {
  NEARBY_LIMIT,
  NEARBY_RADIUS_METRES,
  nearbyOpenRequests,
} from '../../../../functions/core/case/nearby.ts';

const AT = { lat: 23.595, lng: 58.42 };
/** About 111 m of latitude per 0.001°. */
const north = (metres: number) => ({ lat: AT.lat + metres / 111_195, lng: AT.lng });
const entry = (reference: string, over: Record<string, unknown> = {}) => ({
  reference,
  categoryCode: 'pothole',
  status: 'assigned' as const,
  createdAt: '2026-12-01T08:00:00.000Z',
  location: north(50),
  ...over,
});

describe('nearbyOpenRequests: "is this the same problem?"', () => {
  it('offers open requests of the same category within the radius, nearest first, distances rounded to 10 m', () => {
    const found = nearbyOpenRequests(AT, 'pothole', [
      entry('A', { location: north(204) }),
      entry('B', { location: north(48) }),
    ]);
    expect(found.map((f) => [f.reference, f.distanceMetres])).toEqual([
      ['B', 50],
      ['A', 200],
    ]);
  });

  it('leaves out other categories, closed or resolved requests, those without a location and those too far', () => {
    const found = nearbyOpenRequests(AT, 'pothole', [
      entry('other-category', { categoryCode: 'overflowing_bins' }),
      entry('resolved', { status: 'resolved' }),
      entry('closed', { status: 'closed' }),
      entry('nowhere', { location: undefined }),
      entry('far', { location: north(NEARBY_RADIUS_METRES + 40) }),
      entry('kept'),
    ]);
    expect(found.map((f) => f.reference)).toEqual(['kept']);
  });

  it('shows no more than a handful, and nothing personal: reference, status, distance and date only', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      entry(`R${i}`, { location: north(10 * i), text: 'secret' }),
    );
    const found = nearbyOpenRequests(AT, 'pothole', many);
    expect(found).toHaveLength(NEARBY_LIMIT);
    for (const f of found)
      expect(Object.keys(f).sort()).toEqual(['createdAt', 'distanceMetres', 'reference', 'status']);
  });
});
