import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { matchesFilter, open311Status, publicRequest } from '#core/open311/requests.ts';
import { aCase } from '../../../support/builders.ts';

describe('a case as a public GeoReport v2 request', () => {
  const c = aCase({
    reference: '260001234',
    categoryCode: 'pothole',
    departmentCode: 'roads',
    status: 'in_progress',
    description: 'Salim at 92000311 says the hole is outside his house',
    location: { lat: 23.612345, lng: 58.476543, address: 'Villa 12, Way 3021', wilayatCode: 'bawshar' },
    createdAt: '2026-12-07T05:00:00.000Z',
    updatedAt: '2026-12-07T06:15:00.000Z',
    originChannel: 'app',
    tier: 1,
  });

  it('carries status, service, agency and times with their offset, and nothing the citizen wrote', () => {
    const r = publicRequest(c, SEED_CATALOGUE, { lang: 'en', utcOffsetMinutes: 240, extensions: false });
    expect(r).toEqual({
      service_request_id: '260001234',
      status: 'open',
      status_notes: 'In progress',
      service_name: 'Pothole',
      service_code: 'RDS-201',
      agency_responsible: 'Roads and Street Lighting',
      requested_datetime: '2026-12-07T09:00:00+04:00',
      updated_datetime: '2026-12-07T10:15:00+04:00',
      lat: 23.612,
      long: 58.477,
    });
    expect(JSON.stringify(r)).not.toMatch(/Salim|92000311|Villa|contact/);
  });

  it('adds channel, wilayat and tier with extensions', () => {
    const r = publicRequest(c, SEED_CATALOGUE, { lang: 'ar', utcOffsetMinutes: 240, extensions: true });
    expect(r).toMatchObject({
      status_notes: 'قيد المعالجة',
      extended_attributes: {
        channel: 'app',
        wilayat: 'bawshar',
        wilayat_name: 'بوشر',
        tier: 1,
        duplicate: false,
      },
    });
  });

  it('maps every status to open or closed', () => {
    expect(
      ['new', 'assigned', 'in_progress', 'waiting_citizen'].map((s) => open311Status(s as never)),
    ).toEqual(['open', 'open', 'open', 'open']);
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('closed')).toBe('closed');
  });

  it('filters summaries by service code and status', () => {
    expect(matchesFilter(c, SEED_CATALOGUE, { serviceCodes: ['RDS-201'], statuses: ['open'] })).toBe(true);
    expect(matchesFilter(c, SEED_CATALOGUE, { serviceCodes: ['CLN-101'] })).toBe(false);
    expect(matchesFilter(c, SEED_CATALOGUE, { statuses: ['closed'] })).toBe(false);
    expect(matchesFilter(c, SEED_CATALOGUE, {})).toBe(true);
  });
});
