import * as z from 'zod/mini';
import type { TaskContactEvent } from '#core/lifecycle/contact-events.ts';

const text = z.nullish(z.string());

/**
 * The EventBridge event Amazon Connect sends for a contact ("Amazon Connect contact events", contact-events
 * in the Connect admin guide; example in test/fixtures/events/connect-contact-event.json). Only the fields
 * Nidaa reads are checked; new fields and event types are allowed through, as AWS asks of consumers.
 */
export const contactEventEnvelope = z.object({
  id: z.string().check(z.minLength(1)),
  'detail-type': z.literal('Amazon Connect Contact Event'),
  source: z.literal('aws.connect'),
  time: z.iso.datetime(),
  detail: z.object({
    eventType: z.string().check(z.minLength(1)),
    contactId: z.string().check(z.minLength(1), z.maxLength(256)),
    initialContactId: text,
    previousContactId: text,
    channel: z.string(),
    instanceArn: z.string(),
    disconnectTimestamp: text,
    queueInfo: z.nullish(z.object({ queueArn: text, enqueueTimestamp: text })),
    agentInfo: z.nullish(
      z.object({ agentArn: text, connectedToAgentTimestamp: text, afterContactWorkEndTimestamp: text }),
    ),
  }),
});

export type ContactEventEnvelope = z.infer<typeof contactEventEnvelope>;

/** An ISO timestamp, or undefined for missing, unreadable and placeholder (1970) values. */
function instant(value: string | null | undefined): string | undefined {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) && ms > Date.UTC(2000, 0, 1) ? new Date(ms).toISOString() : undefined;
}

/** The event as the core reads it; `at` is the event type's own timestamp, else EventBridge's time. */
export function toTaskContactEvent(envelope: ContactEventEnvelope): TaskContactEvent {
  const d = envelope.detail;
  const own: Record<string, string | null | undefined> = {
    QUEUED: d.queueInfo?.enqueueTimestamp,
    CONNECTED_TO_AGENT: d.agentInfo?.connectedToAgentTimestamp,
    DISCONNECTED: d.disconnectTimestamp,
    COMPLETED: d.agentInfo?.afterContactWorkEndTimestamp ?? d.disconnectTimestamp,
  };
  return {
    eventType: d.eventType,
    contactId: d.contactId,
    ...(d.previousContactId ? { previousContactId: d.previousContactId } : {}),
    ...(d.initialContactId ? { initialContactId: d.initialContactId } : {}),
    channel: d.channel,
    instanceArn: d.instanceArn,
    at: instant(own[d.eventType]) ?? instant(envelope.time) ?? envelope.time,
    ...(d.queueInfo?.queueArn ? { queueArn: d.queueInfo.queueArn } : {}),
    ...(d.agentInfo?.agentArn ? { agentArn: d.agentInfo.agentArn } : {}),
  };
}
