import { LIMITS, type LimitName, limitKey } from '#core/status/limits.ts';
import { container } from './container.ts';
import { logger } from './powertools.ts';

/**
 * The log line a refused status lookup or access-code attempt leaves. A metric filter turns it into the
 * `StatusLimitRefusals` metric, and an alarm tells the cloud team someone is walking references
 * (lib/constructs/observability); in local mode it is the console line. Never the sender itself.
 */
export const STATUS_LIMIT_MESSAGE = 'status limit reached';

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
  const { allowed } = await c.rateLimiter.hit(bucket, LIMITS.publicLookups, c.clock.now());
  if (!allowed) reportLimitReached('publicLookups', channel);
  return allowed;
}
