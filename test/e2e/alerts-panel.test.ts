import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../functions/core/insights/alert.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { clusterRows } from '../support/alert-fixtures.ts';
import { launchBrowser, pageErrors } from '../support/browser.ts';
import { localClient } from '../support/local-client.ts';

/**
 * The Alerts screen end to end: a spike the hourly detector found in local mode, seen by a supervisor on
 * a phone in Arabic (right to left, the cases as links) and acknowledged with a note, then opened from
 * the notice's link by an administrator on a desktop in English; agents see no Alerts entry.
 * Screenshots go to .scratch/screenshots for a look (not committed).
 */
let stack: LocalStack;
let browser: Browser;
const { get, post, as } = localClient(() => stack);
const SHOTS = path.join(PROJECT_ROOT, '.scratch', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const HOUR = 3_600_000;
const contexts: BrowserContext[] = [];
const watched: string[][] = [];

beforeAll(async () => {
  stack = await startLocalStack({ hourly: true, fastRetries: true, panel: true });
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  const end = Math.floor((Date.now() + HOUR) / HOUR) * HOUR;
  stack.lake.append(
    'cases',
    clusterRows(end, 8, {
      categoryCode: 'sewage_water_leak',
      departmentCode: 'drainage',
      wilayatCode: 'as_seeb',
      prefix: '26000080',
    }),
  );
  await post('/_local/clock', { advanceMinutes: 60 });
  await stack.hourlyIdle();
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.stop();
});
afterEach(() => {
  expect(watched.flatMap((errors) => errors.splice(0))).toEqual([]);
});

async function signIn(username: string, viewport: typeof PHONE, lang: 'ar' | 'en') {
  const context = await browser.newContext({ viewport, locale: 'ar-OM' });
  contexts.push(context);
  if (lang === 'en') await context.addInitScript("localStorage.setItem('nidaa.panel.lang', 'en')");
  const page = await context.newPage();
  watched.push(pageErrors(page));
  await page.goto(`${stack.url}/panel/`);
  await page.click(`button[data-username="${username}"]`);
  await page.waitForSelector('h1#queues-title');
  return page;
}

describe('the Alerts screen', () => {
  it('shows a supervisor the spike on a phone, in Arabic and right to left, and takes the acknowledgement with a note', async () => {
    const page = await signIn('supervisor', PHONE, 'ar');
    await page.click('nav a[href="#/alerts"]');
    const card = page
      .locator('article.alert', { hasText: 'ارتفاع مفاجئ في البلاغات' })
      .filter({ hasText: 'السيب' })
      .first();
    await card.waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await card.locator('.alert-counts').textContent()).toMatch(/^8 بلاغ/);
    expect(await card.locator('.alert-cases a').count()).toBe(8);
    expect(await card.locator('.alert-cases a').first().getAttribute('href')).toBe('#/cases/260000800');
    // Nothing spills sideways on a phone.
    expect(
      await page.locator('html').evaluate((el) => (el as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: path.join(SHOTS, 'alerts-ar-phone.png'), fullPage: true });

    // A note is required: the form does not send without one.
    await card.locator('button[type="submit"]').click();
    expect(await card.locator('textarea:invalid').count()).toBe(1);
    expect(await card.locator('.badge').textContent()).toBe('مفتوح');
    await card.locator('textarea').fill('أُرسل فريق المياه إلى السيب');
    await card.locator('button[type="submit"]').click();
    await card.locator('.badge', { hasText: 'تمّ الإقرار' }).waitFor();
    expect(await card.textContent()).toContain('أُرسل فريق المياه إلى السيب');
  }, 60_000);

  it('opens the alert a notice links to, in English on a desktop, for an administrator', async () => {
    const { alerts } = (await (await get('/v1/insights/alerts?kind=spike', await as('admin'))).json()) as {
      alerts: Alert[];
    };
    const department = alerts.find(
      (a) => a.place.departmentCode === 'drainage' && !a.place.categoryCode,
    ) as Alert;
    expect(department).toBeDefined();
    const page = await signIn('admin', DESKTOP, 'en');
    await page.goto(`${stack.url}/panel/#/alerts/${department.id}`);
    const focused = page.locator('article.alert-focused');
    await focused.waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await focused.locator('.alert-title').textContent()).toContain('Spike in reports');
    expect(await focused.locator('.alert-place').textContent()).toContain('Department');
    await page.screenshot({ path: path.join(SHOTS, 'alerts-en-desktop.png') });
  }, 60_000);

  it('is not offered to agents', async () => {
    const page = await signIn('agent1', DESKTOP, 'ar');
    expect(await page.locator('nav a[href="#/alerts"]').count()).toBe(0);
  }, 60_000);
});
