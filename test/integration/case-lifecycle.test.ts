import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

async function caseOf(reference: string, user = 'supervisor') {
  const res = await get(`/v1/cases/${reference}`, await as(user));
  expect(res.status).toBe(200);
  return (await res.json()) as { case: Case & { workflow?: unknown }; timeline: CaseEvent[] };
}

/** Waits until the lifecycle is parked waiting for an agent in the given tier. */
async function waitingInTier(reference: string, tier: number) {
  return eventually(async () => {
    const tasks = (await outbox()).filter(
      (e) => e.channel === 'task' && e.reference === reference && e.tier === String(tier),
    );
    expect(tasks.length).toBeGreaterThan(0);
    const { case: c } = await caseOf(reference);
    expect(c.tier).toBe(tier);
    return c;
  });
}

const act = async (user: string, reference: string, action: string, body: unknown) =>
  post(`/v1/cases/${reference}/${action}`, body, await as(user));

describe('a case from intake to closing, through every tier', () => {
  it('breaches tier 1, is escalated to the department, resolved, reopened by the citizen, resolved and closed', async () => {
    // A citizen reports a pothole by SMS: the case opens in the tier-1 queue with a Connect task.
    const phone = '+96893000001';
    await post('/_local/sms', { from: phone, text: 'حفرة عميقة في الطريق أمام مسجد الخوير تسبب حوادث' });
    const reference = referenceIn((await outbox()).find((e) => e.channel === 'sms' && e.to === phone)?.text);
    expect(reference).toBeDefined();
    const ref = reference as string;
    const tier1 = await waitingInTier(ref, 1);
    expect(tier1.status).toBe('assigned');
    expect(tier1).not.toHaveProperty('workflow'); // the task token never leaves the server

    // Nobody acts before the tier-1 deadline: the SLA timer moves the case to tier 2 and alerts supervisors.
    const minutesToDue = Math.ceil((Date.parse(tier1.dueAt) - Date.now()) / 60_000) + 60 * 24 * 3;
    await post('/_local/clock', { advanceMinutes: minutesToDue });
    const tier2 = await waitingInTier(ref, 2);
    expect(Date.parse(tier2.dueAt)).toBeGreaterThan(Date.parse(tier1.dueAt));
    const alerts = (await outbox()).filter((e) => e.channel === 'alert' && e.reference === ref);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('تجاوز البلاغ');
    const breach = (await caseOf(ref)).timeline.find((e) => e.kind === 'tier');
    expect(breach?.data).toMatchObject({ from: 1, to: 2, cause: 'sla_breach' });

    // A tier-1 agent may no longer act on it; a tier-2 agent escalates it to the department, with a reason.
    expect((await act('agent1', ref, 'claim', {})).status).toBe(403);
    const noReason = await act('agent2', ref, 'escalate', {});
    expect(noReason.status).toBe(400);
    // The agent is told, in both languages, that the reason is what is missing.
    const { errors } = (await noReason.json()) as {
      errors: { path: string; message: { ar: string; en: string } }[];
    };
    expect(errors[0]).toEqual({
      path: 'reason',
      message: { ar: 'السبب مطلوب (3 أحرف على الأقل).', en: 'A reason is required (at least 3 characters).' },
    });
    expect((await act('agent2', ref, 'escalate', { reason: 'يحتاج فريق صيانة الطرق' })).status).toBe(200);
    await waitingInTier(ref, 3);

    // Staff of another department cannot see it; the roads department resolves it.
    expect((await act('dept.health', ref, 'resolve', { answer: 'x'.repeat(10) })).status).toBe(404);
    expect((await act('dept.roads', ref, 'claim', {})).status).toBe(200);
    const answer = 'تم ردم الحفرة وإعادة سفلتة الموقع.';
    expect((await act('dept.roads', ref, 'resolve', { answer })).status).toBe(200);

    // The citizen hears the answer on their channel.
    const resolvedSms = await eventually(async () => {
      const sms = (await outbox()).filter(
        (e) => e.channel === 'sms' && e.to === phone && e.text.includes(answer),
      );
      expect(sms).toHaveLength(1);
      return sms[0];
    });
    expect(resolvedSms?.text).toContain('تمت معالجة بلاغكم');

    // The citizen replies to the answer within the reopen window: the case reopens at the tier that resolved it.
    await eventually(async () => {
      const { case: c } = await caseOf(ref);
      expect(c.status).toBe('resolved');
    });
    await post('/_local/sms', { from: phone, text: 'ما زالت الحفرة موجودة، لم يتم إصلاحها' });
    const reopened = await waitingInTier(ref, 3);
    expect(reopened.status).toBe('in_progress');
    expect(Date.parse(reopened.dueAt)).toBeGreaterThan(Date.now());
    const kinds = (await caseOf(ref)).timeline.map((e) => `${e.kind}:${e.actor}`);
    expect(kinds).toContain('message_in:citizen');

    // Resolved again; nobody writes back for the whole reopen window: the case closes.
    const second = 'أعيد إصلاح الحفرة بالكامل وتم التحقق ميدانياً.';
    expect((await act('dept.roads', ref, 'resolve', { answer: second })).status).toBe(200);
    await eventually(async () => {
      expect(
        (await outbox()).some((e) => e.channel === 'sms' && e.to === phone && e.text.includes(second)),
      ).toBe(true);
    });
    await eventually(async () => {
      // The close timer is armed once the answer went out; then seven days pass.
      await post('/_local/clock', { advanceMinutes: 60 * 24 * 8 });
      expect((await caseOf(ref)).case.status).toBe('closed');
    });
    const closed = await caseOf(ref);
    expect(closed.case.closedAt).toBeDefined();
    // Anyone with the reference: the status, never the answer (docs/decisions/0085).
    const publicView = (await (await get(`/v1/requests/${ref}`)).json()) as Record<string, unknown>;
    expect(publicView).toMatchObject({ reference: ref, status: 'closed', view: 'public' });
    expect(JSON.stringify(publicView)).not.toMatch(/dept\.roads|agent2|contactId|timeline|workflow|answer/);
    // The citizen, with the link from their acknowledgement: the answer they were sent, never who
    // handled it or internal notes.
    const ack = (await outbox()).find((e) => e.channel === 'sms' && e.to === phone && e.text.includes(ref));
    const token = /#k=([A-Za-z0-9_-]{16})/.exec(ack?.text ?? '')?.[1] ?? '';
    const citizenView = (await (
      await get(`/v1/requests/${ref}`, { 'x-access-token': token })
    ).json()) as Record<string, unknown>;
    expect(citizenView).toMatchObject({ reference: ref, status: 'closed', view: 'citizen', answer: second });
    expect(JSON.stringify(citizenView)).not.toMatch(/dept\.roads|agent2|contactId|workflow/);

    // Closed means done: a reply now opens a new case instead of reopening this one.
    await post('/_local/sms', { from: phone, text: 'في حفرة أخرى في نفس الشارع قرب الإشارة' });
    await eventually(async () => {
      const acks = (await outbox()).filter(
        (e) => e.channel === 'sms' && e.to === phone && e.text.includes('تم استلام بلاغكم'),
      );
      expect(acks).toHaveLength(2);
      expect(referenceIn(acks[1]?.text)).not.toBe(ref);
    });
  });
});

describe('an agent asks the citizen a question', () => {
  it('sends the reply on the citizen’s channel, waits for the answer, and the answer puts the case back to work', async () => {
    const phone = '+96893000002';
    await post('/_local/sms', { from: phone, text: 'تسرب مياه صرف صحي في الحي منذ يومين والرائحة قوية' });
    const ref = referenceIn(
      (await outbox()).find((e) => e.channel === 'sms' && e.to === phone)?.text,
    ) as string;
    await waitingInTier(ref, 1);

    const question = 'نرجو تحديد رقم السكة أو أقرب معلم للموقع.';
    const res = await act('agent1', ref, 'reply', { text: question, awaitAnswer: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Case).status).toBe('waiting_citizen');
    const sent = (await outbox()).filter(
      (e) => e.channel === 'sms' && e.to === phone && e.text.includes(question),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(`بخصوص بلاغكم`);

    await post('/_local/sms', { from: phone, text: 'سكة 4512 بجانب مسجد الرحمة' });
    const { case: c, timeline } = await eventually(async () => {
      const found = await caseOf(ref);
      expect(found.case.status).toBe('in_progress');
      return found;
    });
    expect(c.tier).toBe(1);
    expect(timeline.filter((e) => e.kind === 'message_out').map((e) => e.text)).toContainEqual(
      expect.stringContaining(question),
    );
    expect(timeline.filter((e) => e.kind === 'message_in').map((e) => e.text)).toContain(
      'سكة 4512 بجانب مسجد الرحمة',
    );
  });
});

describe('an agent merges a duplicate report into the case that carries the work', () => {
  it('closes the duplicate, ends its lifecycle, tells its citizen, and sends them the primary’s answer', async () => {
    const first = '+96893000011';
    const second = '+96893000012';
    await post('/_local/sms', {
      from: first,
      text: 'حاوية النفايات ممتلئة ومتناثرة حولها القمامة عند دوار الخوير',
    });
    await post('/_local/sms', { from: second, text: 'القمامة متكدسة حول الحاوية عند دوار الخوير منذ أيام' });
    const refOf = async (phone: string) =>
      eventually(async () => {
        const ref = referenceIn((await outbox()).find((e) => e.channel === 'sms' && e.to === phone)?.text);
        expect(ref).toBeDefined();
        return ref as string;
      });
    const primary = await refOf(first);
    const duplicate = await refOf(second);
    const primaryCase = await waitingInTier(primary, 1);
    await waitingInTier(duplicate, 1);

    // Bad merges change nothing and say why, in both languages.
    const self = await act('agent1', duplicate, 'merge', { into: duplicate, reason: 'نفس البلاغ' });
    expect(self.status).toBe(400);
    const missing = await act('agent1', duplicate, 'merge', { into: '999999999', reason: 'نفس البلاغ' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('into');
    expect((await caseOf(duplicate)).case.status).toBe('assigned');

    // The agent types the primary's reference with the prefix and Arabic-Indic digits.
    const typed = `MCT-${primary.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] as string)}`;
    const merged = await act('agent1', duplicate, 'merge', {
      into: typed,
      reason: 'البلاغان عن الحاوية نفسها',
    });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ status: 'closed', mergedInto: primary });
    const after = await caseOf(primary);
    expect(after.case.followers).toEqual([duplicate]);
    expect(after.timeline.find((e) => e.kind === 'merge')?.data).toEqual({ from: duplicate });
    expect((await caseOf(duplicate)).timeline.find((e) => e.kind === 'merge')?.data).toEqual({
      into: primary,
    });

    // The duplicate's citizen is told which request they now follow.
    const notice = await eventually(async () => {
      const sms = (await outbox()).filter(
        (e) => e.channel === 'sms' && e.to === second && e.text.includes('ضُمّ'),
      );
      expect(sms).toHaveLength(1);
      return sms[0]?.text ?? '';
    });
    expect(notice).toContain(primary);

    // Merging into a case that was itself merged is refused with the case to use instead.
    const chained = await act('agent1', primary, 'merge', { into: duplicate, reason: 'عكس الضم' });
    expect(chained.status).toBe(409);
    expect(JSON.stringify(await chained.json())).toContain(`merged into ${primary}`);

    // The duplicate's lifecycle has ended: when the SLA passes only the primary is escalated.
    await post('/_local/clock', {
      advanceMinutes: Math.ceil((Date.parse(primaryCase.dueAt) - Date.now()) / 60_000) + 60 * 24 * 3,
    });
    await waitingInTier(primary, 2);
    const alerts = (await outbox()).filter((e) => e.channel === 'alert');
    expect(alerts.some((e) => e.reference === primary)).toBe(true);
    expect(alerts.some((e) => e.reference === duplicate)).toBe(false);
    expect((await caseOf(duplicate)).case.status).toBe('closed');

    // One answer reaches both citizens, each under their own reference.
    const answer = 'تم تفريغ الحاوية وتنظيف الموقع.';
    expect((await act('agent2', primary, 'resolve', { answer })).status).toBe(200);
    for (const [phone, ref] of [
      [first, primary],
      [second, duplicate],
    ] as const) {
      await eventually(async () => {
        const sms = (await outbox()).filter(
          (e) => e.channel === 'sms' && e.to === phone && e.text.includes(answer),
        );
        expect(sms).toHaveLength(1);
        expect(sms[0]?.text).toContain(ref);
      });
    }
    const publicView = (await (await get(`/v1/requests/${duplicate}`)).json()) as Record<string, unknown>;
    expect(publicView).toMatchObject({ status: 'closed', mergedInto: primary });
  });
});

describe('a citizen who asked to be called back', () => {
  it('gets the answer as a call back queued in Connect, to their landline, in their language', async () => {
    const landline = '+96824699001';
    const body = {
      text: 'Street light not working near the Ruwi roundabout since last week',
      language: 'en',
      contact: { phone: '24699001' },
      replyChannel: 'voice',
    };
    // Asking for an e-mail answer without an e-mail address changes nothing and says why.
    const refused = await post(
      '/v1/requests',
      { ...body, replyChannel: 'email' },
      { 'idempotency-key': 'callback-0000' },
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('replyChannel');

    const created = await post('/v1/requests', body, { 'idempotency-key': 'callback-0001' });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const waiting = await waitingInTier(reference, 1);
    expect(waiting.replyChannel).toBe('voice');

    const answer = 'The lamp was replaced this morning.';
    expect((await act('agent1', reference, 'resolve', { answer })).status).toBe(200);
    const callback = await eventually(async () => {
      const calls = (await outbox()).filter((e) => e.channel === 'callback' && e.reference === reference);
      expect(calls).toHaveLength(1);
      return calls[0];
    });
    expect(callback).toMatchObject({ to: landline, language: 'en' });
    expect(callback?.text).toContain(answer);
    // Nothing was texted: a landline cannot receive SMS.
    expect((await outbox()).some((e) => e.channel === 'sms' && e.to === landline)).toBe(false);
    // The timeline records the call back just after it is queued.
    await eventually(async () => {
      const { timeline } = await caseOf(reference);
      expect(timeline.find((e) => e.kind === 'message_out' && e.channel === 'voice')?.data).toMatchObject({
        deliveryStatus: 'callback_queued',
      });
    });
  });
});
