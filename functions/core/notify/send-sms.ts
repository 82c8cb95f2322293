import type { Clock, Messenger, OutboundLedger, SmsOptOuts } from '../ports.ts';
import { countSegments, type SegmentCount } from '../text/sms-segments.ts';
import type { Rendered } from './templates.ts';

export type SmsSendDeps = {
  optOuts: SmsOptOuts;
  outbound: OutboundLedger;
  messenger: Messenger;
  clock: Clock;
};

export type SmsSendResult =
  | { status: 'sent'; providerMessageId: string; cost: SegmentCount }
  | { status: 'already_sent' }
  | { status: 'suppressed'; cost: SegmentCount };

/** What the ledger and the timeline keep of an SMS for cost statistics. */
export const smsCostDetails = (cost: SegmentCount) => ({ segments: cost.segments, encoding: cost.encoding });

/**
 * Sends one SMS once (the ledger remembers `messageId`), unless the number opted out: then nothing is
 * sent and the caller records the suppression. Only the STOP confirmation passes `evenIfOptedOut`.
 */
export async function sendSms(
  to: string,
  message: Rendered,
  options: { messageId: string; reference?: string; evenIfOptedOut?: boolean },
  deps: SmsSendDeps,
): Promise<SmsSendResult> {
  const cost = countSegments(message.text);
  if (!options.evenIfOptedOut && (await deps.optOuts.isOptedOut(to))) return { status: 'suppressed', cost };
  if ((await deps.outbound.begin(options.messageId, deps.clock.now())) === 'already_sent') {
    return { status: 'already_sent' };
  }
  const { messageId: providerMessageId } = await deps.messenger.send(
    { channel: 'sms', to },
    message,
    options.reference ? { reference: options.reference } : {},
  );
  await deps.outbound.sent(options.messageId, providerMessageId, smsCostDetails(cost));
  return { status: 'sent', providerMessageId, cost };
}
