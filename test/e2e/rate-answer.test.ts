/**
 * One-tap rating after an answer by e-mail (issue 13): the resolution e-mail carries the portal's
 * `/rate/<reference>#k=…` link; one tap on a phone stores the rating on the case, in Arabic and English,
 * with no page error and no serious accessibility violation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { replayFile } from '../../local/replay/replay-cli.ts';
import { replaySender } from '../../local/replay/replay-service.ts';
import { launchBrowser, pageErrors } from '../support/browser.ts';
import { eventually, localClient } from '../support/local-client.ts';

let stack: LocalStack;
let browser: Browser;
const { get, as, outbox } = localClient(() => stack);
const dir = mkdtempSync(path.join(tmpdir(), 'rate-'));
const day0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 5);
const at = (minutes: number) => new Date(day0 + minutes * 60_000).toISOString();

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, portal: true });
  browser = await launchBrowser();
  const file = path.join(dir, 'answered.csv');
  writeFileSync(
    file,
    [
      'id,createdAt,categoryCode,wilayatCode,channel,language,text,resolvedAt,satisfaction',
      `mail-ar,${at(0)},overflowing_bins,muttrah,email,ar,الحاويات ممتلئة قرب السوق,${at(120)},`,
      `mail-en,${at(5)},pothole,bawshar,email,en,A deep pothole by the school gate,${at(130)},`,
    ].join('\n'),
  );
  await replayFile(file, { url: stack.url, log: () => {} });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The rating link in the resolution e-mail sent to this replayed citizen. */
async function ratingLink(id: string): Promise<string> {
  const to = replaySender({ id, channel: 'email' }).value;
  return eventually(async () => {
    const mail = (await outbox()).find((e) => e.to === to && /\/rate\/\d+#k=/.test(e.text ?? ''));
    const link = /(http\S+\/rate\/\d+#k=[\w-]+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeDefined();
    return link as string;
  }, 30_000);
}

async function ratingOf(reference: string) {
  const view = (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
    case: { satisfaction?: { rating: number; channel: string } };
    timeline: { kind: string; data?: { agent?: string } }[];
  };
  return view;
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

describe('the one-tap rating page', () => {
  it.each([
    ['ar', 'mail-ar', 4, 'شكراً لتقييمكم.'],
    ['en', 'mail-en', 2, 'Thank you for your rating.'],
  ] as const)(
    'in %s: one tap stores the rating, once, and thanks',
    async (lang, id, rating, thanks) => {
      const link = await ratingLink(id);
      const reference = /\/rate\/(\d+)/.exec(link)?.[1] as string;
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        locale: 'ar-OM',
      });
      if (lang === 'en') await context.addInitScript("localStorage.setItem('nidaa.portal.lang', 'en')");
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.url));
      await page.locator('[data-rating]').first().waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // The token left the address bar: a copied address does not carry it.
      expect(new URL(page.url()).hash).toBe('');
      await expectAccessible(page);
      await page.locator(`[data-rating="${rating}"]`).tap();
      await expect.poll(() => page.locator('[data-field="rate-thanks"]').textContent()).toBe(thanks);
      const view = await ratingOf(reference);
      expect(view.case.satisfaction).toMatchObject({ rating, channel: 'email' });
      expect(view.timeline.filter((e) => e.kind === 'survey')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ agent: 'replay.agent' }) }),
      ]);
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it('without its token, says the link is incomplete and offers nothing to tap', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.url}/rate/260000014`);
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('[data-rating="1"]').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
