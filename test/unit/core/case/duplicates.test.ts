import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '#core/case/case.ts';
import { DUPLICATE_RADIUS_METRES, findDuplicate } from '#core/case/duplicates.ts';

const AT = '2026-03-03T06:00:00.000Z';
const HERE = { lat: 23.5957, lng: 58.4306 }; // Al Khuwair
/** A point `metres` north of HERE (1° of latitude ≈ 111,195 m). */
const north = (metres: number) => ({ lat: HERE.lat + metres / 111_195, lng: HERE.lng });

const earlier = (
  over: Partial<{
    reference: string;
    categoryCode: string;
    status: CaseStatus;
    createdAt: string;
    location: { lat: number; lng: number };
  }> = {},
) => ({
  reference: '260000019',
  categoryCode: 'pothole',
  status: 'assigned' as CaseStatus,
  createdAt: '2026-03-02T06:00:00.000Z',
  location: north(40),
  ...over,
});

describe('findDuplicate', () => {
  it('links a report of the same category near an open case of the last days', () => {
    expect(findDuplicate({ categoryCode: 'pothole', location: HERE, createdAt: AT }, [earlier()])).toBe(
      '260000019',
    );
  });

  it.each([
    ['another category', earlier({ categoryCode: 'street_light_out' })],
    ['farther than the radius', earlier({ location: north(DUPLICATE_RADIUS_METRES + 20) })],
    ['older than the window', earlier({ createdAt: '2026-02-27T06:00:00.000Z' })],
    ['already resolved', earlier({ status: 'resolved' })],
    ['closed', earlier({ status: 'closed' })],
  ])('ignores a case %s', (_label, other) => {
    expect(
      findDuplicate({ categoryCode: 'pothole', location: HERE, createdAt: AT }, [other]),
    ).toBeUndefined();
  });

  it('ignores reports without a location: without one, "the same place" cannot be known', () => {
    expect(findDuplicate({ categoryCode: 'pothole', createdAt: AT }, [earlier()])).toBeUndefined();
  });

  it('links to the earliest of several nearby cases, the one a team is most likely already on', () => {
    const first = earlier({ reference: '260000024', createdAt: '2026-03-01T07:00:00.000Z' });
    const second = earlier({ reference: '260000019', createdAt: '2026-03-02T07:00:00.000Z' });
    expect(findDuplicate({ categoryCode: 'pothole', location: HERE, createdAt: AT }, [second, first])).toBe(
      '260000024',
    );
  });
});
