import * as z from 'zod/mini';
import type { DeliveryReport } from '#core/channels/delivery.ts';

/**
 * The records SES publishes to SNS for a configuration set's event destination (event publishing:
 * `eventType`, not the identity notifications' `notificationType`). Only the fields Nidaa reads are
 * required; Send, Reject, Open, Click and the rest pass through as `ignored`.
 */
const recipient = z.object({ emailAddress: z.string() });
const mail = z.object({
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  timestamp: z.string(),
  destination: z.array(z.string()),
});
export const sesSendingEvent = z.union([
  z.object({
    eventType: z.literal('Delivery'),
    mail,
    delivery: z.object({
      timestamp: z.string(),
      recipients: z.array(z.string()),
      smtpResponse: z.optional(z.string()),
    }),
  }),
  z.object({
    eventType: z.literal('Bounce'),
    mail,
    bounce: z.object({
      bounceType: z.string(),
      bounceSubType: z.string(),
      timestamp: z.string(),
      bouncedRecipients: z.array(
        z.extend(recipient, { status: z.optional(z.string()), diagnosticCode: z.optional(z.string()) }),
      ),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail,
    complaint: z.object({
      timestamp: z.string(),
      complainedRecipients: z.array(recipient),
      complaintFeedbackType: z.optional(z.string()),
    }),
  }),
  z.object({ eventType: z.string(), mail }),
]);
export type SesSendingEvent = z.infer<typeof sesSendingEvent>;

/** The delivery report an event stands for; undefined for event types the timeline does not show. */
export function toDeliveryReport(event: SesSendingEvent): DeliveryReport | undefined {
  const base = { sesMessageId: event.mail.messageId, source: 'ses_event' as const };
  if ('delivery' in event) {
    return {
      ...base,
      status: 'delivered',
      at: event.delivery.timestamp,
      recipients: event.delivery.recipients,
      detail: event.delivery.smtpResponse ?? '',
    };
  }
  if ('bounce' in event) {
    const first = event.bounce.bouncedRecipients[0];
    return {
      ...base,
      // SES: Permanent means never retry; Transient (mailbox full, too large) and Undetermined may pass later.
      status: event.bounce.bounceType === 'Permanent' ? 'bounced' : 'soft_bounced',
      at: event.bounce.timestamp,
      recipients: event.bounce.bouncedRecipients.map((r) => r.emailAddress),
      detail: [
        `${event.bounce.bounceType}/${event.bounce.bounceSubType}`,
        first?.status,
        first?.diagnosticCode,
      ]
        .filter(Boolean)
        .join(' '),
    };
  }
  if ('complaint' in event) {
    return {
      ...base,
      status: 'complained',
      at: event.complaint.timestamp,
      recipients: event.complaint.complainedRecipients.map((r) => r.emailAddress),
      detail: event.complaint.complaintFeedbackType ?? 'complaint',
    };
  }
  return undefined;
}
