/**
 * The one outbound path (docs/decisions/0082): every message to a citizen — acknowledgements, answers,
 * SMS replies and commands, e-mail answers, the hotline's procedure SMS, call backs — is sent here, and
 * only here (a lint rule in biome.json keeps the senders out of every other module). In order:
 * 1. the citizen's wishes: a phone that texted STOP gets no SMS (except the STOP confirmation), an address
 *    that bounced or complained gets no mail;
 * 2. the ledger records the intent before anything leaves (`sending`, leased), unless the message was sent
 *    already or another attempt is sending it;
 * 3. one provider call (SNS, SES, a Connect call-back task whose ClientToken is our message id);
 * 4. the ledger records `sent` with the provider's id and, for SMS, the segments it cost; or `failed`.
 * What the caller records on a case's timeline comes back in the result.
 */
import type { Language } from '../case/case.ts';
import type {
  Clock,
  ContactCenter,
  Messenger,
  OutboundLedger,
  SendOptions,
  SmsOptOuts,
  SuppressionList,
} from '../ports.ts';
import { countSegments, type SegmentCount } from '../text/sms-segments.ts';
import type { Destination } from './choose-channel.ts';
import type { Rendered } from './templates.ts';

export type SendingDeps = {
  outbound: OutboundLedger;
  messenger: Messenger;
  optOuts: SmsOptOuts;
  clock: Clock;
  /** Addresses that bounced or complained; e-mail and fax only. */
  suppressions?: Pick<SuppressionList, 'isSuppressed'>;
  /** Call backs (docs/decisions/0017), where a contact center is configured. */
  contactCenter?: Pick<ContactCenter, 'requestCallback'>;
};

export type Outgoing = {
  /** Our id for this message: the ledger's key; the same id is never sent twice. */
  messageId: string;
  to: Destination;
  message: Rendered;
  /** Threading, attachments…; a function when building them costs something (a fax's PDF letter). */
  options?: SendOptions | (() => Promise<SendOptions>);
  /** The address bounces are recorded under, when it is not `to` (a fax number's gateway address). */
  suppressionAddress?: string;
  /** Only the STOP confirmation: the last SMS a number gets. */
  evenIfOptedOut?: boolean;
  /** A call back reads the message in this language. */
  language?: Language;
};

/** What an SMS costs, kept in the ledger and on the timeline for cost statistics. */
export const smsCostDetails = (cost: SegmentCount) => ({ segments: cost.segments, encoding: cost.encoding });

/** What was sent: the same whether this attempt sent it or an earlier one did. */
type Sent = {
  providerMessageId: string;
  /** E-mail: the Message-ID the recipient sees. */
  messageIdHeader?: string;
  /** SMS: segments and encoding. */
  cost: Record<string, string | number>;
  /** The first attempt's time: record the message at this time, and every attempt writes one event. */
  since: string;
};

export type DeliveryResult =
  | (Sent & {
      status: 'sent';
      /** An earlier attempt died with no outcome: this may be the second copy (docs/decisions/0082). */
      afterUnknownAttempt: boolean;
    })
  | (Sent & { status: 'already_sent' })
  | { status: 'in_progress' }
  | {
      status: 'suppressed';
      reason: 'sms_opt_out' | 'address_suppressed';
      cost: Record<string, string | number>;
    }
  | { status: 'failed'; error: Error };

/**
 * Sends one message once. Never throws for the provider's refusal: a `failed` result carries the error so
 * the caller can note it and retry (the ledger lets the retry through at once).
 */
export async function deliver(out: Outgoing, deps: SendingDeps): Promise<DeliveryResult> {
  const { to } = out;
  const cost = to.channel === 'sms' ? smsCostDetails(countSegments(out.message.text)) : {};
  if (to.channel === 'sms' && !out.evenIfOptedOut && (await deps.optOuts.isOptedOut(to.to))) {
    return { status: 'suppressed', reason: 'sms_opt_out', cost };
  }
  const mailed = to.channel === 'email' || to.channel === 'fax';
  if (mailed && (await deps.suppressions?.isSuppressed(out.suppressionAddress ?? to.to))) {
    return { status: 'suppressed', reason: 'address_suppressed', cost };
  }
  const begun = await deps.outbound.begin(out.messageId, deps.clock.now());
  if (begun.status === 'in_progress') return begun;
  if (begun.status === 'already_sent') {
    const { messageIdHeader, ...earlierCost } = begun.details;
    return {
      status: 'already_sent',
      providerMessageId: begun.providerMessageId,
      ...(typeof messageIdHeader === 'string' ? { messageIdHeader } : {}),
      cost: earlierCost,
      since: begun.since,
    };
  }

  let sent: { messageId: string; messageIdHeader?: string };
  try {
    sent = await send(out, deps);
  } catch (error) {
    await deps.outbound.failed(out.messageId, (error as Error).name || 'Error');
    return { status: 'failed', error: error as Error };
  }
  const header: Record<string, string> = sent.messageIdHeader
    ? { messageIdHeader: sent.messageIdHeader }
    : {};
  // The ledger keeps what a later attempt needs to record the message again without sending it.
  await deps.outbound.sent(out.messageId, sent.messageId, { ...cost, ...header });
  return {
    status: 'sent',
    providerMessageId: sent.messageId,
    ...header,
    cost,
    since: begun.since,
    afterUnknownAttempt: begun.afterUnknownAttempt,
  };
}

async function send(
  out: Outgoing,
  deps: SendingDeps,
): Promise<{ messageId: string; messageIdHeader?: string }> {
  const { to } = out;
  const options = typeof out.options === 'function' ? await out.options() : (out.options ?? {});
  if (to.channel !== 'voice') return deps.messenger.send(to, out.message, options);
  if (!deps.contactCenter) throw new Error('No contact center is configured to call back from');
  const messageId = await deps.contactCenter.requestCallback({
    reference: options.reference ?? '',
    phone: to.to,
    language: out.language ?? 'ar',
    text: out.message.text,
    // Connect's own idempotency: a retried request returns the same task.
    clientToken: out.messageId,
  });
  return { messageId };
}
