/**
 * What became of an e-mail we sent, from SES's sending events (Delivery, Bounce, Complaint through the
 * configuration set) or a bounce message (DSN) that reached our inbound address: recorded on the case's
 * timeline next to the message, and addresses that bounced permanently or complained are suppressed.
 */
import type { CaseEvent } from '../case/case.ts';
import type { CaseStore, MailLog, SuppressionList } from '../ports.ts';

export type DeliveryStatus = 'delivered' | 'bounced' | 'soft_bounced' | 'complained';

export type DeliveryReport = {
  /** SES's id of the message we sent. */
  sesMessageId: string;
  status: DeliveryStatus;
  /** When it happened (SES's timestamp); with the status it identifies the report, so redelivery adds nothing. */
  at: string;
  recipients: string[];
  /** Bounce type/subtype, SMTP status, diagnostic: for the agent, never shown to the citizen. */
  detail: string;
  /** Where the report came from: `ses_event` or a `dsn` that reached our inbound address. */
  source: 'ses_event' | 'dsn';
};

export type DeliveryDeps = { mailLog: MailLog; cases: CaseStore; suppressions: SuppressionList };

/** Permanent failures and complaints stop further mail; a soft bounce (mailbox full) does not. */
const SUPPRESSING: ReadonlySet<DeliveryStatus> = new Set(['bounced', 'complained']);

/**
 * Records one report: a `delivery` event on the case of the message (naming its message_out event), and
 * the suppression of the recipients when it was permanent. Returns the case's reference, or undefined
 * when the message is not one of ours (or is too old to be remembered) — then only the suppression holds.
 */
export async function recordDelivery(
  report: DeliveryReport,
  deps: DeliveryDeps,
): Promise<string | undefined> {
  if (SUPPRESSING.has(report.status)) {
    for (const address of report.recipients) {
      await deps.suppressions.suppress(
        address,
        `${report.status}: ${report.detail}`.slice(0, 500),
        report.at,
      );
    }
  }
  const sent = await deps.mailLog.findSent(report.sesMessageId);
  if (!sent) return undefined;
  const event: CaseEvent = {
    reference: sent.reference,
    id: `delivery-${report.sesMessageId}-${report.status}`,
    at: report.at,
    kind: 'delivery',
    actor: 'system',
    channel: 'email',
    data: {
      messageEventId: sent.eventId,
      deliveryStatus: report.status,
      to: report.recipients.length > 0 ? report.recipients : [sent.to],
      detail: report.detail,
      source: report.source,
    },
  };
  await deps.cases.appendEvents([event]);
  return sent.reference;
}

/**
 * The SES message ids a bounce message (DSN, RFC 3464) names: the Message-ID of the returned message in
 * its `message/rfc822` or `text/rfc822-headers` part, read from the raw report. Only ids SES gave our
 * own mail are returned.
 */
export function bouncedMessageIds(rawReport: string, sesIdOf: (id: string) => string | undefined): string[] {
  const ids = [...rawReport.matchAll(/^message-id:\s*(<[^<>\s]+>)/gim)].map((m) => m[1] ?? '');
  return [...new Set(ids.map(sesIdOf).filter((id): id is string => id !== undefined))];
}
