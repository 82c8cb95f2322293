import type { Bilingual } from '../errors.ts';
import type { Identity } from '../intake/inbound.ts';

/**
 * Counters over fixed time windows (DynamoDB atomic ADD in AWS): `add` counts one more and returns the
 * window's new total; `read` returns the total so far. A window's counter expires after the window.
 */
export interface RateCounter {
  add(counter: string, windowStart: Date, expiresAt: Date): Promise<number>;
  read(counter: string, windowStart: Date): Promise<number>;
}

export type RateLimit = { limit: number; windowSeconds: number };

/** POSTs one app's API key may make per minute (GeoReport v2 writes; reads need no key). */
export const API_KEY_POSTS: RateLimit = { limit: 60, windowSeconds: 60 };

/**
 * New cases one phone number or e-mail address may open per hour on the web and app channels: a citizen
 * reporting several problems on a walk stays well under it; a script filling a queue does not.
 */
export const NEW_CASES_PER_CONTACT: RateLimit = { limit: 5, windowSeconds: 3600 };

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

function windowAt(now: Date, windowSeconds: number) {
  const ms = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / ms) * ms);
  const end = new Date(start.getTime() + ms);
  return { start, end, retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)) };
}

/**
 * Counts one use of `counter` (`take`) and tells whether it is within the limit of its current window,
 * or tells whether one more use would be (`peek`), without counting it.
 */
async function check(
  mode: 'take' | 'peek',
  counters: RateCounter,
  counter: string,
  rule: RateLimit,
  now: Date,
): Promise<RateVerdict> {
  const w = windowAt(now, rule.windowSeconds);
  // After `add` the count includes this use; `read` counts only the earlier ones.
  const used =
    mode === 'take'
      ? await counters.add(counter, w.start, w.end)
      : (await counters.read(counter, w.start)) + 1;
  return used <= rule.limit ? { ok: true } : { ok: false, retryAfterSeconds: w.retryAfterSeconds };
}

export const take = (counters: RateCounter, counter: string, rule: RateLimit, now: Date) =>
  check('take', counters, counter, rule, now);
export const peek = (counters: RateCounter, counter: string, rule: RateLimit, now: Date) =>
  check('peek', counters, counter, rule, now);

export const contactCounter = (identity: Identity) => `newcase#${identity.kind}#${identity.value}`;
export const apiKeyCounter = (keyId: string) => `apikey#${keyId}`;

export const TOO_MANY_NEW_CASES: Bilingual = {
  ar: 'أرسلت بلاغات كثيرة خلال ساعة. إن كانت المشكلة مختلفة فحاول بعد قليل، أو اتصل بالخط الساخن.',
  en: 'Too many new requests from you within an hour. If this is another problem, try again later or call the hotline.',
};

export const TOO_MANY_REQUESTS: Bilingual = {
  ar: 'طلبات كثيرة بهذا المفتاح، حاول بعد قليل.',
  en: 'Too many requests with this API key; try again shortly.',
};
