import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { Open311Error } from '#core/open311/errors.ts';
import {
  findService,
  readAttributes,
  SERVICE_ATTRIBUTES,
  serviceDefinition,
  serviceList,
} from '#core/open311/services.ts';

const pothole = findService(SEED_CATALOGUE, 'RDS-201');
const animals = findService(
  SEED_CATALOGUE,
  SEED_CATALOGUE.categories.find((c) => c.code === 'stray_animals')?.open311Code ?? '',
);

describe('GeoReport v2 services from the catalogue', () => {
  it('lists every category once, with metadata only where a definition exists', () => {
    const list = serviceList(SEED_CATALOGUE, 'en') as Record<string, unknown>[];
    expect(list).toHaveLength(SEED_CATALOGUE.categories.length);
    expect(new Set(list.map((s) => s.service_code)).size).toBe(list.length);
    for (const s of list) {
      const category = SEED_CATALOGUE.categories.find((c) => c.open311Code === s.service_code);
      expect(s.metadata).toBe((SERVICE_ATTRIBUTES[category?.code ?? ''] ?? []).length > 0);
      expect(s.type).toBe('realtime');
    }
    expect(list.find((s) => s.service_code === 'RDS-201')).toMatchObject({
      service_name: 'Pothole',
      group: 'Roads and Street Lighting',
    });
  });

  it('defines attributes with unique orders from 1 and list values', () => {
    for (const code of Object.keys(SERVICE_ATTRIBUTES)) {
      const category = SEED_CATALOGUE.categories.find((c) => c.code === code);
      expect(category, `${code} is a catalogue category`).toBeDefined();
      const def = serviceDefinition(category as NonNullable<typeof category>, 'ar') as {
        attributes: { order: number; datatype: string; values?: unknown[] }[];
      };
      expect(def.attributes.map((a) => a.order)).toEqual(def.attributes.map((_, i) => i + 1));
      for (const a of def.attributes) {
        if (a.datatype.endsWith('valuelist')) expect(a.values?.length).toBeGreaterThan(0);
      }
    }
  });

  it('checks attributes and turns them into labelled lines for the agent', () => {
    if (!pothole || !animals) throw new Error('seed categories missing');
    expect(readAttributes(pothole, new Map([['size', ['large']]]))).toEqual([
      'ما حجم الحفرة تقريباً؟ / About how large is the pothole?: كبيرة (أكثر من متر) / Large (over 1 m)',
    ]);
    expect(() => readAttributes(pothole, new Map())).toThrow(Open311Error);
    expect(() => readAttributes(pothole, new Map([['size', ['huge']]]))).toThrow(/huge/);
    expect(() => readAttributes(pothole, new Map([['size', ['small', 'large']]]))).toThrow(Open311Error);
    const lines = readAttributes(
      animals,
      new Map([
        ['animals', ['dogs', 'camels']],
        ['seen_at', ['2026-12-07T06:00:00+04:00']],
      ]),
    );
    expect(lines[0]).toContain('Dogs');
    expect(lines[0]).toContain('Camels');
    expect(lines[1]).toContain('2026-12-07T02:00:00.000Z');
    expect(() =>
      readAttributes(
        animals,
        new Map([
          ['animals', ['dogs']],
          ['seen_at', ['today']],
        ]),
      ),
    ).toThrow(Open311Error);
    // Unknown codes are ignored, as the specification leaves them.
    expect(
      readAttributes(
        pothole,
        new Map([
          ['size', ['small']],
          ['colour', ['red']],
        ]),
      ),
    ).toHaveLength(1);
  });
});
