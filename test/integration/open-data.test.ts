/**
 * The open-data export: analytics/queries/open_data_cases.sql on a known dataset (DuckDB over the local
 * lake), the Open311-like records made from its rows, and the route administrators download it from in
 * local mode (the fake Athena answering the same SQL), as CSV and JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../functions/core/catalogue/seed.ts';
import { openDataRecords } from '../../functions/core/exports/open-data.ts';
import { LocalLake } from '../../local/analytics/lake.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { recordCase } from '../support/lake-records.ts';

/** Two cases in February (one resolved, in Bawshar; one merged into it, no place) and one in March. */
function seed(lake: LocalLake) {
  recordCase(lake, [
    {
      reference: '260000301',
      contactId: '+96891234567',
      description: 'حفرة أمام منزلي رقم 12',
      createdAt: '2026-02-10T06:00:00.000Z',
      updatedAt: '2026-02-10T06:00:00.000Z',
      location: { lat: 23.58123, lng: 58.40456, wilayatCode: 'bawshar' },
    },
    { status: 'resolved', resolvedAt: '2026-02-11T06:00:00.000Z', updatedAt: '2026-02-11T06:00:00.000Z' },
  ]);
  recordCase(lake, [
    {
      reference: '260000302',
      originChannel: 'web',
      createdAt: '2026-02-10T07:00:00.000Z',
      updatedAt: '2026-02-10T07:00:00.000Z',
    },
    { status: 'closed', mergedInto: '260000301', updatedAt: '2026-02-10T08:00:00.000Z' },
  ]);
  recordCase(lake, [
    { reference: '260000303', createdAt: '2026-03-02T06:00:00.000Z', updatedAt: '2026-03-02T06:00:00.000Z' },
  ]);
}

describe('open_data_cases.sql (DuckDB)', () => {
  let dir: string;
  let lake: LocalLake;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nidaa-open-data-'));
    lake = new LocalLake(dir);
    seed(lake);
  });
  afterAll(async () => {
    await lake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the newest version of each case opened in the period, and no personal column', async () => {
    const rows = await lake.query('open_data_cases', ['2026-02-01', '2026-02-28']);
    expect(rows.map((r) => Object.keys(r))).toEqual([
      [
        'reference',
        'category_code',
        'department_code',
        'status',
        'channel',
        'wilayat_code',
        'created_at',
        'updated_at',
        'duplicate',
      ],
      expect.any(Array),
    ]);
    expect(rows.map((r) => [r.reference, r.status, r.channel, r.wilayat_code, r.duplicate])).toEqual([
      ['260000301', 'resolved', 'sms', 'bawshar', false],
      ['260000302', 'closed', 'web', null, true],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/citizen-key|96891234567|حفرة|23\.58|58\.40/);
  });

  it('becomes Open311-like records: names, open/closed, Muscat datetimes, the wilayat centre', async () => {
    const rows = await lake.query('open_data_cases', ['2026-02-01', '2026-02-28']);
    const records = openDataRecords(rows as never, SEED_CATALOGUE, { language: 'ar', utcOffsetMinutes: 240 });
    const pothole = SEED_CATALOGUE.categories.find((c) => c.code === 'pothole');
    expect(records[0]).toEqual({
      service_request_id: '260000301',
      service_code: pothole?.open311Code,
      service_name: pothole?.name.ar,
      agency_responsible: 'إدارة الطرق والإنارة',
      status: 'closed',
      requested_datetime: '2026-02-10T10:00:00+04:00',
      updated_datetime: '2026-02-11T10:00:00+04:00',
      channel: 'sms',
      wilayat: 'bawshar',
      wilayat_name: 'بوشر',
      lat: 23.577,
      long: 58.399,
      duplicate: false,
    });
    expect(records[1]).toMatchObject({
      wilayat: null,
      lat: null,
      long: null,
      duplicate: true,
      status: 'closed',
    });
    // Athena's timestamp text reads the same as DuckDB's values.
    const [fromAthena] = openDataRecords(
      [{ ...rows[0], created_at: '2026-02-10 06:00:00.000', updated_at: '2026-02-11 06:00:00.000' }] as never,
      SEED_CATALOGUE,
      { language: 'en', utcOffsetMinutes: 240 },
    );
    expect(fromAthena?.requested_datetime).toBe('2026-02-10T10:00:00+04:00');
    expect(fromAthena?.wilayat_name).toBe('Bawshar');
  });
});

describe('GET /v1/admin/open-data/cases in local mode', () => {
  let stack: LocalStack;
  const tokenOf = async (username: string) =>
    (
      (await (
        await fetch(`${stack.url}/_local/token`, { method: 'POST', body: JSON.stringify({ username }) })
      ).json()) as { token: string }
    ).token;
  const get = async (query: string, username = 'admin', language = 'ar') =>
    fetch(`${stack.url}/v1/admin/open-data/cases?${query}`, {
      headers: { authorization: `Bearer ${await tokenOf(username)}`, 'accept-language': language },
    });

  beforeAll(async () => {
    stack = await startLocalStack({ fastRetries: true });
    seed(stack.lake);
  });
  afterAll(() => stack.stop());

  it('gives administrators the period as CSV, UTF-8 with a BOM, Arabic names intact', async () => {
    const res = await get('from=2026-02-01&to=2026-02-28&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="nidaa-open-data-cases-2026-02-01-2026-02-28.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe(
      'service_request_id,service_code,service_name,agency_responsible,status,requested_datetime,updated_datetime,channel,wilayat,wilayat_name,lat,long,duplicate',
    );
    expect(lines[1]).toContain(',إدارة الطرق والإنارة,closed,2026-02-10T10:00:00+04:00,');
    expect(lines[1]).toMatch(/,bawshar,بوشر,23\.577,58\.399,false$/);
    expect(lines).toHaveLength(4);
  });

  it('takes the dates in Arabic-Indic digits, as typed on an Arabic keyboard', async () => {
    const res = await get(
      `from=${encodeURIComponent('٢٠٢٦-٠٢-٠١')}&to=${encodeURIComponent('\u200f٢٠٢٦-٠٣-٣١')}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { from: string; to: string; count: number };
    expect(body).toMatchObject({ from: '2026-02-01', to: '2026-03-31', count: 3 });
  });

  it('and as JSON, in English when asked', async () => {
    const res = await get('from=2026-02-01&to=2026-03-31', 'admin', 'en');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      count: number;
      requests: { service_request_id: string; agency_responsible: string }[];
    };
    expect(body.count).toBe(3);
    expect(body.requests.map((r) => r.service_request_id)).toEqual(['260000301', '260000302', '260000303']);
    expect(body.requests[0]?.agency_responsible).toBe('Roads and Street Lighting');
  });

  it('refuses supervisors (403) and a bad period (400), in both languages', async () => {
    expect((await get('from=2026-02-01&to=2026-02-28', 'supervisor')).status).toBe(403);
    for (const query of [
      'from=2026-02-30&to=2026-03-01',
      'from=2026-03-01&to=2026-02-01',
      'from=2025-01-01&to=2026-02-01',
      'to=2026-02-01',
      'from=2026-02-01&to=2026-02-02&format=xml',
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const problem = (await res.json()) as { messages: { ar: string; en: string } };
      expect(problem.messages.ar.length).toBeGreaterThan(0);
      expect(problem.messages.en.length).toBeGreaterThan(0);
    }
  });
});
