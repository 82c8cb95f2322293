/**
 * The figures come from real intake: cases opened by SMS and worked by an agent in local mode reach the
 * analytics store through the case table's stream (emulated over dynalite), the analyticsStream handler and
 * the fake Firehose, and the same SQL files Athena runs give their numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import { clock } from '../../functions/shared/clock.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

async function openBySms(phone: string, text: string) {
  expect((await post('/_local/sms', { from: phone, text })).status).toBe(202);
  return eventually(async () => {
    const ack = (await outbox()).find((e) => e.channel === 'sms' && e.to === phone);
    const reference = referenceIn(ack?.text);
    expect(reference).toBeDefined();
    return reference as string;
  });
}

const statusOf = async (reference: string) =>
  ((await (await get(`/v1/requests/${reference}`)).json()) as { status: string }).status;

describe('case changes reach the analytics store through the stream', () => {
  it('counts cases opened by SMS and resolved by an agent in volume and SLA compliance', async () => {
    const today = localDate(clock.now(), MUSCAT_CALENDAR);
    const resolved = await openBySms('+96893000001', 'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام');
    const open = await openBySms('+96893000002', 'حاوية القمامة ممتلئة في الحي ولم تفرغ');
    await eventually(async () => expect(await statusOf(resolved)).toBe('assigned'));
    await eventually(async () => expect(await statusOf(open)).toBe('assigned'));

    const agent = await as('agent1');
    expect((await post(`/v1/cases/${resolved}/claim`, {}, agent)).status).toBe(200);
    expect((await post(`/v1/cases/${resolved}/resolve`, { answer: 'تم جمع القمامة.' }, agent)).status).toBe(
      200,
    );
    await eventually(async () => expect(await statusOf(resolved)).toBe('resolved'));

    const volume = await eventually(async () => {
      await stack.caseStream.idle();
      const rows = await stack.lake.query('volume', [today, today]);
      expect(rows.reduce((sum, r) => sum + Number(r.cases), 0)).toBe(2);
      return rows;
    });
    // Two categories of the cleanliness department, one case each; an SMS names no place.
    const row = {
      day: today,
      channel: 'sms',
      department_code: 'cleanliness',
      wilayat_code: 'unknown',
      language: 'ar',
      cases: 1,
    };
    expect(volume).toEqual([
      { ...row, category_code: 'overflowing_bins' },
      { ...row, category_code: 'waste_collection' },
    ]);

    const compliance = await eventually(async () => {
      await stack.caseStream.idle();
      const rows = await stack.lake.query('sla_compliance', [today, today]);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(compliance).toEqual([
      { department_code: 'cleanliness', tier: 1, resolved: 1, within_sla: 1, compliance_pct: 100 },
    ]);

    // Each version of the resolved case, and its timeline with the case's dimensions; the citizen only
    // as a key, the same for both versions and never the phone.
    const versions = await stack.lake.query(
      'SELECT DISTINCT version, status, citizen_key FROM cases WHERE reference = ? ORDER BY version',
      [resolved],
    );
    expect(versions.map((v) => v.status)).toEqual(
      expect.arrayContaining(['new', 'assigned', 'in_progress', 'resolved']),
    );
    expect(new Set(versions.map((v) => v.citizen_key)).size).toBe(1);
    expect(String(versions[0]?.citizen_key)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(versions[0]?.citizen_key)).not.toContain('93000001');

    const events = await stack.lake.query(
      `SELECT kind, status_to, department_code, count(DISTINCT event_id) AS n FROM case_events
       WHERE reference = ? GROUP BY kind, status_to, department_code ORDER BY kind, status_to`,
      [resolved],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'created', status_to: null, department_code: 'cleanliness', n: 1 },
        { kind: 'status', status_to: 'resolved', department_code: 'cleanliness', n: 1 },
      ]),
    );
  }, 120_000);
});
