/**
 * The queries the Analytics screen adds (analytics/queries/cases_opened.sql), on a known dataset run by
 * DuckDB over the records the transform writes, as analytics-queries.test.ts does for the figures.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRow } from '../../functions/core/analytics/records.ts';
import type { Case } from '../../functions/core/case/case.ts';
import { MUSCAT_CALENDAR as MUSCAT } from '../../functions/core/sla/business-calendar.ts';
import { type LocalLake, openLocalLake } from '../../local/analytics/lake.ts';
import { aCase } from '../support/builders.ts';

const key = (id: string) => `k-${id.length}`;
let lake: LocalLake;

function record(...versions: Partial<Case>[]) {
  let current = aCase(versions[0]);
  const rows = [caseRow(current, key, MUSCAT)];
  for (const change of versions.slice(1)) {
    current = { ...current, ...change, version: current.version + 1 };
    rows.push(caseRow(current, key, MUSCAT));
  }
  lake.append('cases', rows);
}

/** Parameters in the file's order: the period, then each filter twice ('' or 0 for any). */
const params = (
  f: Partial<Record<'department' | 'category' | 'wilayat' | 'channel' | 'language', string>> & {
    tier?: number;
  },
  from = '2026-03-01',
  to = '2026-03-31',
) => [
  from,
  to,
  ...[f.department ?? '', f.category ?? '', f.wilayat ?? '', f.channel ?? ''].flatMap((v) => [v, v]),
  f.tier ?? 0,
  f.tier ?? 0,
  f.language ?? '',
  f.language ?? '',
];

beforeAll(() => {
  lake = openLocalLake();
  const bawshar = { lat: 23.58, lng: 58.4, wilayatCode: 'bawshar' };
  // A: roads, SMS, Bawshar, opened 1 March 10:00 Muscat; moved to tier 2 later (its newest version counts).
  record(
    { reference: '260000001', createdAt: '2026-03-01T06:00:00.000Z', location: bawshar },
    { tier: 2, status: 'assigned', updatedAt: '2026-03-02T06:00:00.000Z' },
  );
  // B: roads, web, no location, English, 31 March 23:30 Muscat (31 March 19:30 UTC): still in March locally.
  record({
    reference: '260000002',
    createdAt: '2026-03-31T19:30:00.000Z',
    originChannel: 'web',
    language: 'en',
  });
  // C: waste, voice, Bawshar, 15 March.
  record({
    reference: '260000003',
    createdAt: '2026-03-15T05:00:00.000Z',
    categoryCode: 'waste_collection',
    departmentCode: 'waste',
    originChannel: 'voice',
    location: bawshar,
  });
  // D: roads, 1 April 00:30 Muscat (31 March 20:30 UTC): April locally, outside the period.
  record({ reference: '260000004', createdAt: '2026-03-31T20:30:00.000Z' });
});

afterAll(async () => {
  await lake.close();
  rmSync(lake.dir, { recursive: true, force: true });
});

describe('cases_opened.sql', () => {
  it('lists the cases opened in the period on local days, newest first, with their newest state', async () => {
    const rows = await lake.query('cases_opened', params({}));
    expect(rows.map((r) => r.reference)).toEqual(['260000002', '260000003', '260000001']);
    expect(rows[2]).toMatchObject({
      day: '2026-03-01',
      tier: 2,
      status: 'assigned',
      wilayat_code: 'bawshar',
    });
    expect(rows[0]).toMatchObject({
      day: '2026-03-31',
      wilayat_code: 'unknown',
      channel: 'web',
      language: 'en',
    });
  });

  it('narrows by each filter, and "unknown" finds the cases without a location', async () => {
    const refs = async (f: Parameters<typeof params>[0]) =>
      (await lake.query('cases_opened', params(f))).map((r) => r.reference);
    expect(await refs({ department: 'roads' })).toEqual(['260000002', '260000001']);
    expect(await refs({ category: 'waste_collection' })).toEqual(['260000003']);
    expect(await refs({ wilayat: 'bawshar' })).toEqual(['260000003', '260000001']);
    expect(await refs({ wilayat: 'unknown' })).toEqual(['260000002']);
    expect(await refs({ channel: 'voice' })).toEqual(['260000003']);
    expect(await refs({ tier: 2 })).toEqual(['260000001']);
    expect(await refs({ language: 'en' })).toEqual(['260000002']);
    expect(await refs({ department: 'roads', wilayat: 'bawshar' })).toEqual(['260000001']);
  });

  it('takes the last local day of the period whole, and nothing after it', async () => {
    const rows = await lake.query('cases_opened', params({}, '2026-04-01', '2026-04-30'));
    expect(rows.map((r) => r.reference)).toEqual(['260000004']);
  });
});
