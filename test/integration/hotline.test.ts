/**
 * The hotline end to end in local mode: the committed flow JSON runs in the simulator, which invokes the
 * hotline Lambda handler with Connect's event; cases, SMS and ratings land in the same table and outbox as
 * every other channel. Every menu path, in Arabic and English.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../functions/core/case/case.ts';
import { PROMPTS } from '../../functions/core/hotline/prompts.ts';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { type CallView, hotlineClient } from '../support/hotline-client.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);
const { call, chat, press, keys, agentHangsUp, endChat, moveClockUntil } = hotlineClient(() => stack);
const spelled = (reference: string) => reference.split('').join(' ');
const smsTo = async (phone: string) =>
  (await outbox()).filter(
    (e) => e.channel === 'sms' && e.to === (phone.startsWith('+') ? phone : `+968${phone}`),
  );

/** A case a citizen raised by SMS, so the caller's number has an open request. */
async function caseBySms(phone: string, text: string) {
  await post('/_local/sms', { from: phone, text });
  const reference = referenceIn((await smsTo(phone)).at(-1)?.text);
  if (!reference) throw new Error('no acknowledgement');
  return reference;
}

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, seedCases: 30 });
  await moveClockUntil(true);
});
afterAll(() => stack.stop());

const arabic = (from: string) => call(from).then((c) => press(c, '1'));
const english = (from: string) => call(from).then((c) => press(c, '2'));

describe('language choice', () => {
  it('greets with the municipality in Arabic, offers English, and keeps Arabic on silence', async () => {
    const first = await call('91100001');
    expect(first.say[0]).toBe('أهلاً بكم في بلدية مسقط.');
    expect(first.say[1]).toBe('Welcome to Muscat Municipality. For English, press 2.');
    const silent = await press(first, '');
    expect(silent.language).toBe('ar');
    expect(silent.say).toEqual([PROMPTS.main.ar]);
    expect((await english('91100001')).say).toEqual([PROMPTS.main.en]);
  });
});

describe('request status', () => {
  it('reads a demo case back digit by digit, then its status, department and next step (Arabic)', async () => {
    const queue = (await (await get('/v1/cases?queue=t1', await as('agent1'))).json()) as {
      items: { reference: string; status: keyof typeof STATUS_LABELS }[];
    };
    const demo = queue.items[0];
    if (!demo) throw new Error('the demo city has no tier-1 case');
    const menu = await keys(await arabic('91100002'), '1', '1');
    expect(menu.say).toEqual([PROMPTS.enterReference.ar]);
    // Arabic-Indic digits typed on the keyboard mean the same keys.
    const typed = demo.reference.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const confirm = await press(menu, `${typed}#`);
    expect(confirm.say[0]).toContain(spelled(demo.reference));
    const status = await press(confirm, '1');
    expect(status.say[0]).toContain(`الطلب رقم ${spelled(demo.reference)}: ${STATUS_LABELS[demo.status].ar}`);
    expect(status.say[0]).toContain('الجهة المختصة');
    expect(status.say[1]).toBe(PROMPTS.after.ar);
    expect(status.attributes.reference).toBe(demo.reference);
  });

  it('says a wrong number is not valid and lets the caller enter it again (English)', async () => {
    const menu = await keys(await english('91100003'), '1', '1');
    const wrong = await press(menu, '123456789#');
    expect(wrong.say[0]).toContain('not valid');
    expect(wrong.say[1]).toBe(PROMPTS.enterReference.en);
  });

  it('lists every open request of the calling number (English)', async () => {
    const reference = await caseBySms('91100004', 'Street light is out on our road in Al Khuwair for a week');
    const mine = await keys(await english('91100004'), '1', '2');
    expect(mine.say[0]).toContain('You have 1 open request.');
    expect(mine.say[0]).toContain(`Request ${spelled(reference)}`);
  });
});

describe('service procedures', () => {
  it('reads a procedure from the knowledge base and sends it by SMS (English)', async () => {
    const menu = await press(await english('91100005'), '2');
    expect(menu.say[0]).toContain('For Building permit for a private residence, press 1.');
    const read = await press(menu, '1');
    expect(read.say[0]).toMatch(/^Building permit for a private residence\. .*Fees: /);
    expect(read.say[1]).toBe(PROMPTS.offerSms.en);
    const sent = await press(read, '1');
    expect(sent.say[0]).toBe('We have sent the procedure to you by text message.');
    expect((await smsTo('+96891100005')).at(-1)?.text).toMatch(/^Building permit for a private residence: /);
  });

  it('sends no procedure SMS to a number that texted STOP: the hotline uses the one outbound path', async () => {
    await post('/_local/sms', { from: '+96891100015', text: 'STOP' });
    await eventually(async () => expect(await smsTo('+96891100015')).toHaveLength(1));
    const read = await keys(await english('91100015'), '2', '1');
    const refused = await press(read, '1');
    expect(refused.say[0]).not.toBe('We have sent the procedure to you by text message.');
    expect(await smsTo('+96891100015')).toHaveLength(1);
  });

  it('reads it in Arabic without sending anything when the caller declines', async () => {
    const read = await keys(await arabic('91100006'), '2', '2');
    expect(read.say[0]).toMatch(/^تجديد الترخيص البلدي للمحل التجاري\. .*الرسوم: /);
    const declined = await press(read, '2');
    expect(declined.say).toEqual([PROMPTS.after.ar]);
    expect(await smsTo('+96891100006')).toEqual([]);
  });
});

describe('new complaint', () => {
  it('files a case with the caller’s number through intake, reads the reference and texts it (Arabic)', async () => {
    const categories = await keys(await arabic('91100007'), '3');
    expect(categories.say[0]).toContain('حفرة');
    const filed = await press(categories, '2');
    const reference = filed.attributes.reference ?? '';
    expect(filed.say[0]).toContain(`رقم البلاغ هو ${spelled(reference)}`);
    const ack = await eventually(async () => {
      const sms = (await smsTo('+96891100007')).at(-1);
      expect(sms?.text).toContain(reference);
      return sms;
    });
    expect(ack?.text).toContain('تم استلام بلاغكم');
    const status = (await (await get(`/v1/requests/${reference}`)).json()) as { category: { en: string } };
    expect(status.category.en).toBe('Pothole');
  });

  it('files one in English and stores the caller’s rating 1–5 on the case', async () => {
    const filed = await keys(await english('91100008'), '3', '3');
    const reference = filed.attributes.reference ?? '';
    expect(filed.say[0]).toContain(`Your reference is ${spelled(reference)}`);
    const survey = await press(filed, '9');
    expect(survey.say).toEqual([PROMPTS.survey.en]);
    const stats = async () =>
      (
        (await (await get('/v1/stats', await as('supervisor'))).json()) as {
          satisfaction: { today: { count: number; byRating: Record<string, number> } };
        }
      ).satisfaction.today;
    const before = await stats();
    const thanks = await press(survey, '4');
    expect(thanks.say).toEqual(['Thank you for your rating. Goodbye.']);
    expect(thanks.ended).toBe(true);
    const view = (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
      case: { satisfaction?: { rating: number; channel: string } };
      timeline: { kind: string; data?: { rating?: number } }[];
    };
    expect(view.case.satisfaction).toMatchObject({ rating: 4, channel: 'voice' });
    expect(view.timeline.find((e) => e.kind === 'survey')?.data?.rating).toBe(4);
    // Supervisors see it in today's satisfaction numbers.
    const after = await stats();
    expect(after.count).toBe(before.count + 1);
    expect(after.byRating['4']).toBe((before.byRating['4'] ?? 0) + 1);
  });
});

describe('agents', () => {
  const screenPop = (c: CallView) => ({
    phone: c.attributes.nidaaCallerPhone,
    open: c.attributes.nidaaOpenCases,
    language: c.attributes.nidaaLanguage,
    intent: c.attributes.nidaaIntent,
  });

  it('queues a caller for tier 1 with the screen-pop attributes, position and wait (Arabic)', async () => {
    const reference = await caseBySms('91100009', 'حفرة كبيرة في الشارع قرب المسجد في بوشر');
    const queued = await press(await arabic('91100009'), '0');
    expect(queued.outcome).toBe('with_agent');
    expect(queued.queue).toBe('t1');
    expect(screenPop(queued)).toEqual({
      phone: '+96891100009',
      open: reference,
      language: 'ar',
      intent: 'menu',
    });
    expect(queued.say).toContain(PROMPTS.transferring.ar);
    expect(queued.say.join(' ')).toContain('ترتيبكم في الانتظار 2');
    // After the agent hangs up, the disconnect flow asks for a rating of this call's case.
    const survey = await agentHangsUp(queued);
    expect(survey.say).toEqual([PROMPTS.survey.ar]);
    expect((await press(survey, '5')).say).toEqual(['شكراً لتقييمكم. مع السلامة.']);
  });

  it('offers a queued call back when the expected wait is long (English)', async () => {
    const caller = await call('91100010', { queue: { position: 9, waitSeconds: 900 } });
    const waiting = await keys(caller, '2', '0');
    expect(waiting.say.join(' ')).toContain(
      'You are number 9 in the queue. The expected wait is about 1 5 minutes.',
    );
    expect(waiting.say.at(-1)).toBe(PROMPTS.offerCallback.en);
    const booked = await press(waiting, '1');
    expect(booked.outcome).toBe('callback');
    expect(booked.callbacks).toEqual([{ queue: 'callback', number: '+96891100010' }]);
    expect(booked.say).toEqual([PROMPTS.callbackOk.en]);
  });

  it.each([
    ['ar', '91100011', arabic],
    ['en', '91100016', english],
  ] as const)(
    'sends the caller to an agent after three wrong or silent answers (%s)',
    async (language, from, dial) => {
      const afterThree = await keys(await dial(from), '7', '', '8');
      expect(afterThree.say).toContain(PROMPTS.tooManyTries[language]);
      expect(afterThree.outcome).toBe('with_agent');
      expect(afterThree.path.filter((p) => p.endsWith(':Main retry invalid'))).toHaveLength(2);
    },
  );
});

describe('live chat', () => {
  it.each([
    ['ar', undefined],
    ['en', 'en'],
  ] as const)(
    'greets a chat in the page’s language and puts it in the tier-1 queue (%s)',
    async (language, asked) => {
      const started = await chat({ customerPhone: '91100012', ...(asked ? { language: asked } : {}) });
      expect(started.say[0]).toBe(PROMPTS.chatWelcome[language]);
      expect(started).toMatchObject({ outcome: 'with_agent', queue: 't1', callbacks: [] });
      // Connect gathers no keys in a chat (flow-language reference): no menu is ever offered.
      expect(started.say).not.toContain(PROMPTS.main[language]);
      expect(started.say).not.toContain(PROMPTS.offerCallback[language]);
    },
  );

  it('joins the chat transcript to the case the agent files for it', async () => {
    const started = await chat({ customerPhone: '91100015', language: 'en' });
    const filed = await post(
      '/v1/cases',
      {
        channel: 'chat',
        contactId: started.callId,
        phone: '91100015',
        text: 'Water leaking from a broken pipe near the Ruwi roundabout',
        language: 'en',
      },
      await as('agent1'),
    );
    expect(filed.status).toBe(201);
    const reference = ((await filed.json()) as { case: { reference: string } }).case.reference;

    // Connect writes the transcript to S3 when the chat ends; S3 invokes chatTranscript.
    const file = JSON.parse(
      readFileSync(new URL('../fixtures/events/connect-chat-transcript.json', import.meta.url), 'utf8'),
    );
    const key = `connect/nidaa/ChatTranscripts/2026/11/27/${started.callId}_20261127T08:01_UTC.json`;
    const body = JSON.stringify({ ...file, ContactId: started.callId, InitialContactId: started.callId });
    await fetch(`${stack.url}/_aws/s3/nidaa-local-chat-transcripts/${key}`, { method: 'PUT', body });
    const s3Key = encodeURIComponent(key).replace(/%2F/g, '/');
    await invokeLocal('chatTranscript', {
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'nidaa-local-chat-transcripts' }, object: { key: s3Key } },
        },
      ],
    });
    const view = (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
      timeline: { kind: string; text?: string }[];
    };
    expect(view.timeline.find((e) => e.kind === 'transcript')?.text).toContain('سنرسل فريق الطرق اليوم');
  });

  it('keeps the whole conversation on the case when the citizen leaves the chat', async () => {
    const started = await chat({ customerPhone: '91100016' });
    const filed = await post(
      '/v1/cases',
      {
        channel: 'chat',
        contactId: started.callId,
        phone: '91100016',
        text: 'حاوية النفايات ممتلئة منذ أيام',
      },
      await as('agent1'),
    );
    const reference = ((await filed.json()) as { case: { reference: string } }).case.reference;
    const left = await endChat(started);
    expect(left).toMatchObject({ ended: true, outcome: 'disconnected' });
    const view = (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
      timeline: { kind: string; text?: string; data?: { lines?: { role: string; text: string }[] } }[];
    };
    const lines = view.timeline.find((e) => e.kind === 'transcript')?.data?.lines ?? [];
    expect(lines.map((l) => l.text)).toContain(PROMPTS.chatWelcome.ar);
    expect((await post(`/_local/calls/${started.callId}/end-chat`, {})).status).toBe(400);
  });
});

describe('the IVR path in the contact record (what the deployed flow sets, decision 0118)', () => {
  it('records each answer, the wrong key and the silence, keeps the typed number out, and where the caller left', async () => {
    const english = await press(await call('91100031'), '2');
    const status = await keys(english, '7', '', '1');
    expect(status.say).toEqual([PROMPTS.statusMenu.en]);
    // A number too short to be a reference: heard as invalid, and asked for again.
    const again = await keys(status, '1', '2600#');
    expect(again.say).toEqual([expect.any(String), PROMPTS.enterReference.en]);
    expect(again.attributes).toMatchObject({
      nidaaPath:
        'language_menu:2|main_menu:invalid|main_menu:timeout|main_menu:1|status_menu:1|enter_reference:entered',
      nidaaWaiting: 'enter_reference',
    });
    expect((await post(`/_local/calls/${again.callId}/hangup`, {})).status).toBe(200);

    const rows = await eventually(async () => {
      const found = await stack.lake.query(
        'SELECT step, node, input, ended_here, channel, language FROM ivr_steps WHERE contact_id = ? ORDER BY step',
        [again.callId],
      );
      if (found.length === 0) throw new Error('no ivr_steps rows yet');
      return found;
    });
    expect(rows.map((r) => [r.step, r.node, r.input, r.ended_here])).toEqual([
      [1, 'language_menu', '2', false],
      [2, 'main_menu', 'invalid', false],
      [3, 'main_menu', 'timeout', false],
      [4, 'main_menu', '1', false],
      [5, 'status_menu', '1', false],
      [6, 'enter_reference', 'entered', false],
      [7, 'enter_reference', 'hangup', true],
    ]);
    expect(rows.every((r) => r.channel === 'VOICE' && r.language === 'en')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('2600');
  });
});

describe('after hours', () => {
  it.each([
    ['ar', '91100013', arabic],
    ['en', '91100017', english],
  ] as const)('offers a call back when the contact center is closed (%s)', async (language, from, dial) => {
    await moveClockUntil(false);
    const closed = await press(await dial(from), '0');
    expect(closed.say).toEqual([PROMPTS.closed[language]]);
    const booked = await press(closed, '1');
    expect(booked.callbacks).toEqual([{ queue: 'callback', number: `+968${from}` }]);
    expect(booked.say).toEqual([PROMPTS.callbackOk[language]]);
    expect(booked.ended).toBe(true);
  });

  it('tells a chat customer the other ways to reach us and ends the chat (no call back in chat)', async () => {
    await moveClockUntil(false);
    const closed = await chat({ language: 'en' });
    expect(closed.say).toEqual([PROMPTS.chatWelcome.en, PROMPTS.closedChat.en]);
    expect(closed).toMatchObject({ ended: true, callbacks: [] });
  });
});

describe('bad input to the local routes', () => {
  it('answers problem details in both languages and starts nothing', async () => {
    const res = await post('/_local/calls', { from: 'nobody', dialed: '80077222' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { messages: { ar: string; en: string } };
    expect(body.messages).toEqual({
      ar: 'رقم المتصل غير صحيح.',
      en: 'The caller number (from) is not valid.',
    });
    expect((await post('/_local/calls/unknown/keys', { digits: '1' })).status).toBe(404);
    const live = await call('91100014');
    expect((await post(`/_local/calls/${live.callId}/keys`, { digits: 'abc' })).status).toBe(400);
    expect((await post(`/_local/calls/${live.callId}/agent-hangup`, {})).status).toBe(400);
  });
});
