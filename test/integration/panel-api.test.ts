import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { slaWindow } from '#core/stats/workload.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
let reference = '';
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
  await post('/_local/sms', { from: '+96894000101', text: 'حفرة كبيرة في الطريق قرب دوار البرج' });
  reference = await eventually(async () => {
    const ref = referenceIn((await outbox()).find((e) => e.to === '+96894000101')?.text);
    expect(ref).toBeDefined();
    return ref as string;
  });
});
afterAll(() => stack.stop());

describe('the agent API routes the case panel uses', () => {
  it('GET /v1/me tells the panel its user, queues, calendar and catalogue names', async () => {
    const me = (await (await get('/v1/me', await as('dept.roads'))).json()) as Record<string, unknown>;
    expect(me.staff).toEqual({ username: 'dept.roads', roles: ['dept_staff'], departments: ['roads'] });
    expect(me.queues).toEqual(['t3#roads']);
    expect(me.calendar).toEqual(expect.objectContaining({ utcOffsetMinutes: 240 }));
    expect((me.catalogue as { wilayats: unknown[] }).wilayats).toContainEqual(
      expect.objectContaining({ code: 'bawshar' }),
    );
  });

  it('narrows a queue to breached or at-risk deadlines with one key range', async () => {
    const headers = await as('agent1');
    const found = (await (await get(`/v1/cases/${reference}`, headers)).json()) as {
      case: { dueAt: string };
    };
    const window = slaWindow(new Date(), MUSCAT_CALENDAR);
    const expected =
      found.case.dueAt < window.breachedBefore
        ? 'breached'
        : found.case.dueAt < window.atRiskUntil
          ? 'at_risk'
          : 'neither';
    const refs = async (due: string) =>
      (
        (await (await get(`/v1/cases?queue=t1&due=${due}`, headers)).json()) as {
          items: { reference: string }[];
        }
      ).items.map((i) => i.reference);
    expect((await refs('breached')).includes(reference)).toBe(expected === 'breached');
    expect((await refs('at_risk')).includes(reference)).toBe(expected === 'at_risk');
    const bad = await get('/v1/cases?queue=t1&due=soon', headers);
    expect(bad.status).toBe(400);
  });

  it('POST /v1/cases opens one case for the caller on the line, however often it is sent', async () => {
    const headers = await as('agent1');
    const body = {
      channel: 'voice',
      contactId: 'c0ffee00-0000-4000-8000-000000000001',
      phone: '٩٤٠٠٠١٠٢',
      text: 'المتصل يبلغ عن تسرب مياه في الشارع أمام منزله',
    };
    const first = await post('/v1/cases', body, headers);
    expect(first.status).toBe(201);
    const created = (await first.json()) as {
      case: { reference: string; originChannel: string };
    };
    expect(created.case.originChannel).toBe('voice');
    const again = (await (await post('/v1/cases', body, headers)).json()) as { case: { reference: string } };
    expect(again.case.reference).toBe(created.case.reference);

    expect((await post('/v1/cases', body, await as('dept.roads'))).status).toBe(403);
    const invalid = await post('/v1/cases', { ...body, phone: '12' }, headers);
    expect(invalid.status).toBe(400);
  });

  it('GET /v1/stats gives supervisors the workload and refuses agents', async () => {
    const res = await get('/v1/stats', await as('supervisor'));
    expect(res.status).toBe(200);
    const stats = (await res.json()) as {
      open: { total: number; byTier: Record<string, number> };
      today: { total: number; byChannel: Record<string, number> };
    };
    expect(stats.open.total).toBeGreaterThanOrEqual(2);
    expect(stats.today.byChannel.sms).toBeGreaterThanOrEqual(1);
    expect(stats.today.byChannel.voice).toBe(1);
    expect((await get('/v1/stats', await as('agent1'))).status).toBe(403);
  });
});
