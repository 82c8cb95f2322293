/**
 * Limits that make walking references slow and visible (docs/decisions/0085). A reference's check digit
 * stops typos, not guessing: whoever asks about references that are not their own is counted per sender
 * (phone, e-mail address, caller) and per network address, and refused past a limit, which raises a metric
 * and an alarm.
 */
import { TooManyRequestsError } from '../errors.ts';
import { type RateCounter, type RateLimit, take } from '../limits/rate-limit.ts';

/** The log line of every refusal, which the walking alarm counts (lib/constructs/observability). */
export const STATUS_LIMIT_MESSAGE = 'status limit reached';

const HOUR = 3600;

export const LIMITS = {
  /**
   * Status lookups without proof (the public view), per sender or address. A citizen asks about a few
   * requests, and follows their own with their link (not counted); 30 an hour leaves room for the many
   * phones behind one mobile operator's address, and walks 2,500 references in 3.5 days per address
   * instead of 8.7 seconds. Every refusal is counted and alarmed.
   */
  publicLookups: { limit: 30, windowSeconds: HOUR },
  /** One-time codes sent for one request: a few tries if a message is slow, no more. */
  codesPerReference: { limit: 3, windowSeconds: HOUR },
  /** One-time codes asked for from one address, over all references. */
  codesPerAddress: { limit: 10, windowSeconds: HOUR },
  /** Wrong codes typed for one request before it locks until the window passes. */
  codeAttemptsPerReference: { limit: 5, windowSeconds: HOUR },
  /** Code redemptions (right or wrong) from one address. */
  codeAttemptsPerAddress: { limit: 20, windowSeconds: HOUR },
  /** Citizen updates (information, photos, reopen requests) on one request. */
  updatesPerReference: { limit: 20, windowSeconds: HOUR },
} as const satisfies Record<string, RateLimit>;

export type LimitName = keyof typeof LIMITS;

/** Who asked, as a rate-limit key: a channel and its sender (a phone, an address, a caller). */
export const limitKey = (name: LimitName, who: string) => `${name}#${who}`;

export const TOO_MANY = {
  ar: 'طلبات كثيرة في وقت قصير. حاولوا مرة أخرى بعد ساعة.',
  en: 'Too many requests in a short time. Please try again in an hour.',
};

/**
 * Counts one hit and throws a bilingual 429 past the limit, after telling `onRefused` (the adapter logs it
 * and emits the metric the alarm watches).
 */
export async function enforce(
  counters: RateCounter,
  name: LimitName,
  who: string,
  now: Date,
  onRefused: (name: LimitName) => void,
): Promise<void> {
  const verdict = await take(counters, limitKey(name, who), LIMITS[name], now);
  if (verdict.ok) return;
  onRefused(name);
  throw new TooManyRequestsError(TOO_MANY, verdict.retryAfterSeconds);
}
