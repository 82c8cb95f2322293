import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../functions/core/case/case.ts';
import { signWebhook } from '../../functions/shared/webhook-signature.ts';
import { LOCAL_SMS_WEBHOOK_SECRET } from '../../local/fake-aws/secrets-manager.ts';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import snsEvent from '../fixtures/events/sns-two-way-sms.json' with { type: 'json' };
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

const smsTo = async (phone: string) => (await outbox()).filter((e) => e.channel === 'sms' && e.to === phone);

/** Posts to the aggregator webhook as the aggregator would: raw JSON, signed with the local dev secret. */
function postWebhook(
  message: Record<string, unknown>,
  options: { secret?: string; timestamp?: number; body?: string; headers?: Record<string, string> } = {},
) {
  const body = JSON.stringify(message);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'x-nidaa-timestamp': String(timestamp),
    'x-nidaa-signature': signWebhook(options.secret ?? LOCAL_SMS_WEBHOOK_SECRET, timestamp, body),
    ...options.headers,
  };
  return fetch(`${stack.url}/v1/sms/inbound`, { method: 'POST', headers, body: options.body ?? body });
}

describe('vehicle lookup by SMS, through the fixture connector', () => {
  it('answers `ام <plate> <code>` sent to /_local/sms with the fines and permits, in Arabic', async () => {
    const phone = '+96894000101';
    const res = await post('/_local/sms', { from: phone, text: 'ام ١٢٣٤٥ أ ب' });
    expect(res.status).toBe(202);

    const [reply] = await eventually(async () => {
      const sent = await smsTo(phone);
      expect(sent).toHaveLength(1);
      return sent;
    });
    expect(reply?.text).toBe(
      'المركبة \u206612345 اب\u2069: مخالفات بلدية غير مدفوعة: 2 بمبلغ 15.000 ر.ع. تصريح عربة طعام حتى \u20662027-01-31\u2069.',
    );
    expect(reply?.senderId).toBe('MuscatMun');
  });

  it('answers an unknown plate, and a garbled command gets the bilingual usage help', async () => {
    const phone = '+96894000102';
    await post('/_local/sms', { from: phone, text: 'VH 1 ZZ' });
    await post('/_local/sms', { from: phone, text: 'VH' });
    const texts = await eventually(async () => {
      const sent = (await smsTo(phone)).map((e) => e.text);
      expect(sent).toHaveLength(2);
      return sent;
    });
    expect(texts).toContain('The municipality has no record of vehicle 1 ZZ. Check the number and code.');
    expect(texts.find((t) => t.includes('STOP'))).toMatch(/رط.*\n.*ST ref/s);
  });

  it('answers a lookup that came through the signed aggregator webhook, once per aggregator message id', async () => {
    const phone = '+96894000103';
    const message = { messageId: 'agg-7001', from: '96894000103', to: '90888', text: 'VH 777 AR' };
    const first = await postWebhook(message);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      inboundMessageId: 'agg-7001',
      outcome: 'answered',
      duplicate: false,
    });

    // The aggregator retries (a fresh signature): the message is known, nothing is answered twice.
    const retry = await postWebhook(message, { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ inboundMessageId: 'agg-7001', duplicate: true });

    const sent = await smsTo(phone);
    expect(sent.map((e) => e.text)).toEqual([
      'Vehicle 777 AR: Unpaid municipal fines: 1, OMR 50.000. Water tanker permit until 2026-12-15 and 1 more.',
    ]);
  });
});

describe('the SNS two-way SMS path', () => {
  it('handles the SNS event exactly as AWS delivers it, with the same processing as the webhook', async () => {
    const event = snsEvent as unknown as SNSEvent;
    await invokeLocal('smsInbound', event);
    await invokeLocal('smsInbound', event); // SNS delivers at least once
    const sent = await smsTo('+96891234567');
    expect(sent.map((e) => e.text)).toEqual([expect.stringContaining('15.000 ر.ع.')]);
  });
});

describe('the aggregator webhook refuses what it cannot trust', () => {
  const message = { messageId: 'agg-8001', from: '+96894000104', to: '90888', text: 'مساعدة' };

  const expectProblem = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { messages: { ar: string; en: string } };
    expect(body.messages.ar).toMatch(/[\u0600-\u06ff]/);
    expect(body.messages.en).toMatch(/[a-z]/);
    return body;
  };

  it('refuses missing headers, a wrong secret, a stale timestamp and a tampered body with 401', async () => {
    const unsigned = await fetch(`${stack.url}/v1/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    await expectProblem(unsigned, 401);
    await expectProblem(await postWebhook(message, { secret: 'not-the-secret' }), 401);
    const stale = await postWebhook(message, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect((await expectProblem(stale, 401)).messages.en).toContain('window');
    const tampered = await postWebhook(message, { body: JSON.stringify({ ...message, text: 'STOP' }) });
    await expectProblem(tampered, 401);
    // A staff token is no signature.
    const withToken = await fetch(`${stack.url}/v1/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await as('admin')) },
      body: JSON.stringify(message),
    });
    await expectProblem(withToken, 401);
    // Nothing was processed: no reply went out.
    expect(await smsTo(message.from)).toEqual([]);
  });

  it('refuses the same signed request a second time (a replay) with 409', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postWebhook(message, { timestamp })).status).toBe(200);
    const replay = await postWebhook(message, { timestamp });
    const body = await expectProblem(replay, 409);
    expect(body.messages.en).toContain('replay');
    expect(await smsTo(message.from)).toHaveLength(1);
  });

  it('answers a signed but invalid message with a bilingual 400', async () => {
    await expectProblem(
      await postWebhook({ messageId: 'agg-8002', from: 'abc', to: '90888', text: 'x' }),
      400,
    );
    await expectProblem(await postWebhook({ from: '+96894000105', to: '90888', text: 'x' }), 400);
  });
});

describe('STOP and START', () => {
  it('after STOP, a case notification is suppressed and on the timeline, and nothing reaches the outbox until START', async () => {
    const phone = '+96894000201';
    await post('/_local/sms', { from: phone, text: 'انارة الشارع مطفأة منذ اسبوع في حي الموالح الجنوبية' });
    const reference = await eventually(async () => {
      const ref = referenceIn((await smsTo(phone))[0]?.text);
      expect(ref).toBeDefined();
      return ref as string;
    });
    await eventually(async () => {
      const tasks = (await outbox()).filter((e) => e.channel === 'task' && e.reference === reference);
      expect(tasks.length).toBeGreaterThan(0);
    });

    await post('/_local/sms', { from: phone, text: 'إيقاف' });
    const confirmation = await eventually(async () => {
      const sent = await smsTo(phone);
      expect(sent).toHaveLength(2);
      return sent[1];
    });
    expect(confirmation?.text).toContain('أوقفنا رسائلنا');

    // An agent writes to the citizen: the notification is held back, and the agent sees why.
    const question = 'هل ما زالت الإنارة مطفأة؟';
    const res = await post(`/v1/cases/${reference}/reply`, { text: question }, await as('agent1'));
    expect(res.status).toBe(200);
    const suppressed = await eventually(async () => {
      const timeline = (
        (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
          timeline: CaseEvent[];
        }
      ).timeline;
      const event = timeline.find((e) => e.kind === 'message_out' && e.text?.includes(question));
      expect(event).toBeDefined();
      return event as CaseEvent;
    });
    expect(suppressed.data).toMatchObject({ deliveryStatus: 'suppressed', reason: 'sms_opt_out', to: phone });
    expect(suppressed.data?.segments).toBeGreaterThanOrEqual(1);
    // The STOP confirmation stays the last SMS the number got; a status question is not answered either.
    await post('/_local/sms', { from: phone, text: `رط ${reference}` });
    expect((await smsTo(phone)).at(-1)?.text).toBe(confirmation?.text);
    expect(await smsTo(phone)).toHaveLength(2);

    await post('/_local/sms', { from: phone, text: 'START' });
    await post('/_local/sms', { from: phone, text: `ST ${reference}` });
    const afterStart = await eventually(async () => {
      const sent = (await smsTo(phone)).slice(2).map((e) => e.text);
      expect(sent).toHaveLength(2);
      return sent;
    });
    expect(afterStart[0]).toContain('SMS from us are on again');
    expect(afterStart[1]).toContain(`Request ${reference}`);
  });
});
