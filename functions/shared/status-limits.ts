import { take } from '#core/limits/rate-limit.ts';
import { LIMITS, type LimitName, limitKey, STATUS_LIMIT_MESSAGE } from '#core/status/limits.ts';
import { container } from './container.ts';
import { logger } from './powertools.ts';

/**
 * Logs a refused status lookup or access-code attempt (never the sender itself). A metric filter turns the
 * line into the `StatusLimitRefusals` metric and an alarm tells the cloud team someone is walking
 * references (lib/constructs/observability); in local mode the console line is the counter.
 */
export function reportLimitReached(limit: LimitName, channel: string) {
  logger.warn(STATUS_LIMIT_MESSAGE, { limit, channel });
}

/**
 * Counts a status lookup about a reference that is not the sender's own, per channel and sender (a phone,
 * an e-mail address, a caller), and says whether it is still within the limit.
 */
export async function countPublicLookup(channel: string, sender: string): Promise<boolean> {
  const c = container();
  const bucket = limitKey('publicLookups', `${channel}:${sender}`);
  const { ok } = await take(c.rateCounter, bucket, LIMITS.publicLookups, c.clock.now());
  if (!ok) reportLimitReached('publicLookups', channel);
  return ok;
}
