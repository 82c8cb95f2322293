import * as z from 'zod/mini';
import { CHANNELS } from '#core/case/case.ts';

/** The Inbound shape as it crosses a process boundary (Step Functions input, SQS); see core/intake/inbound.ts. */
export const inboundSchema = z.object({
  channel: z.enum(CHANNELS),
  externalId: z.string().check(z.minLength(1), z.maxLength(200)),
  from: z.object({ kind: z.enum(['phone', 'email', 'device']), value: z.string().check(z.minLength(1)) }),
  alsoFrom: z.optional(
    z.array(
      z.object({ kind: z.enum(['phone', 'email', 'device']), value: z.string().check(z.minLength(1)) }),
    ),
  ),
  receivedAt: z.iso.datetime(),
  text: z.string().check(z.maxLength(5000)),
  subject: z.optional(z.string().check(z.maxLength(300))),
  language: z.optional(z.enum(['ar', 'en'])),
  location: z.optional(
    z.object({
      lat: z.number(),
      lng: z.number(),
      address: z.optional(z.string()),
      wilayatCode: z.optional(z.string()),
    }),
  ),
  replyChannel: z.optional(z.enum(CHANNELS)),
  categoryCode: z.optional(z.string()),
  intent: z.optional(z.enum(['status', 'help', 'message', 'new_case'])),
  reference: z.optional(z.string()),
  attachmentKeys: z.optional(z.array(z.string())),
  attachmentNames: z.optional(z.record(z.string(), z.string().check(z.maxLength(255)))),
  threadId: z.optional(z.string().check(z.maxLength(998))),
});

export const caseIntakeInput = z.object({
  inbound: inboundSchema,
  contactId: z.string().check(z.minLength(1)),
});
