/**
 * The contact-center figures (calls, call backs, IVR, deliveries, cost, satisfaction by source and agent)
 * on a small known dataset, run by DuckDB over the rows the transforms write from contact records and case
 * events. Every number below is worked out by hand from the contacts and events described here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  contactRowOf,
  ivrStepRowsOf,
} from '../../functions/core/analytics/contact-records.ts';
import { deliveryRowOf, ratingRowOf } from '../../functions/core/analytics/records.ts';
import type { CaseEvent } from '../../functions/core/case/case.ts';
import type { LocalLake } from '../../local/analytics/lake.ts';
import { testKey as key, MUSCAT, temporaryLake } from '../support/analytics.ts';
import { aCase } from '../support/builders.ts';

/** An instant `s` seconds after 06:00 UTC (10:00 in Muscat) on 2026-03-01. */
const T = (s: number) => new Date(Date.parse('2026-03-01T06:00:00Z') + s * 1000).toISOString();

/** A contact record: inbound, `duration` seconds long; a queue and an agent only when given. */
function ctr(
  id: string,
  start: number,
  duration: number,
  extra: Partial<ContactRecord> & { path?: string } = {},
): ContactRecord {
  const { path: ivrPath, ...rest } = extra;
  return {
    ContactId: id,
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: T(start),
    DisconnectTimestamp: T(start + duration),
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    Queue: null,
    Agent: null,
    ...rest,
    Attributes: { nidaaLanguage: 'ar', ...(ivrPath ? { nidaaPath: ivrPath } : {}), ...rest.Attributes },
  };
}

const queued = (name: string, start: number, wait: number) => ({
  Name: name,
  EnqueueTimestamp: T(start + 5),
  DequeueTimestamp: T(start + 5 + wait),
  Duration: wait,
});
const agent = (start: number, interaction: number, hold: number, acw: number) => ({
  ConnectedToAgentTimestamp: T(start),
  AgentInteractionDuration: interaction,
  CustomerHoldDuration: hold,
  AfterContactWorkDuration: acw,
});

const CONTACTS: ContactRecord[] = [
  // c1: status by keypad, heard and rated (after menu 9): self-service, 120 s.
  ctr('c1', 0, 120, {
    path: 'main_menu:1|status_menu:1|enter_reference:entered|confirm_reference:1|after_menu:9',
    Attributes: { reference: '260000001' },
  }),
  // c2, c3: pressed 0 for an agent; waited 20 s and 50 s; handled 300+30+60 and 200+0+40 s.
  ctr('c2', 600, 360, {
    path: 'main_menu:0',
    Queue: queued('tier1', 600, 20),
    Agent: agent(625, 300, 30, 60),
    DisconnectReason: 'AGENT_DISCONNECT',
  }),
  ctr('c3', 3600, 300, {
    path: 'main_menu:0',
    Queue: queued('tier1', 3600, 50),
    Agent: agent(3655, 200, 0, 40),
  }),
  // c4: a wrong key, then 0; hung up after 90 s in the queue: abandoned. 100 s.
  ctr('c4', 7200, 100, { path: 'main_menu:invalid|main_menu:0', Queue: queued('tier1', 7200, 90) }),
  // c5: silent at the language menu, 3 (complaint), hung up in the categories menu: a drop there. 60 s.
  ctr('c5', 10800, 60, { path: 'language_menu:timeout|main_menu:3|category_menu:hangup' }),
  // c6: a chat queued for 10 s, handled 100+0+20 s.
  ctr('c6', 14400, 120, {
    Channel: 'CHAT',
    Queue: queued('tier1', 14400, 10),
    Agent: agent(14415, 100, 0, 20),
  }),
  // c7: Connect's queued call back, answered and talked 120 s: kept. 180 s.
  ctr('c7', 18000, 180, {
    InitiationMethod: 'CALLBACK',
    Queue: queued('callback', 18000, 30),
    Agent: agent(18035, 120, 0, 0),
  }),
  // c8: a call back that expired unanswered: not kept, not abandoned. 600 s.
  ctr('c8', 19800, 600, {
    InitiationMethod: 'CALLBACK',
    Queue: queued('callback', 19800, 590),
    DisconnectReason: 'EXPIRED',
  }),
  // c9: Nidaa's call-back task, accepted but closed without a call (no interaction time): not kept.
  ctr('c9', 21600, 60, {
    Channel: 'TASK',
    InitiationMethod: 'API',
    Queue: queued('callback', 21600, 5),
    Agent: agent(21610, 0, 0, 10),
    Attributes: { nidaaIntent: 'callback' },
  }),
  // c10: the next local day (2026-03-02 in Muscat): outside a one-day range.
  ctr('c10', 86400, 200, {
    path: 'main_menu:0',
    Queue: queued('tier1', 86400, 10),
    Agent: agent(86415, 100, 0, 0),
  }),
];

const caseA = aCase({ reference: '260000001', assignee: 'agent1', tier: 1 });
const caseB = aCase({ reference: '260000002', assignee: 'agent2', tier: 2, departmentCode: 'waste' });
const caseC = aCase({ reference: '260000003', departmentCode: 'waste' });

const event = (
  reference: string,
  id: string,
  at: number,
  kind: CaseEvent['kind'],
  channel: CaseEvent['channel'] | undefined,
  data: Record<string, unknown>,
): CaseEvent => ({ reference, id, at: T(at), kind, actor: 'system', ...(channel ? { channel } : {}), data });

const DELIVERY_EVENTS: CaseEvent[] = [
  event('260000001', 'e0', 0, 'created', 'sms', {}),
  event('260000001', 'out-1', 10, 'message_out', 'sms', { deliveryStatus: 'sent', segments: 2 }),
  event('260000001', 'out-2', 20, 'message_out', 'sms', {
    deliveryStatus: 'suppressed',
    reason: 'sms_opt_out',
    segments: 1,
  }),
  event('260000001', 'note-3', 30, 'note', undefined, {
    channel: 'sms',
    deliveryStatus: 'failed',
    reason: 'ThrottlingException',
  }),
  event('260000001', 'note-x', 35, 'note', undefined, { template: 'ack' }),
  event('260000001', 'out-4', 40, 'message_out', 'email', { deliveryStatus: 'sent' }),
  event('260000001', 'delivery-4', 50, 'delivery', 'email', { deliveryStatus: 'delivered' }),
  event('260000001', 'out-5', 60, 'message_out', 'email', { deliveryStatus: 'sent' }),
  event('260000001', 'delivery-5', 70, 'delivery', 'email', { deliveryStatus: 'bounced' }),
  event('260000001', 'out-6', 80, 'message_out', 'fax', { deliveryStatus: 'sent' }),
  event('260000001', 'out-7', 90, 'message_out', 'voice', { deliveryStatus: 'callback_queued' }),
  event('260000001', 'out-8', 95, 'message_out', 'sms', {}),
  // The next local day: outside a one-day range.
  event('260000001', 'delivery-9', 86400, 'delivery', 'email', { deliveryStatus: 'soft_bounced' }),
];

const RATING_EVENTS: [CaseEvent, typeof caseA][] = [
  [event('260000001', 'survey-1', 100, 'survey', 'voice', { rating: 5 }), caseA],
  [event('260000001', 'survey-2', 200, 'survey', 'sms', { rating: 4, source: 'sms' }), caseA],
  [event('260000002', 'survey-3', 300, 'survey', 'web', { rating: 2, source: 'portal' }), caseB],
  [event('260000002', 'survey-4', 400, 'survey', 'chat', { rating: 1 }), caseB],
  [event('260000003', 'survey-5', 500, 'survey', 'email', { rating: 3, source: 'email' }), caseC],
  [event('260000003', 'survey-6', 600, 'survey', 'email', { rating: 7, source: 'email' }), caseC],
  [event('260000003', 'survey-7', 86400, 'survey', 'voice', { rating: 1 }), caseB],
];

let lake: LocalLake;
let remove: () => Promise<void>;

beforeAll(() => {
  ({ lake, remove } = temporaryLake('lake-contacts'));
  lake.append(
    'contacts',
    CONTACTS.map((r) => contactRowOf(r, MUSCAT)),
  );
  lake.append(
    'ivr_steps',
    CONTACTS.flatMap((r) => ivrStepRowsOf(r, contactRowOf(r, MUSCAT))),
  );
  lake.append(
    'deliveries',
    DELIVERY_EVENTS.map((e) => deliveryRowOf(e, caseA, MUSCAT)).filter((r) => r !== null),
  );
  lake.append(
    'ratings',
    RATING_EVENTS.map(([e, c]) => ratingRowOf(e, c, key, MUSCAT)).filter((r) => r !== null),
  );
});

afterAll(() => remove());

const DAY = ['2026-03-01', '2026-03-01'] as const;

describe('contact-center figures on a known dataset (DuckDB)', () => {
  it('calls: offered, answered, abandoned, speed of answer, service level, handle time', async () => {
    expect(await lake.query('calls', [30, ...DAY])).toEqual([
      {
        day: '2026-03-01',
        channel: 'CHAT',
        queue_name: 'tier1',
        offered: 1,
        answered: 1,
        abandoned: 0,
        abandoned_pct: 0,
        average_speed_of_answer_seconds: 10,
        service_level_pct: 100,
        average_handle_seconds: 120,
        answered_within_threshold: 1,
        answer_wait_seconds: 10,
        handle_seconds: 120,
      },
      {
        day: '2026-03-01',
        channel: 'VOICE',
        queue_name: 'tier1',
        offered: 3,
        answered: 2,
        abandoned: 1,
        abandoned_pct: 33.3,
        // (20 + 50) / 2; only c2 was answered within 30 s, of 3 offered; (390 + 240) / 2.
        average_speed_of_answer_seconds: 35,
        service_level_pct: 33.3,
        average_handle_seconds: 315,
        answered_within_threshold: 1,
        answer_wait_seconds: 70,
        handle_seconds: 630,
      },
    ]);
    // With a 60-second threshold c3 (50 s) counts too.
    const [, voice] = await lake.query('calls', [60, ...DAY]);
    expect(voice).toMatchObject({ service_level_pct: 66.7, answered_within_threshold: 2 });
  });

  it('call backs kept', async () => {
    expect(await lake.query('callbacks', DAY)).toEqual([
      { day: '2026-03-01', queue_name: 'callback', callbacks: 3, kept: 1, kept_pct: 33.3 },
    ]);
  });

  it('IVR containment: served in the IVR, to an agent, dropped', async () => {
    expect(await lake.query('ivr_containment', DAY)).toEqual([
      {
        day: '2026-03-01',
        channel: 'CHAT',
        contacts: 1,
        self_served: 0,
        to_agent: 1,
        dropped: 0,
        containment_pct: 0,
      },
      {
        day: '2026-03-01',
        channel: 'VOICE',
        contacts: 5,
        self_served: 1,
        to_agent: 3,
        dropped: 1,
        containment_pct: 20,
      },
    ]);
  });

  it('IVR menus: drop-off, wrong keys and silence per node', async () => {
    const zero = { drops: 0, drop_off_pct: 0, wrong_keys: 0, wrong_key_pct: 0, timeouts: 0, timeout_pct: 0 };
    expect(await lake.query('ivr_nodes', DAY)).toEqual([
      { node: 'after_menu', visits: 1, contacts: 1, ...zero },
      { node: 'category_menu', visits: 1, contacts: 1, ...zero, drops: 1, drop_off_pct: 100 },
      { node: 'confirm_reference', visits: 1, contacts: 1, ...zero },
      { node: 'enter_reference', visits: 1, contacts: 1, ...zero },
      { node: 'language_menu', visits: 1, contacts: 1, ...zero, timeouts: 1, timeout_pct: 100 },
      // c1, c2, c3, c4 twice, c5: one wrong key in six answers.
      { node: 'main_menu', visits: 6, contacts: 5, ...zero, wrong_keys: 1, wrong_key_pct: 16.7 },
      { node: 'status_menu', visits: 1, contacts: 1, ...zero },
    ]);
  });

  it('delivery failures per channel', async () => {
    const none = { failed: 0, suppressed: 0, delivered: 0, bounced: 0, complained: 0, failure_pct: 0 };
    expect(await lake.query('delivery_failures', DAY)).toEqual([
      { channel: 'email', attempts: 2, sent: 2, ...none, delivered: 1, bounced: 1, failure_pct: 50 },
      { channel: 'fax', attempts: 1, sent: 1, ...none },
      { channel: 'sms', attempts: 3, sent: 1, ...none, failed: 1, suppressed: 1, failure_pct: 33.3 },
      { channel: 'voice', attempts: 1, sent: 1, ...none },
    ]);
    const [email] = await lake.query('delivery_failures', ['2026-03-02', '2026-03-02']);
    expect(email).toMatchObject({ channel: 'email', attempts: 0, bounced: 1, failure_pct: null });
  });

  it('cost per channel at the unit prices given', async () => {
    const prices = [0.01, 0.001, 0.05, 0.02, 0.005, 0.1];
    expect(await lake.query('channel_cost', [...DAY, ...prices])).toEqual([
      { channel: 'chat', unit: 'contact', units: 1, cost: 0.005 },
      { channel: 'email', unit: 'message', units: 2, cost: 0.002 },
      { channel: 'fax', unit: 'message', units: 1, cost: 0.05 },
      // Two segments in the one SMS sent (the held-back and failed ones cost nothing).
      { channel: 'sms', unit: 'segment', units: 2, cost: 0.02 },
      { channel: 'task', unit: 'contact', units: 1, cost: 0.1 },
      // 120 + 360 + 300 + 100 + 60 + 180 + 600 = 1,720 s = 28.67 min, at 0.02.
      { channel: 'voice', unit: 'minute', units: 28.67, cost: 0.573 },
    ]);
  });

  it('satisfaction by source and channel', async () => {
    const rating = (source: string, channel: string, average: number, satisfied_pct: number) => ({
      source,
      channel,
      ratings: 1,
      average,
      satisfied_pct,
      // One rating each: the sums behind the average and the share are the rating and 4–5 or not.
      satisfied: satisfied_pct === 100 ? 1 : 0,
      rating_sum: average,
    });
    expect(await lake.query('satisfaction_by_source', DAY)).toEqual([
      rating('email', 'email', 3, 0),
      rating('ivr_survey', 'chat', 1, 0),
      rating('ivr_survey', 'voice', 5, 100),
      rating('portal', 'web', 2, 0),
      rating('sms', 'sms', 4, 100),
    ]);
  });

  it('satisfaction by agent key, never a name', async () => {
    const rows = await lake.query('satisfaction_by_agent', [...DAY, 1]);
    expect(rows).toEqual([
      {
        agent_key: 'key-1tnega:tnega',
        ratings: 2,
        average: 4.5,
        satisfied_pct: 100,
        lowest_tier: 1,
        highest_tier: 1,
        satisfied: 2,
        rating_sum: 9,
      },
      {
        agent_key: 'key-2tnega:tnega',
        ratings: 2,
        average: 1.5,
        satisfied_pct: 0,
        lowest_tier: 2,
        highest_tier: 2,
        satisfied: 0,
        rating_sum: 3,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('agent1');
    expect(await lake.query('satisfaction_by_agent', [...DAY, 3])).toEqual([]);
  });

  it('keeps the caller number and free-text attributes out of the contacts table', async () => {
    const withNumber = contactRowOf(
      {
        ...ctr('c11', 0, 10),
        Attributes: { nidaaCallerPhone: '+96899123456', nidaaMenu: 'قائمة', reference: 'abc' },
      } as ContactRecord,
      MUSCAT,
    );
    expect(JSON.stringify(withNumber)).not.toContain('96899123456');
    expect(JSON.stringify(withNumber)).not.toContain('قائمة');
    expect(withNumber.reference).toBeNull();
  });
});
