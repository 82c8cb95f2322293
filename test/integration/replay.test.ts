/**
 * `npx nidaa replay`: a small file with an injected spike, through local mode's real intake at the rows'
 * own times; bad rows reported by line and skipped; a second run adds nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingLinksFrom } from '../../functions/shared/tracking.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { replayFile } from '../../local/replay/replay-cli.ts';
import { eventually, localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, as, outbox } = localClient(() => stack);
const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
// Rows start tomorrow: the local clock only moves forward.
const day0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 4);
const at = (minutes: number) => new Date(day0 + minutes * 60_000).toISOString();

const header = 'id,createdAt,categoryCode,wilayatCode,channel,language,text,resolvedAt,satisfaction';
const normal = [
  `n1,${at(0)},pothole,muttrah,web,ar,حفرة في الطريق,${at(90)},4`,
  `n2,${at(30)},street_light_out,bawshar,sms,ar,عمود إنارة لا يعمل,,`,
  `n3,${at(60)},waste_collection,as_seeb,email,en,"Bins not collected, again",${at(300)},`,
  `n4,${at(200)},pothole,muscat,sms,ar,حفرة عميقة أمام المدرسة,${at(260)},`,
];
// The spike: eight reports of one problem in one place within the hour.
const spike = Array.from(
  { length: 8 },
  (_, i) => `s${i},${at(120 + i * 5)},sewage_water_leak,qurayyat,voice,ar,طفح مجاري في الحي رقم ${i},,`,
);
const bad = [
  `b1,not-a-time,pothole,muttrah,web,ar,حفرة,,`,
  `b2,${at(10)},no_such_category,muttrah,web,ar,حفرة,,`,
];
const file = path.join(dir, 'history.csv');

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
  writeFileSync(file, `${[header, normal[0], bad[0], ...normal.slice(1), ...spike, bad[1]].join('\n')}\n`);
}, 60_000);
afterAll(async () => {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
});

type View = {
  case: {
    reference: string;
    createdAt: string;
    originChannel: string;
    resolvedAt?: string;
    satisfaction?: { rating: number };
  };
  timeline: { kind: string; actor: string; data?: Record<string, unknown> }[];
};

describe('npx nidaa replay', () => {
  it('opens every good row at its own time on its own channel, resolves and rates it; skips bad rows by line', async () => {
    const lines: string[] = [];
    const summary = await replayFile(file, { url: stack.url, batch: 4, log: (l) => lines.push(l) });
    expect(summary).toMatchObject({ rows: 12, badRows: 2, skipped: 0, done: 12 + 3 + 1 });
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ line 3: createdAt/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ line 15: unknown categoryCode/));
    expect(summary.rate).toBeGreaterThan(0);

    const supervisor = await as('supervisor');
    const found = async (id: string, channel: string) => {
      const res = await get(
        `/v1/cases?${channel === 'email' ? 'email' : 'phone'}=${encodeURIComponent(await senderOf(id, channel))}`,
        supervisor,
      );
      const items = ((await res.json()) as { items: { reference: string }[] }).items;
      expect(items).toHaveLength(1);
      return (await (await get(`/v1/cases/${items[0]?.reference}`, supervisor)).json()) as View;
    };
    const n1 = await found('n1', 'web');
    expect(n1.case).toMatchObject({
      createdAt: at(0),
      originChannel: 'web',
      resolvedAt: at(90),
      satisfaction: { rating: 4 },
    });
    expect(n1.timeline).toContainEqual(
      expect.objectContaining({
        kind: 'survey',
        data: expect.objectContaining({ rating: 4, agent: 'replay.agent' }),
      }),
    );
    const n3 = await found('n3', 'email');
    expect(n3.case).toMatchObject({ createdAt: at(60), originChannel: 'email', resolvedAt: at(300) });
    for (let i = 0; i < 8; i++) {
      const s = await found(`s${i}`, 'voice');
      expect(s.case).toMatchObject({ createdAt: at(120 + i * 5), originChannel: 'voice' });
    }
  }, 180_000);

  it('a second run finds every row done, and the clock refuses to go back', async () => {
    const again = await replayFile(file, { url: stack.url, log: () => {} });
    expect(again).toMatchObject({ rows: 12, done: 0, already: 16, skipped: 0 });
    const back = await post('/_local/clock', { to: at(0) });
    expect(back.status).toBe(400);
    expect(((await back.json()) as { messages: { en: string } }).messages.en).toMatch(
      /does not go backwards/,
    );
    const forward = await post('/_local/clock', { to: at(60 * 24 * 3) });
    // Time runs on from there (the reply may come a millisecond later).
    const now = Date.parse(((await forward.json()) as { now: string }).now);
    expect(now - Date.parse(at(60 * 24 * 3))).toBeGreaterThanOrEqual(0);
    expect(now - Date.parse(at(60 * 24 * 3))).toBeLessThan(5_000);
  }, 120_000);
});

describe('one-tap rating of an answer (POST /v1/requests/{reference}/rating)', () => {
  it('stores the rating once per answer with the agent who answered; a bad token or rating changes nothing', async () => {
    const supervisor = await as('supervisor');
    const email = await senderOf('n3', 'email');
    const [item] = (
      (await (await get(`/v1/cases?email=${encodeURIComponent(email)}`, supervisor)).json()) as {
        items: { reference: string }[];
      }
    ).items;
    const reference = item?.reference as string;
    const token = trackingLinksFrom(['nidaa-local-tracking-secret']).tokenFor(reference);
    const rate = (rating: unknown, key = token) =>
      post(`/v1/requests/${reference}/rating`, { rating, channel: 'email' }, { 'x-access-token': key });
    expect((await rate(3, 'AAAAAAAAAAAAAAAA')).status).toBe(401);
    expect((await rate(9)).status).toBe(400);
    // Arabic-Indic digits, as a phone keyboard types them.
    const first = await rate('٢');
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ reference, stored: true });
    const again = await rate(5);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: false });
    const view = (await (await get(`/v1/cases/${reference}`, supervisor)).json()) as View;
    expect(view.case.satisfaction).toMatchObject({ rating: 2, channel: 'email' });
    expect(view.timeline.filter((e) => e.kind === 'survey')).toEqual([
      expect.objectContaining({
        actor: 'citizen',
        data: expect.objectContaining({ rating: 2, agent: 'replay.agent' }),
      }),
    ]);
  });
});

describe('"reply 1–5" after an answer by SMS', () => {
  it('the resolution SMS asks for it; a digit back (Arabic-Indic too) rates the answer once, instead of reopening', async () => {
    const phone = await senderOf('n4', 'sms');
    await eventually(async () => {
      const sent = (await outbox()).filter((e) => e.to === phone).map((e) => e.text ?? '');
      expect(sent.some((t) => t.includes('تمت معالجة') && t.includes('من 1 إلى 5'))).toBe(true);
    });
    expect((await post('/_local/sms', { from: phone, text: '٤' })).status).toBe(202);
    expect((await post('/_local/sms', { from: phone, text: '1' })).status).toBe(202);
    const supervisor = await as('supervisor');
    const [item] = (
      (await (await get(`/v1/cases?phone=${encodeURIComponent(phone)}`, supervisor)).json()) as {
        items: { reference: string }[];
      }
    ).items;
    const view = await eventually(async () => {
      const v = (await (await get(`/v1/cases/${item?.reference}`, supervisor)).json()) as View & {
        case: { status: string };
      };
      expect(v.case.satisfaction).toMatchObject({ rating: 4, channel: 'sms' });
      return v;
    });
    expect(view.case.status).toBe('resolved');
    expect(view.timeline.filter((e) => e.kind === 'survey')).toHaveLength(1);
    const thanks = (await outbox()).filter((e) => e.to === phone && e.text === 'شكراً لتقييمكم.');
    expect(thanks).toHaveLength(2);
  });
});

async function senderOf(id: string, channel: string) {
  const { replaySender } = await import('../../local/replay/replay-service.ts');
  return replaySender({ id, channel }).value;
}
