/**
 * Each of Nidaa's queues carries its Nidaa name in this tag (lib/constructs/contact-center/tier-routing.ts),
 * so functions find their queues in Connect itself instead of carrying one ARN per department in their
 * environment, which Lambda caps at 4 KB (docs/decisions/0066).
 */
export const NIDAA_QUEUE_TAG = 'nidaa:queue';

/** Connect tag values allow no `#`: `t3#ROADS` is tagged `t3:ROADS`. */
export const queueTagValue = (queueName: string) => queueName.replace('#', ':');
export const queueNameOf = (tagValue: string) => tagValue.replace(':', '#');
