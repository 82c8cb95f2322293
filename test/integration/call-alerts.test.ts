/**
 * Call weak spots in local mode, end to end: a fortnight of ordinary calls, then, in the three hours
 * before a local hour closes, callers hanging up in the procedures menu. The calls are written to the
 * stack's lake as the contact-records function writes them (the same transform of Connect contact
 * records: contactRowOf, ivrStepRowsOf), rather than driven through the local IVR one by one. When the
 * hour closes, the hourly detector stores an `ivr_dropoff` alert for that menu and tells supervisors (the
 * outbox's `alert` channel); the main menu, whose calls stayed ordinary, and an ordinary hour give none.
 * One call driven through the local IVR (`POST /_local/calls`) shows the real path lands in the same query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  contactRowOf,
  ivrStepRowsOf,
} from '../../functions/core/analytics/contact-records.ts';
import type { Alert } from '../../functions/core/insights/alert.ts';
import { MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { get, post, as, outbox } = localClient(() => stack);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const CALL_KINDS = ['ivr_dropoff', 'ivr_wrong_key', 'queue_abandonment'];
let end: number;

/** Served calls: procedures heard. A drop: hung up in the procedures menu, nothing heard. */
const SERVED = 'main_menu:2|procedures_menu:1';
const DROPPED = 'main_menu:2|procedures_menu:hangup';

function calls(list: { id: string; at: number; path: string }[]) {
  const records: ContactRecord[] = list.map(({ id, at, path }) => ({
    ContactId: id,
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: new Date(at).toISOString(),
    DisconnectTimestamp: new Date(at + 90_000).toISOString(),
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    Attributes: {
      nidaaLanguage: 'ar',
      nidaaPath: path,
      ...(path === SERVED ? { nidaaProcedure: 'building_permit' } : {}),
    },
  }));
  stack.lake.append(
    'contacts',
    records.map((r) => contactRowOf(r, MUSCAT_CALENDAR)),
  );
  stack.lake.append(
    'ivr_steps',
    records.flatMap((r) => ivrStepRowsOf(r, contactRowOf(r, MUSCAT_CALENDAR))),
  );
}

beforeAll(async () => {
  stack = await startLocalStack({ hourly: true, fastRetries: true });
  // The clock moves an hour: the hour that closes then is the one the detector looks at.
  end = Math.floor((Date.now() + HOUR) / HOUR) * HOUR;
  // The fortnight before: a call every 2 hours, one in twenty hanging up in the procedures menu (5 %).
  calls(
    Array.from({ length: 160 }, (_, i) => ({
      id: `base-${i}`,
      at: end - 7 * HOUR - i * 2 * HOUR,
      path: i % 20 === 0 ? DROPPED : SERVED,
    })),
  );
  // An ordinary afternoon, 7 to 4 hours before the end: 30 calls, one drop.
  calls(
    Array.from({ length: 30 }, (_, i) => ({
      id: `ordinary-${i}`,
      at: end - 7 * HOUR + i * 6 * MINUTE,
      path: i === 10 ? DROPPED : SERVED,
    })),
  );
  // The three hours tested: 30 calls, half of them hanging up in the procedures menu.
  calls(
    Array.from({ length: 30 }, (_, i) => ({
      id: `window-${i}`,
      at: end - 3 * HOUR + 5 * MINUTE + i * 5 * MINUTE,
      path: i % 2 === 0 ? DROPPED : SERVED,
    })),
  );
  await post('/_local/clock', { advanceMinutes: 60 });
  await stack.hourlyIdle();
}, 60_000);
afterAll(() => stack.stop());

describe('call weak-spot alerts in local mode', () => {
  let alert: Alert;

  it('stores an ivr_dropoff alert for the menu callers leave, with its rate against its own', async () => {
    const res = await get('/v1/insights/alerts', await as('supervisor'));
    expect(res.status).toBe(200);
    const { alerts } = (await res.json()) as { alerts: Alert[] };
    const found = alerts.filter((a) => CALL_KINDS.includes(a.kind));
    // Only the procedures menu: the main menu's callers and the queues behaved as before.
    expect(found.map((a) => [a.kind, a.place.menuNode])).toEqual([['ivr_dropoff', 'procedures_menu']]);
    // 15 of 30 calls dropped against 9 of 190 (8 of the fortnight's 160, 1 of the afternoon's 30).
    expect(found[0]).toMatchObject({
      status: 'open',
      from: new Date(end - 3 * HOUR).toISOString(),
      to: new Date(end).toISOString(),
      observed: 50,
      expected: 4.7,
      unit: 'percent',
      place: { menuNode: 'procedures_menu', metric: 'dropoff_rate' },
    });
    alert = found[0] as Alert;
  });

  it('tells supervisors through their topic (the outbox, channel alert), in Arabic and English', async () => {
    const notice = (await outbox()).find((m) => m.channel === 'alert' && m.text.includes(alert.id));
    expect(notice?.subject).toMatch(/^Nidaa alert: Callers dropping off in an IVR menu/);
    expect(notice?.text).toContain('انقطاع المتصلين في قائمة الرد الآلي');
    expect(notice?.text).toContain('القائمة procedures_menu · المؤشر معدل الانقطاع');
    expect(notice?.text).toContain('menu procedures_menu · measure drop-off rate');
  });

  it('counts a call driven through the local IVR the same way (its contact record reaches the lake)', async () => {
    const started = await post('/_local/calls', { from: '+96891234567' });
    const { callId } = (await started.json()) as { callId: string };
    for (const digits of ['2', '7']) await post(`/_local/calls/${callId}/keys`, { digits });
    await post(`/_local/calls/${callId}/hangup`, {});
    const day = (ms: number) => new Date(ms - 2 * 86_400_000).toISOString().slice(0, 10);
    const sql = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
    const query = () =>
      stack.lake.query('detect_ivr_nodes', [sql(end), day(end), day(end), sql(end), sql(end + 2 * HOUR)]);
    let rows = await query();
    for (let i = 0; i < 50 && !rows.some((r) => r.node === 'main_menu'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await query();
    }
    // English (2), then a key the main menu does not offer (7), then gone: a wrong key and a drop there.
    expect(rows).toEqual([
      { node: 'language_menu', period: 'window', visits: 1, calls: 1, drops: 0, wrong_keys: 0, timeouts: 0 },
      { node: 'main_menu', period: 'window', visits: 2, calls: 1, drops: 1, wrong_keys: 1, timeouts: 0 },
    ]);
  });

  it('finds nothing in an ordinary hour', async () => {
    const run = (await invokeLocal('insightsDetector', {
      scheduledTime: new Date(end - 4 * HOUR + 5 * MINUTE).toISOString(),
    })) as { stored: string[] };
    expect(run.stored.filter((id) => CALL_KINDS.some((k) => id.includes(`-${k}-`)))).toEqual([]);
  });
});
