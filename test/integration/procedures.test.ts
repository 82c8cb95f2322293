import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { localClient } from '../support/local-client.ts';

type Bilingual = { ar: string; en: string };
type ProcedureItem = { code: string; categoryCodes: string[]; title: Bilingual; summary: Bilingual };
type Problem = { type: string; title: string; status: number; messages: Bilingual; errors?: unknown[] };

let stack: LocalStack;
const { get } = localClient(() => stack);
const list = async (query = '') => {
  const res = await get(`/v1/procedures${query}`);
  return { res, body: (await res.json()) as { procedures: ProcedureItem[] } };
};

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

describe('GET /v1/procedures', () => {
  it('lists every procedure in both languages, cacheable for five minutes', async () => {
    const { res, body } = await list();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(body.procedures.length).toBeGreaterThanOrEqual(10);
    for (const p of body.procedures) {
      expect(p.title.ar).toBeTruthy();
      expect(p.title.en).toBeTruthy();
      expect(p.summary.ar).toBeTruthy();
      expect(p.summary.en).toBeTruthy();
    }
  });

  it('returns the building permit first for q=رخصة بناء, in any spelling', async () => {
    for (const q of ['رخصة%20بناء', encodeURIComponent('رخصه البناء'), 'building%20permit']) {
      const { res, body } = await list(`?q=${q}`);
      expect(res.status).toBe(200);
      expect(body.procedures[0]?.code).toBe('residential_building_permit');
      expect(body.procedures[0]?.title.ar).toBe('رخصة بناء مسكن خاص');
    }
  });

  it('filters by category, alone or with a search', async () => {
    const { body } = await list('?category=food_licence_inquiry');
    expect(body.procedures.map((p) => p.code)).toEqual([
      'food_handler_health_card',
      'food_establishment_licence',
    ]);
    const searched = await list(`?category=building_permit_inquiry&q=${encodeURIComponent('شهادة إتمام')}`);
    expect(searched.body.procedures[0]?.code).toBe('building_completion_certificate');
    expect(searched.body.procedures.every((p) => p.categoryCodes.includes('building_permit_inquiry'))).toBe(
      true,
    );
  });

  it('answers an unrelated search with an empty list', async () => {
    const { res, body } = await list(`?q=${encodeURIComponent('حالة الطقس')}`);
    expect(res.status).toBe(200);
    expect(body.procedures).toEqual([]);
  });

  it('refuses a search longer than 200 characters with a bilingual 400', async () => {
    const res = await get(`/v1/procedures?q=${encodeURIComponent('ب'.repeat(201))}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem & { errors: { path: string; message: Bilingual }[] };
    expect(body.errors[0]?.path).toBe('q');
    expect(body.errors[0]?.message.ar).toContain('200');
    expect(body.errors[0]?.message.en).toContain('200 characters');
  });

  it('refuses an unknown category with a bilingual 400', async () => {
    const res = await get('/v1/procedures?category=no_such_category');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.messages.ar).toBeTruthy();
    expect(body.messages.en).toBeTruthy();
  });
});

describe('GET /v1/procedures/{code}', () => {
  it('returns the whole procedure in both languages, without internal fields', async () => {
    const res = await get('/v1/procedures/food_handler_health_card');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await res.json()) as Record<string, unknown> & {
      steps: { ar: string[]; en: string[] };
      fees: Bilingual;
    };
    expect(body.code).toBe('food_handler_health_card');
    expect(body.steps.ar.length).toBe(body.steps.en.length);
    expect(body.fees.ar).toContain('ر.ع.');
    expect(body.fees.en).toContain('OMR');
    expect(body.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body).not.toHaveProperty('reviewBy');
    expect(body).not.toHaveProperty('keywords');
  });

  it('answers an unknown code with a 404 problem in Arabic by default', async () => {
    const res = await get('/v1/procedures/no_such_procedure');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem;
    expect(body.title).toBe('لا يوجد إجراء بهذا الرمز.');
    expect(body.messages.en).toBe('No procedure has this code.');
  });

  it('answers in English when the client prefers it', async () => {
    const res = await get('/v1/procedures/no_such_procedure', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(((await res.json()) as Problem).title).toBe('No procedure has this code.');
  });
});
