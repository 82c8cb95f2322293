import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDate, MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { launchBrowser, pageErrors } from '../support/browser.ts';
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
    `document.querySelectorAll('[data-card]').length === 7 &&
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
