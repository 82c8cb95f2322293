import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  contactRowOf,
  ivrStepRowsOf,
} from '../../functions/core/analytics/contact-records.ts';
import { deliveryRowOf } from '../../functions/core/analytics/records.ts';
import type { CaseEvent } from '../../functions/core/case/case.ts';
import { localDate, MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { launchBrowser, pageErrors } from '../support/browser.ts';
import { aCase } from '../support/builders.ts';
import { lakeFromTable } from '../support/lake-from-table.ts';

/**
 * The Analytics screen end to end: local mode seeded with a year of cases, their records in the lake, the
 * panel in Chromium asking insightsApi, which asks the fake Athena, which asks DuckDB. The numbers on the
 * screen are checked against the lake counted independently; a number opens its cases, a case opens the
 * case view. `npm run screenshots` also writes Arabic and English, desktop and phone, to docs/screenshots/.
 */
let stack: LocalStack;
let browser: Browser;
const SHOTS =
  process.env.NIDAA_SCREENSHOTS === '1' ? path.join(PROJECT_ROOT, 'docs', 'screenshots') : undefined;
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const ENGLISH = "localStorage.setItem('nidaa.panel.lang', 'en')";
const today = localDate(new Date(), MUSCAT_CALENDAR);
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, panel: true, seedCases: 400 });
  // Seeding writes the table directly, past its stream: the test puts the seeded cases' records in the lake.
  await lakeFromTable(stack);
  hotlineInTheLake();
  browser = await launchBrowser();
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const watched: string[][] = [];
afterEach(() => {
  expect(watched.flatMap((errors) => errors.splice(0))).toEqual([]);
});

/**
 * A hotline month in the lake: contact records as Connect delivers them, one call or chat every few hours
 * over the last 30 days, through the same transforms as the stream (IVR path, queue, agent), and the
 * messages sent to citizens with some failures and bounces.
 */
function hotlineInTheLake() {
  const records: ContactRecord[] = [];
  for (let i = 0; i < 120; i++) {
    const start = Date.now() - (i * 6 + 1) * 3_600_000;
    const at = (s: number) => new Date(start + s * 1000).toISOString();
    const wait = (i * 37) % 150;
    const answered = i % 5 !== 0;
    const served = i % 4 === 1;
    const dropped = i % 8 === 3;
    const callback = i % 20 === 7;
    records.push({
      ContactId: `e2e-${i}`,
      Channel: i % 6 === 0 ? 'CHAT' : 'VOICE',
      InitiationMethod: callback ? 'CALLBACK' : 'INBOUND',
      InitiationTimestamp: at(0),
      DisconnectTimestamp: at(60 + wait + (answered ? 240 : 0)),
      DisconnectReason: 'CUSTOMER_DISCONNECT',
      Queue:
        served || dropped
          ? null
          : { Name: 'tier1', EnqueueTimestamp: at(30), DequeueTimestamp: at(30 + wait), Duration: wait },
      Agent:
        answered && !served && !dropped
          ? {
              ConnectedToAgentTimestamp: at(30 + wait),
              AgentInteractionDuration: 180 + (i % 7) * 20,
              CustomerHoldDuration: i % 3 === 0 ? 30 : 0,
              AfterContactWorkDuration: 45,
            }
          : null,
      Attributes: {
        nidaaLanguage: i % 3 === 0 ? 'en' : 'ar',
        // A status heard in the IVR: served there (contact-records.ts, SERVED_ATTRIBUTES).
        ...(served ? { nidaaHeardReference: '260000001' } : {}),
        nidaaPath: served
          ? 'language_menu:1|main_menu:1|status_menu:1|enter_reference:entered|after_menu:9'
          : dropped
            ? 'language_menu:1|main_menu:3|category_menu:hangup'
            : i % 7 === 0
              ? 'language_menu:timeout|main_menu:invalid|main_menu:0'
              : 'language_menu:1|main_menu:0',
      },
    });
  }
  stack.lake.append(
    'contacts',
    records.map((r) => contactRowOf(r, MUSCAT_CALENDAR)),
  );
  stack.lake.append(
    'ivr_steps',
    records.flatMap((r) => ivrStepRowsOf(r, contactRowOf(r, MUSCAT_CALENDAR))),
  );
  const someCase = aCase({ reference: '260000001' });
  const sent = (i: number): CaseEvent => {
    const channel = (['sms', 'email', 'sms'] as const)[i % 3];
    const at = new Date(Date.now() - (i * 5 + 1) * 3_600_000).toISOString();
    const base = { reference: '260000001', id: `msg-${i}`, at, actor: 'system' } as const;
    if (i % 11 === 0) return { ...base, kind: 'note', data: { channel, deliveryStatus: 'failed' } };
    if (channel === 'email' && i % 4 === 0)
      return { ...base, kind: 'delivery', channel, data: { deliveryStatus: 'bounced' } };
    return { ...base, kind: 'message_out', channel, data: { deliveryStatus: 'sent', segments: 1 + (i % 2) } };
  };
  stack.lake.append(
    'deliveries',
    Array.from({ length: 90 }, (_, i) => deliveryRowOf(sent(i), someCase, MUSCAT_CALENDAR)).filter(
      (r) => r !== null,
    ),
  );
}

/** Counted straight from the lake, with SQL of the test's own: what the screen must show. */
async function openedBetween(from: string, to: string, where = 'true') {
  const [row] = await stack.lake.query(
    `SELECT count(DISTINCT reference) AS n FROM cases WHERE created_day BETWEEN '${from}' AND '${to}' AND ${where}`,
  );
  return Number(row?.n);
}

async function analytics(username: string, options: { lang?: 'ar' | 'en'; viewport?: typeof DESKTOP } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'ar-OM' });
  if (options.lang === 'en') await context.addInitScript(ENGLISH);
  const page = await context.newPage();
  watched.push(pageErrors(page));
  await page.goto(`${stack.url}/panel/`);
  await page.click(`button[data-username="${username}"]`);
  await page.waitForSelector('h1#queues-title');
  return { context, page };
}

/** Every card has its answer and every chart its canvas. */
/** Every card has its answer and every chart its canvas (page-side code as text: the tests have no DOM types). */
async function settled(page: Page) {
  await page.waitForSelector('#analytics-title');
  await page.waitForFunction(
    `document.querySelectorAll('[data-card]').length === 12 &&
     ![...document.querySelectorAll('[data-card], [data-stat]')].some((e) => /…|جارٍ التحميل|Loading/.test(e.textContent))`,
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForFunction(
    "[...document.querySelectorAll('.echart')].every((e) => e.querySelector('canvas'))",
  );
}

/** Waits until the cases-opened tile reads `n`. */
const tileReads = (page: Page, n: number) =>
  page.waitForFunction(
    `document.querySelector('[data-stat="cases-opened"]')?.textContent?.trim() === '${n}'`,
  );

async function shot(page: Page, name: string, phone: boolean) {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  // Charts draw in the next frames after their data.
  await page.waitForTimeout(400);
  const file = (part: string) => path.join(SHOTS, `panel-analytics-${name}${part}.png`);
  // A phone's page is long: its first screen, and the hotspots card on its own.
  await page.screenshot({ path: file(''), fullPage: !phone });
  if (phone) await page.locator('[data-card="hotspots"]').screenshot({ path: file('-hotspots') });
}

describe('the Analytics screen', () => {
  it('shows a supervisor the real figures of the last 30 days, and a number opens its cases and a case', async () => {
    const { context, page } = await analytics('supervisor');
    await page.click('nav a[href="#/analytics"]');
    await settled(page);

    // The default period: the last 30 Muscat days, today included.
    expect(await page.inputValue('input[type="date"] >> nth=0')).toBe(daysAgo(29));
    expect(await page.inputValue('input[type="date"] >> nth=1')).toBe(today);
    const opened = await openedBetween(daysAgo(29), today);
    expect(opened).toBeGreaterThan(0);
    expect((await page.textContent('[data-stat="cases-opened"]'))?.trim()).toBe(String(opened));

    // Calls offered: the contacts that entered a queue (not call backs), counted by the test's own SQL.
    const [calls] = await stack.lake.query(
      `SELECT count(*) AS n FROM contacts WHERE offered AND NOT callback AND channel IN ('VOICE', 'CHAT')
       AND day BETWEEN '${daysAgo(29)}' AND '${today}'`,
    );
    expect(Number(calls?.n)).toBeGreaterThan(0);
    expect((await page.textContent('[data-stat="calls-offered"]'))?.trim()).toBe(String(calls?.n));

    // The hotspot table: each wilayat × category cell is the lake's count.
    const cell = page.locator('[data-cell]').filter({ hasText: /[1-9]/ }).first();
    const [wilayat, category] = String(await cell.getAttribute('data-cell')).split(':');
    const inCell = await openedBetween(
      daysAgo(29),
      today,
      `coalesce(wilayat_code, 'unknown') = '${wilayat}' AND category_code = '${category}'`,
    );
    expect((await cell.textContent())?.trim()).toBe(String(inCell));

    // A filter narrows every figure that takes it.
    await page.selectOption('select[data-filter="wilayat"]', wilayat as string);
    const inWilayat = await openedBetween(
      daysAgo(29),
      today,
      `coalesce(wilayat_code, 'unknown') = '${wilayat}'`,
    );
    await tileReads(page, inWilayat);
    await settled(page);
    // SLA compliance has no wilayat: its card says so rather than pretending.
    expect(await page.textContent('[data-card="sla"]')).toContain('لا يُصفّى هذا الرقم حسب');

    // Drill-down: the number opens exactly the cases behind it, and one opens the case view.
    await page.click('[data-stat="cases-opened"] button.num');
    await page.waitForSelector('[data-drill] [data-reference]');
    const listed = await page.locator('[data-drill] [data-reference]').count();
    expect(listed).toBe(Math.min(inWilayat, 50));
    const reference = String(
      await page.locator('[data-drill] [data-reference]').first().getAttribute('data-reference'),
    );
    await page.click(`[data-drill] a[href="#/cases/${reference}"]`);
    await page.waitForSelector('#case-title');
    expect(await page.textContent('#case-title')).toContain(reference);
    await context.close();
  });

  it('is not offered to agents, and its API refuses them', async () => {
    const { context, page } = await analytics('agent1');
    expect(await page.locator('nav a[href="#/analytics"]').count()).toBe(0);
    await context.close();
  });

  for (const [lang, viewport, name] of [
    ['ar', DESKTOP, 'ar-desktop'],
    ['en', DESKTOP, 'en-desktop'],
    ['ar', PHONE, 'ar-phone'],
    ['en', PHONE, 'en-phone'],
  ] as const) {
    it(`draws a year of figures in ${lang === 'ar' ? 'Arabic, right to left' : 'English'} on a ${viewport === PHONE ? 'phone' : 'desktop'}`, async () => {
      const { context, page } = await analytics('supervisor', { lang, viewport });
      await page.goto(`${stack.url}/panel/#/analytics`);
      await settled(page);
      await page.fill('input[type="date"] >> nth=0', daysAgo(364));
      await tileReads(page, await openedBetween(daysAgo(364), today));
      await settled(page);
      expect(await page.evaluate('document.documentElement.dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // Nothing wider than the screen: the page does not scroll sideways on a phone.
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
      await shot(page, name, viewport === PHONE);
      await context.close();
    });
  }
});
