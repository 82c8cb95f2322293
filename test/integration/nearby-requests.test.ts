import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { get, post } = localClient(() => stack);
const QURUM = { lat: 23.612, lng: 58.478 };

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

async function report(categoryCode: string, location: { lat: number; lng: number }, phone: string) {
  const res = await post(
    '/v1/requests',
    { text: 'مشكلة قائمة منذ أيام في الحي', categoryCode, contact: { phone }, location },
    { 'idempotency-key': `nearby-${phone.slice(1)}-${categoryCode}` },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

describe('GET /v1/nearby-requests', () => {
  it('lists open requests of the category near the point, with nothing personal', async () => {
    const near = await report('pothole', { lat: QURUM.lat + 0.001, lng: QURUM.lng }, '+96893330001');
    await report('overflowing_bins', QURUM, '+96893330002');
    await report('pothole', { lat: QURUM.lat + 0.05, lng: QURUM.lng }, '+96893330003');
    const res = await get(`/v1/nearby-requests?category=pothole&lat=${QURUM.lat}&lng=${QURUM.lng}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requests: Record<string, unknown>[] };
    expect(body.requests.map((r) => r.reference)).toEqual([near]);
    const [found] = body.requests;
    expect(found).toMatchObject({ distanceMetres: 110, status: expect.any(String) });
    expect(found?.category).toMatchObject({ en: expect.any(String), ar: expect.any(String) });
    expect(JSON.stringify(found)).not.toMatch(/\+968|مشكلة|lat|lng/);
  });

  it('accepts Arabic-Indic digits in the coordinates', async () => {
    const arabic = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const res = await get(
      `/v1/nearby-requests?category=pothole&lat=${encodeURIComponent(arabic(QURUM.lat))}&lng=${encodeURIComponent(arabic(QURUM.lng))}`,
    );
    expect(res.status).toBe(200);
  });

  it('refuses a missing or unknown category, bad coordinates and a point outside the service area, in both languages', async () => {
    for (const query of [
      `lat=${QURUM.lat}&lng=${QURUM.lng}`,
      `category=nope&lat=${QURUM.lat}&lng=${QURUM.lng}`,
      'category=pothole&lat=abc&lng=58.4',
      'category=pothole&lat=51.5&lng=-0.12',
    ]) {
      const res = await get(`/v1/nearby-requests?${query}`);
      expect(res.status, query).toBe(400);
      const problem = (await res.json()) as { messages: { ar: string; en: string } };
      expect(problem.messages.ar).toBeTruthy();
      expect(problem.messages.en).toBeTruthy();
    }
  });
});
