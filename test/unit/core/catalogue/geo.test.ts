import { describe, expect, it } from 'vitest';
import {
  checkServiceArea,
  distanceKm,
  isValidCoordinates,
  locateWilayat,
} from '../../../../functions/core/catalogue/geo.ts';
import { MUSCAT_SERVICE_AREA, WILAYATS } from '../../../../functions/core/catalogue/seed.ts';
import type { Wilayat } from '../../../../functions/core/catalogue/types.ts';

describe('distanceKm', () => {
  it('matches known distances', () => {
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111.19, 1);
    // Equator to pole is a quarter of the Earth's circumference.
    expect(distanceKm({ lat: 0, lng: 58 }, { lat: 90, lng: 0 })).toBeCloseTo((Math.PI * 6371) / 2, 6);
    expect(distanceKm({ lat: 23.6, lng: 58.5 }, { lat: 23.6, lng: 58.5 })).toBe(0);
  });
});

describe('locateWilayat', () => {
  it.each(WILAYATS.map((w) => [w.code, w] as const))('maps the centre of %s to it', (code, wilayat) => {
    expect(locateWilayat(wilayat.centre, WILAYATS)).toMatchObject({
      wilayat: { code },
      method: 'nearest_centre',
      distanceKm: 0,
    });
  });

  it.each([
    ['Seeb souq', { lat: 23.676, lng: 58.183 }, 'as_seeb'],
    ['Al Khuwair', { lat: 23.59, lng: 58.41 }, 'bawshar'],
    ['Muttrah corniche', { lat: 23.62, lng: 58.568 }, 'muttrah'],
    ['Qurayyat town', { lat: 23.26, lng: 58.92 }, 'qurayyat'],
  ])('places %s by nearest centre', (_, point, code) => {
    expect(locateWilayat(point, WILAYATS)?.wilayat.code).toBe(code);
  });

  it('prefers a containing boundary over a nearer centre', () => {
    const square: Wilayat = {
      code: 'square',
      name: { ar: 'مربع', en: 'Square' },
      centre: { lat: 10, lng: 10 },
      boundary: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    };
    const near: Wilayat = { code: 'near', name: { ar: 'قريب', en: 'Near' }, centre: { lat: 0.5, lng: 0.5 } };
    expect(locateWilayat({ lat: 0.4, lng: 0.6 }, [near, square])).toMatchObject({
      wilayat: { code: 'square' },
      method: 'boundary',
    });
    expect(locateWilayat({ lat: 1.5, lng: 0.5 }, [near, square])).toMatchObject({
      wilayat: { code: 'near' },
      method: 'nearest_centre',
    });
  });

  it('returns nothing for invalid coordinates or no wilayats', () => {
    expect(locateWilayat({ lat: 91, lng: 58 }, WILAYATS)).toBeUndefined();
    expect(locateWilayat({ lat: 23.6, lng: 58.5 }, [])).toBeUndefined();
  });
});

describe('isValidCoordinates', () => {
  it.each([
    [{ lat: 23.6, lng: 58.5 }, true],
    [{ lat: -90, lng: 180 }, true],
    [{ lat: 90.0001, lng: 0 }, false],
    [{ lat: 0, lng: -180.5 }, false],
    [{ lat: Number.NaN, lng: 0 }, false],
    [{ lat: 0, lng: Number.POSITIVE_INFINITY }, false],
  ])('%j → %s', (point, valid) => {
    expect(isValidCoordinates(point)).toBe(valid);
  });
});

describe('checkServiceArea', () => {
  it.each([
    ['Muscat International Airport', 'inside', { lat: 23.5933, lng: 58.2844 }],
    ['Qurayyat town', 'inside', { lat: 23.26, lng: 58.92 }],
    ['London', 'outside', { lat: 51.5072, lng: -0.1276 }],
    ['Sohar, another governorate', 'outside', { lat: 24.347, lng: 56.709 }],
    ['the Gulf of Oman, far offshore', 'outside', { lat: 24.3, lng: 59.0 }],
    ['a corner of the box, far from any wilayat', 'outside', { lat: 22.76, lng: 58.01 }],
    ['lat/lng swapped', 'outside', { lat: 58.4, lng: 23.6 }],
    ['null island', 'outside', { lat: 0, lng: 0 }],
    ['latitude out of range', 'invalid_coordinates', { lat: 123, lng: 58 }],
  ])('%s is %s', (_, expected, point) => {
    expect(checkServiceArea(point, MUSCAT_SERVICE_AREA, WILAYATS)).toBe(expected);
  });
});
