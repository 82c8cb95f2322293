import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);
const lastSmsTo = async (phone: string) =>
  (await outbox()).filter((e) => e.channel === 'sms' && e.to === phone).at(-1);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

describe('SMS through local mode', () => {
  it('turns a free-text Arabic SMS into a routed case and acknowledges it by SMS in Arabic', async () => {
    const phone = '+96892000001';
    const res = await post('/_local/sms', {
      from: '92000001',
      text: 'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض',
    });
    expect(res.status).toBe(202);
    const ack = await lastSmsTo(phone);
    expect(ack?.text).toContain('تم استلام بلاغكم');
    expect(ack?.senderId).toBe('MuscatMun');
    const reference = referenceIn(ack?.text ?? '');
    expect(reference).toBeDefined();
    const status = async () =>
      (await (await get(`/v1/requests/${reference}`)).json()) as {
        status: string;
        department: { en: string };
      };
    expect((await status()).department.en).toBe('Public Cleanliness');
    // Its lifecycle puts it in the tier-1 queue a moment later.
    await eventually(async () => expect((await status()).status).toBe('assigned'));
  });

  it('answers "رط <reference>" with the status; only the citizen who raised the case gets their link', async () => {
    await post('/_local/sms', { from: '+96892000002', text: 'عمود الإنارة مطفأ في الشارع منذ أسبوع' });
    const reference = referenceIn((await lastSmsTo('+96892000002'))?.text ?? '') ?? '';
    const arabicIndic = reference.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

    await post('/_local/sms', { from: '+96892000002', text: `رط ${arabicIndic}` });
    const own = (await lastSmsTo('+96892000002'))?.text;
    expect(own).toMatch(/^بلاغ .*قيد المراجعة/);
    expect(own).toContain(`/track/${reference}#k=`);

    // Anyone else holding the reference hears the public status (docs/decisions/0085): no link.
    await post('/_local/sms', { from: '+96892000003', text: `رط ${reference}` });
    const other = (await lastSmsTo('+96892000003'))?.text;
    expect(other).toMatch(/^بلاغ .*قيد المراجعة/);
    expect(other).not.toContain('/track/');
  });

  it('refuses a bad sender with a bilingual error and sends nothing', async () => {
    const before = (await outbox()).length;
    const res = await post('/_local/sms', { from: 'not-a-phone', text: 'hello' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { messages: { ar: string; en: string } };
    expect(body.messages.ar).toBeTruthy();
    expect(body.messages.en).toBeTruthy();
    expect((await outbox()).length).toBe(before);
  });
});

describe('web requests', () => {
  const request = (key: string, body: unknown) => post('/v1/requests', body, { 'idempotency-key': key });
  const valid = {
    text: 'Large pothole in the right lane of Sultan Qaboos Street near Al Khuwair',
    contact: { email: 'citizen@example.om' },
    location: { lat: 23.59, lng: 58.42 },
  };

  it('opens one case for twenty identical requests sent at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => request('concurrency-test-0001', valid)),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { reference?: string }[];
    const references = new Set(bodies.map((b) => b.reference).filter(Boolean));
    expect(references.size).toBe(1);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const [reference] = references;
    const acks = (await outbox()).filter((e) => e.channel === 'email' && e.text.includes(String(reference)));
    expect(acks).toHaveLength(1);
    expect(acks[0]?.subject).toContain(`MCT-${reference}`);
  });

  it.each([
    ['no idempotency key', undefined, valid, 'headers'],
    ['text too short', 'bad-input-0001', { ...valid, text: 'short' }, 'text'],
    ['unknown category', 'bad-input-0002', { ...valid, categoryCode: 'moon_landing' }, 'categoryCode'],
    ['a location in Paris', 'bad-input-0003', { ...valid, location: { lat: 48.85, lng: 2.35 } }, 'location'],
    ['no way to reply', 'bad-input-0004', { ...valid, contact: {} }, 'contact'],
  ])('refuses %s with a bilingual 400 and stores nothing', async (_label, key, body, field) => {
    const res = key ? await request(key, body) : await post('/v1/requests', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string; message: { ar: string; en: string } }[] };
    expect(problem.errors[0]?.path).toContain(field === 'headers' ? '' : field);
    expect(problem.errors[0]?.message.ar).toMatch(/[\u0600-\u06FF]/);
    if (key) {
      // The same key with valid input still opens a case: the refused attempt left nothing behind.
      expect((await request(key, valid)).status).toBe(201);
    }
  });
});

describe('web follow-ups', () => {
  it('adds a follow-up naming the citizen’s own request to that case; someone else naming it gets a new case', async () => {
    const body = (email: string, extra: Record<string, unknown> = {}) => ({
      text: 'Construction waste dumped on the empty plot next to our house in Bawshar',
      contact: { email },
      ...extra,
    });
    const first = (await (
      await post('/v1/requests', body('owner@example.om'), { 'idempotency-key': 'follow-up-0001' })
    ).json()) as { reference: string };
    const again = await post(
      '/v1/requests',
      body('owner@example.om', {
        reference: `MCT-${first.reference}`,
        text: 'They dumped more today, photos attached later.',
      }),
      {
        'idempotency-key': 'follow-up-0002',
      },
    );
    expect(((await again.json()) as { reference: string }).reference).toBe(first.reference);
    const stranger = await post('/v1/requests', body('stranger@example.om', { reference: first.reference }), {
      'idempotency-key': 'follow-up-0003',
    });
    expect(((await stranger.json()) as { reference: string }).reference).not.toBe(first.reference);
    const { timeline } = (await (
      await get(`/v1/cases/${first.reference}`, await as('supervisor'))
    ).json()) as { timeline: { kind: string; text?: string }[] };
    expect(timeline.filter((e) => e.kind === 'message_in').map((e) => e.text)).toContain(
      'They dumped more today, photos attached later.',
    );
    const bad = await post('/v1/requests', body('owner@example.om', { reference: '123' }), {
      'idempotency-key': 'follow-up-0004',
    });
    expect(bad.status).toBe(400);
  });
});

describe('one citizen, several identities', () => {
  it('links the e-mail given with a phone to the same citizen, once, so agents find them by either', async () => {
    const request = (key: string) =>
      post(
        '/v1/requests',
        {
          text: 'Broken pavement tiles on the walkway by the Muttrah corniche',
          contact: { phone: '92000077', email: 'Mixed.Case@Example.om' },
        },
        { 'idempotency-key': key },
      );
    const first = (await (await request('identities-0001')).json()) as { reference: string };
    await request('identities-0002');
    const byEmail = (await (
      await get('/v1/cases?email=mixed.case%40example.om', await as('supervisor'))
    ).json()) as { items: { reference: string }[] };
    const byPhone = (await (await get('/v1/cases?phone=92000077', await as('supervisor'))).json()) as {
      items: { reference: string }[];
    };
    expect(byEmail.items.map((i) => i.reference)).toContain(first.reference);
    expect(byEmail.items.map((i) => i.reference).sort()).toEqual(
      byPhone.items.map((i) => i.reference).sort(),
    );
  });
});

describe('possible duplicates', () => {
  it('links a second report of the same problem at the same spot to the first, for the agents', async () => {
    const report = (key: string, email: string, lat: number) =>
      post(
        '/v1/requests',
        {
          text: 'Street light is out on the corner near the bakery',
          categoryCode: 'street_light_out',
          contact: { email },
          location: { lat, lng: 58.4306 },
        },
        { 'idempotency-key': key },
      );
    const first = (await (await report('duplicate-test-0001', 'a@example.om', 23.5957)).json()) as {
      reference: string;
    };
    const second = (await (await report('duplicate-test-0002', 'b@example.om', 23.5961)).json()) as {
      reference: string;
    };
    const res = await get(`/v1/cases/${second.reference}`, await as('supervisor'));
    const { case: c } = (await res.json()) as { case: { duplicateOf?: string } };
    expect(c.duplicateOf).toBe(first.reference);
  });
});

describe('agent API', () => {
  it('refuses requests without a token like the JWT authorizer does', async () => {
    expect((await get('/v1/cases?queue=t1')).status).toBe(401);
  });

  it('lists the tier-1 queue by SLA due time for a tier-1 agent, and refuses tier 2', async () => {
    const auth = await as('agent1');
    const page = (await (await get('/v1/cases?queue=t1', auth)).json()) as { items: { dueAt: string }[] };
    expect(page.items.length).toBeGreaterThan(0);
    const due = page.items.map((i) => i.dueAt);
    expect(due).toEqual([...due].sort());
    expect((await get('/v1/cases?queue=t2', auth)).status).toBe(403);
  });

  it('finds a citizen’s cases by phone in any form, limited to what the caller may see', async () => {
    await post('/_local/sms', { from: '+96892000005', text: 'عمود الإنارة مكسور أمام البيت' });
    const reference = await eventually(async () => {
      const ref = referenceIn((await lastSmsTo('+96892000005'))?.text);
      expect(ref).toBeDefined();
      return ref as string;
    });
    const find = async (user: string, query: string) =>
      ((await (await get(`/v1/cases?${query}`, await as(user))).json()) as { items: { reference: string }[] })
        .items;
    const arabicIndic = encodeURIComponent('٩٢٠٠٠٠٠٥');
    expect((await find('agent1', `phone=${arabicIndic}`)).map((i) => i.reference)).toEqual([reference]);
    expect((await find('agent1', 'phone=%2B968%209200%200005')).map((i) => i.reference)).toEqual([reference]);
    expect(await find('dept.health', 'phone=92000005')).toEqual([]);
    expect(await find('agent1', 'email=nobody%40example.om')).toEqual([]);
    const bad = await get('/v1/cases?phone=12', await as('agent1'));
    expect(bad.status).toBe(400);
  });

  it("hides another department's case from department staff as if it did not exist", async () => {
    await post('/_local/sms', { from: '+96892000004', text: 'حفرة كبيرة في الطريق أمام المدرسة' });
    const reference = referenceIn((await lastSmsTo('+96892000004'))?.text ?? '');
    const roads = await as('dept.roads');
    const health = await as('dept.health');
    expect((await get(`/v1/cases/${reference}`, roads)).status).toBe(200);
    expect((await get(`/v1/cases/${reference}`, health)).status).toBe(404);
  });
});
