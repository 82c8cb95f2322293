import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { launchBrowser } from '../support/browser.ts';
import { eventually, localClient } from '../support/local-client.ts';

/**
 * The citizens' portal end to end: local mode serving / (web/portal), Chromium driven by playwright-core,
 * at phone (360×740) and desktop sizes, in Arabic and English. Every page is checked with axe-core
 * (no serious or critical violation). `npm run screenshots` also writes docs/screenshots/portal-*.png.
 */
let stack: LocalStack;
let browser: Browser;
const { post, get, outbox, as } = localClient(() => stack);
const SHOTS =
  process.env.NIDAA_SCREENSHOTS === '1' ? path.join(PROJECT_ROOT, 'docs', 'screenshots') : undefined;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
type Lang = 'ar' | 'en';
/** Al Khuwair in the portal's gazetteer (web/portal/src/places/muscat-places.ts). */
const KHUWAIR = { lat: 23.595, lng: 58.42 };

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, portal: true });
  browser = await launchBrowser();
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

async function open(viewport: typeof PHONE, lang: Lang) {
  const context = await browser.newContext({
    viewport,
    locale: 'ar-OM',
    ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  contexts.push(context);
  if (lang === 'en') await context.addInitScript("localStorage.setItem('nidaa.portal.lang', 'en')");
  return { context, page: await context.newPage() };
}

/** axe-core on the page as it is now: WCAG 2.0–2.2 A and AA rules, no serious or critical violation. */
async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) on ${where}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `portal-${name}.png`), fullPage: true });
}

/**
 * A real JPEG (the browser must decode it to downscale it) with an Exif GPS block saying where it was
 * taken, as a phone camera writes it: TIFF little endian, IFD0 → GPS IFD with N/E references.
 */
async function photoTakenAt(page: Page, at: { lat: number; lng: number }): Promise<Buffer> {
  // A string, not a function: this file is compiled without the DOM library.
  const dataUrl = await page.evaluate<string>(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d');
    g.fillStyle = '#6b6b6b';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#2b2b2b';
    g.beginPath();
    g.ellipse(1200, 1000, 600, 300, 0, 0, Math.PI * 2);
    g.fill();
    return canvas.toDataURL('image/jpeg', 0.8);
  })()`);

  const jpeg = Buffer.from(dataUrl.split(',')[1] as string, 'base64');
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // IFD0: one entry, the GPS IFD pointer
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  tiff.writeUInt16LE(4, 26); // GPS IFD: four entries
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (typeof value === 'string') tiff.write(value, at + 8, 'latin1');
    else tiff.writeUInt32LE(value, at + 8);
  };
  entry(28, 1, 2, 2, 'N\0');
  entry(40, 2, 5, 3, 80);
  entry(52, 3, 2, 2, 'E\0');
  entry(64, 4, 5, 3, 104);
  tiff.writeUInt32LE(0, 76);
  const dms = (offset: number, degrees: number) => {
    const d = Math.floor(degrees);
    const m = Math.floor((degrees - d) * 60);
    const s = Math.round(((degrees - d) * 60 - m) * 60 * 100);
    for (const [i, [num, den]] of [
      [d, 1],
      [m, 1],
      [s, 100],
    ].entries()) {
      tiff.writeUInt32LE(num as number, offset + i * 8);
      tiff.writeUInt32LE(den as number, offset + i * 8 + 4);
    }
  };
  dms(80, at.lat);
  dms(104, at.lng);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** An open pothole report at Al Khuwair already on file, for "is this the same problem?". */
async function existingPothole(): Promise<string> {
  const res = await post(
    '/v1/requests',
    {
      text: 'حفرة عميقة عند إشارة الخوير',
      categoryCode: 'pothole',
      contact: { phone: '+96891110000' },
      location: { lat: KHUWAIR.lat + 0.0005, lng: KHUWAIR.lng },
    },
    { 'idempotency-key': `portal-e2e-existing-${Date.now()}` },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

async function casesOf(phone: string): Promise<string[]> {
  const res = await get(`/v1/cases?phone=${encodeURIComponent(phone)}`, await as('supervisor'));
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { reference: string }[] }).items.map((c) => c.reference);
}

const WORDS = {
  ar: {
    search: 'حفره',
    text: 'حفرة كبيرة في الطريق أمام المدرسة في الخوير',
    place: 'الخوير',
    wilayat: 'بوشر',
  },
  en: {
    search: 'pothol',
    text: 'A large pothole in front of the school in Al Khuwair',
    place: 'Khuwair',
    wilayat: 'Bawshar',
  },
};

describe('the citizens’ portal, end to end', () => {
  let nearbyReference = '';
  beforeAll(async () => {
    nearbyReference = await existingPothole();
  });

  for (const [size, viewport, lang] of [
    ['phone', PHONE, 'ar'],
    ['desktop', DESKTOP, 'en'],
  ] as const) {
    it(`${size}, ${lang}: files a report with a photo and a pin on the map, gets the reference, tracks it`, async () => {
      const phone = lang === 'ar' ? '+96892220001' : '+96892220002';
      const words = WORDS[lang];
      const { page } = await open(viewport, lang);
      await page.goto(`${stack.url}/`);
      await page.waitForSelector('a[data-kind="problem"]');
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(page, `home (${lang})`);
      await shot(page, `home-${size}-${lang}`);

      await page.click('a[data-kind="problem"]');
      await page.fill('[data-field="category-search"]', words.search);
      await page.click('button[data-category="pothole"]');
      expect(await page.textContent('[data-field="category"]')).toBeTruthy();
      await page.fill('[data-field="text"]', words.text);

      // The photo's own GPS, read before upload because the citizen said so, then confirmed.
      await page.check('input[type="checkbox"]');
      await page.setInputFiles('[data-field="photos"]', {
        name: 'pothole.jpg',
        mimeType: 'image/jpeg',
        buffer: await photoTakenAt(page, { lat: 23.5881, lng: 58.3829 }),
      });
      await page.waitForSelector('.thumbs img');
      await page.click('[data-action="use-photo-gps"]');
      expect(await page.textContent('[data-field="location"]')).toContain('23.588');

      // Then the pin: a place search, and a tap on the map to put it exactly.
      await page.click('[data-action="show-map"]');
      await page.waitForSelector('[data-map="picker"] canvas');
      await page.fill('[data-field="place-search"]', words.place);
      await page.press('[data-field="place-search"]', 'Enter');
      await page.click('[data-list="places"] button >> nth=0');
      await eventually(async () =>
        expect(await page.textContent('[data-field="location"]')).toContain(KHUWAIR.lat.toFixed(5)),
      );
      expect(await page.textContent('[data-field="wilayat"]')).toBe(words.wilayat);
      // Is this the same problem? The open pothole nearby is offered before filing.
      await page.waitForSelector('[data-section="nearby"]');
      expect(await page.textContent('[data-section="nearby"]')).toContain(nearbyReference);
      await shot(page, `same-problem-${size}-${lang}`);
      const canvas = page.locator('[data-map="picker"] canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the map has no canvas');
      // Beside the pin (which sits at the centre), not on it.
      await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 + 40);
      await eventually(async () =>
        expect(await page.textContent('[data-field="location"]')).not.toContain(KHUWAIR.lat.toFixed(5)),
      );
      // Without a pointer: the arrow keys move the map, and its centre becomes the pin.
      const tapped = await page.textContent('[data-field="location"]');
      await canvas.focus();
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(400);
      await page.click('[data-action="pin-centre"]');
      await eventually(async () =>
        expect(await page.textContent('[data-field="location"]')).not.toBe(tapped),
      );
      expect(await page.textContent('[data-field="wilayat"]')).toBe(words.wilayat);

      await page.fill('[data-field="phone"]', phone);
      await expectAccessible(page, `report form (${lang})`);
      await shot(page, `report-${size}-${lang}`);

      await page.click('[data-action="submit"]');
      await page.waitForSelector('[data-field="new-reference"]', { timeout: 20_000 });
      const reference = ((await page.textContent('[data-field="new-reference"]')) ?? '').trim();
      expect(reference).toMatch(/^\d{9,12}$/);
      await expectAccessible(page, `sent (${lang})`);
      await shot(page, `sent-${size}-${lang}`);
      expect(await casesOf(phone)).toEqual([reference]);
      // The case carries the photo (downscaled, uploaded through the presigned form) and the pin.
      const staff = (await (await get(`/v1/cases/${reference}`, await as('supervisor'))).json()) as {
        case: { location?: { lat: number; lng: number } };
        timeline: { kind: string; data?: { attachments?: string[] } }[];
      };
      expect(staff.timeline.find((e) => e.kind === 'message_in')?.data?.attachments).toHaveLength(1);
      expect(staff.case.location?.lat).toBeCloseTo(KHUWAIR.lat, 1);

      // Tracking, by the link on the acknowledgement page.
      await page.click(`a[href="/track/${reference}"]`);
      await page.waitForSelector(`[data-request="${reference}"]`);
      expect(await page.textContent('[data-field="status"]')).toBeTruthy();
      await expectAccessible(page, `track (${lang})`);
      await shot(page, `track-${size}-${lang}`);
    }, 90_000);
  }

  it('tracks by a reference typed with Arabic-Indic digits and separators', async () => {
    const reference = await existingPothole();
    const arabicIndic = reference.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const typed = `MCT - ${arabicIndic.slice(0, 4)} ${arabicIndic.slice(4)}`;
    const { page } = await open(PHONE, 'ar');
    await page.goto(`${stack.url}/track`);
    await page.fill('[data-field="reference"]', typed);
    await page.press('[data-field="reference"]', 'Enter');
    await page.waitForSelector(`[data-request="${reference}"]`);
    expect(new URL(page.url()).pathname).toBe(`/track/${reference}`);
  }, 60_000);

  it.each([
    ['phone', PHONE, 'ar', '+96892220009', 'أُفرغت الحاوية صباح اليوم، وأصبحت جولة الجمع مرتين في الأسبوع.'],
    [
      'desktop',
      DESKTOP,
      'en',
      '+96892220019',
      'Emptied this morning; the collection round now passes twice a week.',
    ],
  ] as const)(
    '%s (Arabic on the phone, English on the desktop): opens the SMS acknowledgement’s tracking link, adds a photo, sees the department’s answer',
    async (size, viewport, lang, phone, answer) => {
      await post('/_local/sms', { from: phone, text: 'حاوية النفايات ممتلئة منذ أيام في القرم' });
      const link = await eventually(async () => {
        const ack = (await outbox()).find((e) => e.to === phone)?.text;
        const found = /https?:\/\/\S+\/track\/\d+#k=[\w-]+/.exec(ack ?? '')?.[0];
        expect(found).toBeDefined();
        return found as string;
      });
      const { page } = await open(viewport, lang);
      await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.url));
      const reference = /\/track\/(\d+)/.exec(link)?.[1] as string;
      await page.waitForSelector(`[data-request="${reference}"]`);
      expect(page.url()).not.toContain('#k=');
      expect(await page.evaluate(`localStorage.getItem('nidaa.portal.access.${reference}')`)).toBeTruthy();
      await page.waitForSelector('[data-form="update"]');
      await expectAccessible(page, `track with token (${lang})`);

      // The citizen adds a photo through the link; it joins the case's timeline.
      await page.setInputFiles('[data-form="update"] input[type="file"]', {
        name: 'bins.jpg',
        mimeType: 'image/jpeg',
        buffer: await photoTakenAt(page, { lat: 23.61, lng: 58.47 }),
      });
      await page.click('[data-form="update"] button[type="submit"]');
      const staff = await as('agent1');
      await eventually(async () => {
        const found = (await (await get(`/v1/cases/${reference}`, staff)).json()) as {
          timeline: { kind: string; actor: string; data?: { attachments?: string[] } }[];
        };
        const added = found.timeline.filter((e) => e.actor === 'citizen' && e.data?.attachments?.length);
        expect(added.length).toBeGreaterThan(0);
      });

      // The department answers; the citizen's page shows the answer.
      expect((await post(`/v1/cases/${reference}/resolve`, { answer }, staff)).status).toBe(200);
      await page.reload();
      await page.waitForSelector('[data-field="answer"]');
      expect(await page.textContent('[data-field="answer"]')).toContain(answer);
      await shot(page, `track-citizen-${size}-${lang}`);
    },
    90_000,
  );

  it('a report written offline is queued and reaches the API once, when the phone is back online', async () => {
    const phone = '+96892220003';
    const { context, page } = await open(PHONE, 'ar');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/requests') posts += 1;
    });
    await page.goto(`${stack.url}/report?kind=problem`);
    await page.waitForSelector('button[data-category]');
    await context.setOffline(true);
    await page.fill('[data-field="category-search"]', 'حاويه');
    await page.click('button[data-category="overflowing_bins"]');
    await page.fill('[data-field="text"]', 'حاوية ممتلئة ورائحتها كريهة قرب الحديقة');
    await page.fill('[data-field="phone"]', phone);
    await page.click('[data-action="submit"]');
    await page.waitForSelector('[data-field="queued"]');
    await page.waitForSelector('[data-banner="queued"]');
    await expectAccessible(page, 'queued offline (ar)');
    await shot(page, 'offline-phone-ar');
    expect(posts).toBe(0);
    expect(await casesOf(phone)).toEqual([]);

    await context.setOffline(false);
    await page.waitForSelector('[data-banner="sent"]', { timeout: 20_000 });
    const reference = ((await page.textContent('[data-banner="sent"] bdi')) ?? '').trim();
    // Coming back again (a reload, another 'online' event) sends nothing more: the queue is empty.
    await page.reload();
    await page.waitForSelector('a[data-kind], button[data-category]');
    await page.evaluate("window.dispatchEvent(new Event('online'))");
    await page.waitForTimeout(500);
    expect(posts).toBe(1);
    expect(await casesOf(phone)).toEqual([reference]);
  }, 60_000);

  it('procedures and contact pages, both languages, phone and desktop, are accessible', async () => {
    for (const lang of ['ar', 'en'] as const) {
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const { page } = await open(viewport, lang);
        await page.goto(`${stack.url}/procedures`);
        await page.waitForSelector('[data-list="procedures"] li');
        await expectAccessible(page, `procedures (${lang}, ${size})`);
        await shot(page, `procedures-${size}-${lang}`);
        await page.click('[data-list="procedures"] li a >> nth=0');
        await page.waitForSelector('[data-action="ask"]');
        await expectAccessible(page, `procedure (${lang}, ${size})`);
        await shot(page, `procedure-${size}-${lang}`);
        await page.click('[data-action="ask"]');
        await page.waitForSelector('[data-field="text"]');
        await eventually(async () => expect(await page.inputValue('[data-field="text"]')).not.toBe(''));
        await page.goto(`${stack.url}/contact`);
        await page.waitForSelector('h1');
        await expectAccessible(page, `contact (${lang}, ${size})`);
        await shot(page, `contact-${size}-${lang}`);
        for (const route of ['/', '/report?kind=inquiry', '/track']) {
          await page.goto(`${stack.url}${route}`);
          await page.waitForSelector('main h1');
          await expectAccessible(page, `${route} (${lang}, ${size})`);
        }
      }
    }
  }, 120_000);

  it('is installable (manifest, icons, service worker) and opens without a connection once visited', async () => {
    const { context, page } = await open(PHONE, 'ar');
    await page.goto(`${stack.url}/`);
    await page.waitForSelector('a[data-kind]');
    const manifestUrl = await page.getAttribute('link[rel="manifest"]', 'href');
    const manifest = (await (await get(manifestUrl ?? '')).json()) as {
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size);
      expect((await get(icon?.src ?? '/missing')).headers.get('content-type')).toBe('image/png');
    }
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => Boolean(r.active))')).toBe(true);
    // Every screen was precached on install: offline, a tracking page still opens (its data needs the network).
    await page.waitForTimeout(500);
    await context.setOffline(true);
    await page.goto(`${stack.url}/report?kind=suggestion`);
    await page.waitForSelector('[data-field="text"]');
    await page.goto(`${stack.url}/track`);
    await page.waitForSelector('[data-field="reference"]');
    await context.setOffline(false);
  }, 60_000);

  it('the language switch is one click and is remembered', async () => {
    const { page } = await open(PHONE, 'ar');
    await page.goto(`${stack.url}/`);
    await page.click('button.lang');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.waitForSelector('a[data-kind]');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  }, 30_000);
});
