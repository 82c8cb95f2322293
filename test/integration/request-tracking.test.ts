import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient } from '../support/local-client.ts';

/**
 * Tracking a request through local mode (issue 11 defect 6, issue 12; docs/decisions/0085, 0086): the link in
 * the acknowledgement, the public and the citizen's views, updates, reopening and one-time codes.
 */
let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

const LINK = /(http:\/\/[^\s]+\/track\/(\d{9,12})#k=([A-Za-z0-9_-]{16}))/;
const SECRET_ANSWER = 'The crew filled the pothole; call Ahmed on 92345678 at Way 3021 if it sinks again.';

type View = Record<string, unknown> & {
  view: string;
  status: string;
  answer?: string;
  timeline?: { step: string; text?: string }[];
  canReopen?: boolean;
  reopenUntil?: string;
};

async function fileBySms(phone: string, text: string) {
  await post('/_local/sms', { from: phone, text });
  const ack = (await outbox()).filter((e) => e.channel === 'sms' && e.to === phone).at(-1);
  const link = LINK.exec(ack?.text ?? '');
  if (!link) throw new Error(`no tracking link in ${ack?.text}`);
  return { reference: link[2] as string, token: link[3] as string, link: link[1] as string, ack: ack?.text };
}

const view = async (reference: string, token?: string, path = `/v1/requests/${reference}`) => {
  const res = await get(path, token ? { 'x-access-token': token } : {});
  return { res, body: (await res.json()) as View };
};

async function resolve(reference: string, answer: string) {
  const agent = await as('agent1');
  await eventually(async () => {
    const res = await post(`/v1/cases/${reference}/resolve`, { answer }, agent);
    expect(res.status).toBe(200);
  });
}

describe('tracking links in acknowledgements', () => {
  it('sends an SMS acknowledgement whose link opens the citizen’s view, and whose link the server never sees', async () => {
    const { reference, link, ack } = await fileBySms(
      '+96892100001',
      'حفرة كبيرة في الطريق أمام مدرسة الخوير',
    );
    expect(ack?.endsWith(link)).toBe(true);
    expect(link.startsWith(`${stack.url}/track/${reference}#k=`)).toBe(true);
  });

  it('links e-mail acknowledgements too, and names no SMS command to a citizen without a mobile', async () => {
    const res = await post(
      '/v1/requests',
      {
        text: 'Broken street light at the corner of Way 2710 in Qurum',
        contact: { email: 'lamp@example.om' },
      },
      { 'idempotency-key': 'tracking-email-0001' },
    );
    const { reference } = (await res.json()) as { reference: string };
    const mail = await eventually(async () => {
      const found = (await outbox()).find(
        (e) => e.channel === 'email' && e.text.includes(`/track/${reference}#k=`),
      );
      expect(found).toBeDefined();
      return found;
    });
    expect(mail?.text).not.toMatch(/رط|ST \d/);
  });
});

describe('GET /v1/requests/{reference}', () => {
  it('tells anyone the public status only: no answer, no timeline, nothing personal', async () => {
    const { reference } = await fileBySms('+96892100002', 'تسرب مياه في الشارع عند المسجد في السيب');
    await resolve(reference, SECRET_ANSWER);

    const { res, body } = await view(reference);

    expect(res.status).toBe(200);
    expect(body.view).toBe('public');
    expect(body.status).toBe('resolved');
    expect(JSON.stringify(body)).not.toMatch(/92345678|Ahmed|Way 3021|\+968|timeline/);
  });

  it('gives the answer, the public timeline and the reopen window to the token holder, and no staff names', async () => {
    const { reference, token } = await fileBySms('+96892100003', 'أعمدة الإنارة مطفأة في شارع السلطان قابوس');
    await resolve(reference, SECRET_ANSWER);

    const { res, body } = await view(reference, token);

    expect(res.status).toBe(200);
    expect(body.view).toBe('citizen');
    expect(body.answer).toBe(SECRET_ANSWER);
    expect(body.canReopen).toBe(true);
    expect(Date.parse(body.reopenUntil ?? '')).toBeGreaterThan(Date.now());
    expect(body.timeline?.map((s) => s.step)).toEqual(
      expect.arrayContaining(['received', 'status', 'citizen_wrote']),
    );
    expect(JSON.stringify(body)).not.toMatch(/agent1|explanation|confidence|contactId/);
  });

  it('refuses a forged token with a bilingual 401', async () => {
    const { reference } = await fileBySms('+96892100004', 'نفايات متراكمة بجانب الحاوية في العامرات');
    const res = await get(`/v1/requests/${reference}`, { 'x-access-token': 'AAAAAAAAAAAAAAAA' });
    // A wrong token is not proof: the public view, like no token.
    expect(((await res.json()) as View).view).toBe('public');
    const update = await post(
      `/v1/requests/${reference}/updates`,
      { text: 'more' },
      { 'x-access-token': 'AAAAAAAAAAAAAAAA' },
    );
    expect(update.status).toBe(401);
    const problem = (await update.json()) as { messages: { ar: string; en: string } };
    expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it.each([
    ['Arabic-Indic digits', (r: string) => r.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)))],
    ['spaces and a prefix', (r: string) => `MCT ${r.slice(0, 4)} ${r.slice(4)}`],
    ['underscores and commas', (r: string) => `${r.slice(0, 3)}_${r.slice(3, 6)},${r.slice(6)}`],
  ])('accepts references with %s', async (_label, shape) => {
    const { reference, token } = await fileBySms('+96892100005', 'كلاب ضالة قرب الحديقة العامة في بوشر');
    const { res, body } = await view(
      reference,
      token,
      `/v1/requests/${encodeURIComponent(shape(reference))}`,
    );
    expect(res.status).toBe(200);
    expect(body.view).toBe('citizen');
  });
});

describe('citizens acting on their request', () => {
  it('adds information to the case timeline and resumes a case waiting for the citizen', async () => {
    const { reference, token } = await fileBySms('+96892100006', 'مياه صرف صحي في الطريق عند دوار الموالح');
    const agent = await as('agent1');
    await eventually(async () => {
      const res = await post(
        `/v1/cases/${reference}/reply`,
        { text: 'أين بالضبط؟', awaitAnswer: true },
        agent,
      );
      expect(res.status).toBe(200);
    });

    const res = await post(
      `/v1/requests/${reference}/updates`,
      { text: 'بجانب محطة الوقود' },
      { 'x-access-token': token },
    );

    expect(res.status).toBe(201);
    expect(((await res.json()) as { status: string }).status).toBe('in_progress');
    const staff = (await (await get(`/v1/cases/${reference}`, agent)).json()) as {
      timeline: { kind: string; text?: string; actor: string }[];
    };
    expect(staff.timeline.some((e) => e.kind === 'message_in' && e.text === 'بجانب محطة الوقود')).toBe(true);
  });

  it('reopens a resolved request within the window, and refuses an open one', async () => {
    const { reference, token } = await fileBySms('+96892100007', 'حفرة عميقة في الطريق الداخلي في العذيبة');
    const early = await post(
      `/v1/requests/${reference}/reopen`,
      { reason: 'لم تحل' },
      { 'x-access-token': token },
    );
    expect(early.status).toBe(409);
    await resolve(reference, 'Filled.');

    const res = await post(
      `/v1/requests/${reference}/reopen`,
      { reason: 'الحفرة عادت بعد المطر' },
      { 'x-access-token': token },
    );

    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('in_progress');
  });
});

describe('one-time codes', () => {
  it('sends a code to the case’s own phone only, answers 202 the same for any reference, and swaps the code for a token once', async () => {
    const { reference, token } = await fileBySms('+96892100008', 'شجرة ساقطة تسد الطريق في الحيل الشمالية');
    const same = { status: 'accepted' };
    const asked = await post(`/v1/requests/${reference}/access-code`, {});
    const unknown = await post('/v1/requests/260999999/access-code', {});
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject(same);
    expect(unknown.status === 202 || unknown.status === 400).toBe(true);

    const sms = (await outbox()).filter((e) => e.channel === 'sms' && e.to === '+96892100008').at(-1);
    const code = /(\d{6})\u2069?\./.exec(sms?.text ?? '')?.[1];
    expect(code).toBeDefined();
    const arabicIndic = (code ?? '').replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

    const redeemed = await post(`/v1/requests/${reference}/access`, { code: arabicIndic });
    expect(redeemed.status).toBe(200);
    expect(await redeemed.json()).toEqual({ reference, token });
    const again = await post(`/v1/requests/${reference}/access`, { code });
    expect(again.status).toBe(400);
  });

  it('locks a request after five wrong codes', async () => {
    const { reference } = await fileBySms('+96892100009', 'إنارة الحديقة لا تعمل منذ أسبوع في المعبيلة');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post(`/v1/requests/${reference}/access`, { code: `00000${i}` })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

describe('walking references', () => {
  it('refuses public lookups past the per-address limit with a bilingual 429', async () => {
    const { reference } = await fileBySms('+96892100010', 'رمي مخلفات بناء في أرض فضاء في بوشر');
    const address = { 'cloudfront-viewer-address': '198.51.100.77:40000' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get(`/v1/requests/${reference}`, address)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
    const problem = (await (await get(`/v1/requests/${reference}`, address)).json()) as {
      messages: { ar: string; en: string };
    };
    expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
  });
});
