/**
 * Early warning in local mode, end to end: reports pile up in one place, the local hour closes, the
 * hourly detector stores an alert and tells supervisors (the outbox's `alert` channel, as the SNS topic's
 * e-mail subscribers would get it), supervisors list and acknowledge it with a note, and a re-run of the
 * same hour changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../functions/core/insights/alert.ts';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { clusterRows } from '../support/alert-fixtures.ts';
import { localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { get, post, as, outbox } = localClient(() => stack);
const HOUR = 3_600_000;
let end: number;
let alert: Alert;

beforeAll(async () => {
  stack = await startLocalStack({ hourly: true, fastRetries: true });
  const now = Date.now();
  // The clock moves an hour: the hour that closes then is the one the detector looks at.
  end = Math.floor((now + HOUR) / HOUR) * HOUR;
  // Nine street-light reports in Bawshar within the last two hours of it; nothing there before.
  stack.lake.append(
    'cases',
    clusterRows(end, 9, {
      categoryCode: 'streetlight_out',
      departmentCode: 'electricity',
      wilayatCode: 'bawshar',
      prefix: '26000070',
    }),
  );
  await post('/_local/clock', { advanceMinutes: 60 });
  await stack.hourlyIdle();
}, 60_000);
afterAll(() => stack.stop());

describe('early-warning alerts in local mode', () => {
  it('stores a spike alert with the cases behind it, for supervisors', async () => {
    const res = await get('/v1/insights/alerts', await as('supervisor'));
    expect(res.status).toBe(200);
    const { alerts } = (await res.json()) as { alerts: Alert[] };
    const spike = alerts.find((a) => a.kind === 'spike' && a.place.wilayatCode === 'bawshar');
    expect(spike).toMatchObject({
      status: 'open',
      to: new Date(end).toISOString(),
      observed: 9,
      place: { categoryCode: 'streetlight_out', wilayatCode: 'bawshar' },
    });
    expect(spike?.references).toEqual(Array.from({ length: 9 }, (_, i) => `26000070${i}`));
    alert = spike as Alert;
  });

  it('tells supervisors through their topic, in Arabic and English, with a link to the alert in the panel', async () => {
    const notices = (await outbox()).filter((m) => m.channel === 'alert');
    const notice = notices.find((m) => m.text.includes(alert.id));
    expect(notice?.subject).toMatch(/^Nidaa alert: Spike in reports/);
    expect(notice?.text).toContain('ارتفاع مفاجئ في البلاغات');
    expect(notice?.text).toContain('260000708');
    expect(notice?.text).toContain(`${stack.url}/panel/#/alerts/${alert.id}`);
  });

  it('is for supervisors and administrators only', async () => {
    expect((await get('/v1/insights/alerts', await as('agent1'))).status).toBe(403);
    expect((await get('/v1/insights/alerts')).status).toBe(401);
    expect((await get('/v1/insights/alerts', await as('admin'))).status).toBe(200);
  });

  it('refuses bad filters and a missing note in both languages, changing nothing', async () => {
    const bad = await get('/v1/insights/alerts?kind=nonsense', await as('supervisor'));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { message: { ar: string; en: string } }[] };
    expect(problem.errors[0]?.message.en).toContain('kind is one of');
    expect(problem.errors[0]?.message.ar).toMatch(/[\u0600-\u06ff]/);
    const noNote = await post(`/v1/insights/alerts/${alert.id}/acknowledge`, {}, await as('supervisor'));
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('الملاحظة مطلوبة');
    const unknown = await post(
      '/v1/insights/alerts/2026010100-spike-000000000000/acknowledge',
      { note: 'checked' },
      await as('supervisor'),
    );
    expect(unknown.status).toBe(404);
    const still = (await (
      await get(`/v1/insights/alerts/${alert.id}`, await as('supervisor'))
    ).json()) as Alert;
    expect(still.status).toBe('open');
  });

  it('is acknowledged once, with who and the note; a second time is a 409', async () => {
    const ok = await post(
      `/v1/insights/alerts/${alert.id}/acknowledge`,
      { note: 'فريق الكهرباء في الموقع' },
      await as('supervisor'),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'supervisor',
      note: 'فريق الكهرباء في الموقع',
    });
    const again = await post(
      `/v1/insights/alerts/${alert.id}/acknowledge`,
      { note: 'again' },
      await as('admin'),
    );
    expect(again.status).toBe(409);
    const open = (await (
      await get('/v1/insights/alerts?status=open&limit=١٠', await as('supervisor'))
    ).json()) as { alerts: Alert[] };
    expect(open.alerts.map((a) => a.id)).not.toContain(alert.id);
    const acknowledged = (await (
      await get('/v1/insights/alerts?status=acknowledged', await as('supervisor'))
    ).json()) as { alerts: Alert[] };
    expect(acknowledged.alerts.map((a) => a.id)).toContain(alert.id);
  });

  it('stores and announces nothing twice when the same hour runs again', async () => {
    const before = (await outbox()).filter((m) => m.channel === 'alert').length;
    const run = (await invokeLocal('insightsDetector', {
      scheduledTime: new Date(end + 5 * 60_000).toISOString(),
    })) as { stored: string[]; found: number };
    expect(run.found).toBeGreaterThan(0);
    expect(run.stored).toEqual([]);
    expect((await outbox()).filter((m) => m.channel === 'alert')).toHaveLength(before);
  });
});
