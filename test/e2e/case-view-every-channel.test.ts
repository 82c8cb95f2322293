import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import type { Channel } from '../../functions/core/case/case.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { CHANNEL } from '../../web/panel/src/labels.ts';
import { launchBrowser, pageErrors } from '../support/browser.ts';
import { type ChannelCase, channelCases } from '../support/channel-cases.ts';
import { eventually, localClient } from '../support/local-client.ts';

/**
 * Issue 11, defect 2: the panel was a blank page for every case with e-mail on it, and no e2e test had
 * opened one. Here a case of every channel — SMS, web (answered by e-mail), e-mail, fax, call, chat, app —
 * is opened in Arabic and in English, and the case view must show its channels, the citizen's words and a
 * timeline whose every entry has a time, with no console error and no page error.
 */
let stack: LocalStack;
let browser: Browser;
const make = channelCases(() => stack);
const { get, as } = localClient(() => stack);
const RLO = '\u202E';
type Made = ChannelCase & {
  channel: Channel;
  reply: Channel;
  /** Kinds the timeline must hold besides `created` and the citizen's `message_in`. */
  alsoKinds: string[];
};
const cases: Made[] = [];

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, panel: true });
  browser = await launchBrowser();
  const web = await make.web('every-channel-web-1', 'حفرة عميقة أمام المدرسة في العذيبة تحتاج ردماً', {
    contact: { phone: '+96894000501', email: 'web.citizen@example.om' },
    replyChannel: 'email',
  });
  const made: [Channel, Channel, string[], () => Promise<ChannelCase>][] = [
    [
      'sms',
      'sms',
      ['message_out'],
      () => make.sms('+96894000502', 'إنارة الشارع مطفأة قرب مسجد الخوير منذ ثلاثة أيام'),
    ],
    ['web', 'email', ['message_out'], async () => web],
    [
      'email',
      'email',
      ['message_out'],
      () =>
        make.email(
          'mail.citizen@example.om',
          'قمامة متراكمة',
          'القمامة متراكمة عند الحاوية في الموالح منذ أيام',
        ),
    ],
    ['fax', 'fax', ['message_out'], () => make.fax('+968 24 700123')],
    ['voice', 'sms', [], () => make.call('91100501')],
    ['chat', 'sms', ['transcript'], () => make.chat('91100502')],
    ['app', 'sms', [], () => make.app(web.reference, 'حفرة في الطريق المؤدي إلى السوق، من تطبيق البلدية')],
  ];
  // One after another, as citizens would: the hotline's Lambda answers within Connect's time limit only
  // when it is not racing six other channels on a small machine.
  for (const [channel, reply, alsoKinds, makeCase] of made) {
    cases.push({ channel, reply, alsoKinds, ...(await makeCase()) });
  }
  // Acknowledgements, transcripts and tasks land a moment after intake answers.
  const staff = await as('supervisor');
  await eventually(async () => {
    for (const c of cases) {
      const found = (await (await get(`/v1/cases/${c.reference}`, staff)).json()) as {
        timeline: { kind: string }[];
      };
      for (const kind of c.alsoKinds) expect(found.timeline.map((e) => e.kind)).toContain(kind);
    }
  }, 30_000);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A signed-in supervisor (sees every department) whose page fails the test on any console or page error. */
async function panel(lang: 'ar' | 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ar-OM' });
  if (lang === 'en') await context.addInitScript("localStorage.setItem('nidaa.panel.lang', 'en')");
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.url}/panel/`);
  await page.click('button[data-username="supervisor"]');
  await page.waitForSelector('h1#queues-title');
  return { context, page, errors };
}

async function openCase(page: Page, reference: string) {
  await page.goto(`${stack.url}/panel/#/cases/${reference}`);
  await page.waitForSelector(`#case-title >> text=${reference}`);
  await page.waitForSelector('.timeline li.event');
}

describe.each(['ar', 'en'] as const)('the case view of every channel (%s)', (lang) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ context, page, errors } = await panel(lang));
  });
  afterAll(() => context?.close());

  it.each(['sms', 'web', 'email', 'fax', 'voice', 'chat', 'app'] as const)(
    'opens a %s case: channels, the citizen’s words, every timeline entry with a time',
    async (channel) => {
      const c = cases.find((x) => x.channel === channel);
      if (!c) throw new Error(`no ${channel} case was made`);
      await openCase(page, c.reference);

      // Channels: where it came from, and where the answer goes.
      expect(await page.textContent('[data-field="origin-channel"] .channel-name')).toBe(
        CHANNEL[channel][lang],
      );
      expect(await page.textContent('[data-field="reply-channel"] .channel-name')).toBe(
        CHANNEL[c.reply][lang],
      );
      // The citizen's words (for a call or a chat: what the flow recorded).
      expect(await page.textContent('.description')).toContain(c.text);

      // The timeline: the case's creation and the citizen's message on its channel, then the rest.
      const entries = await page.locator('.timeline li.event').evaluateAll((items) =>
        items.map((li) => ({
          kind: li.getAttribute('data-kind'),
          channel: li.querySelector('svg.channel-icon')?.getAttribute('aria-label'),
          time: li.querySelector('.event-head .when')?.textContent ?? '',
        })),
      );
      const kinds = entries.map((e) => e.kind);
      expect(kinds).toContain('created');
      for (const kind of c.alsoKinds) expect(kinds).toContain(kind);
      const message = entries.find((e) => e.kind === 'message_in');
      expect(message?.channel).toBe(CHANNEL[channel][lang]);
      for (const e of entries) expect(e.time, `${e.kind} has a time`).toMatch(/\d{1,2}:\d{2}/);
      if (channel === 'chat') expect(await page.locator('.transcript-line').count()).toBeGreaterThan(0);

      // Nothing failed to draw, nothing was logged as an error.
      expect(await page.locator('[data-region-failed]').count()).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it('keeps a U+202E in the citizen’s text and address from reordering what is around it', async () => {
    const c = await make.web(`every-channel-rlo-${lang}`, 'حفرة كبيرة أمام البيت في شارع 18 نوفمبر', {
      contact: { phone: '+96894000509' },
      location: { lat: 23.5861, lng: 58.4059, address: 'شارع 18 نوفمبر' },
    });
    // Intake removes overrides from what citizens send (issue 11); a case stored before it did keeps
    // them, and the panel must hold either way: the override goes into the stored case itself.
    await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.case(c.reference),
        UpdateExpression: 'SET #description = :text, #location.#address = :address',
        ExpressionAttributeNames: {
          '#description': 'description',
          '#location': 'location',
          '#address': 'address',
        },
        ExpressionAttributeValues: {
          ':text': `${RLO}الحفرة رقم 12 أمام البيت 34`,
          ':address': `${RLO}شارع 18 نوفمبر، مبنى 7`,
        },
      }),
    );
    await openCase(page, c.reference);
    expect(await page.textContent('.description')).toContain(RLO);
    const rtl = lang === 'ar';
    const box = async (selector: string) => (await page.locator(selector).boundingBox()) ?? undefined;
    const address = await box('.map figcaption bdi.citizen');
    const coordinates = await box('.map figcaption bdi[dir="ltr"]');
    // The x of each digit of the reference, in the order they are written.
    const digits = await page.locator('#case-title bdi').evaluate((bdi) => {
      const text = bdi.firstChild;
      const xs: number[] = [];
      for (let i = 0; text && i < (text.textContent ?? '').length; i++) {
        const range = bdi.ownerDocument.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        xs.push(range.getBoundingClientRect().left);
      }
      return xs;
    });
    const layout = { address, coordinates, digits };
    // In reading order the address comes first and the coordinates after it, on the same line.
    if (!address || !coordinates) throw new Error('the address and the coordinates are both shown');
    expect(Math.abs(address.y - coordinates.y)).toBeLessThan(4);
    if (rtl) expect(coordinates.x + coordinates.width).toBeLessThanOrEqual(address.x + 1);
    else expect(coordinates.x).toBeGreaterThanOrEqual(address.x + address.width - 1);
    // The reference reads left to right, digit after digit.
    expect(layout.digits.length).toBeGreaterThanOrEqual(9);
    expect([...layout.digits].sort((a, b) => a - b)).toEqual(layout.digits);
    expect(errors).toEqual([]);
  });
});
