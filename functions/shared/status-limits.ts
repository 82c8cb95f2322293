import type { LimitName } from '#core/status/limits.ts';
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
