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
  subject: z.optional(z.string()),
  language: z.optional(z.enum(['ar', 'en'])),
  location: z.optional(
    z.object({
      lat: z.number(),
      lng: z.number(),
      address: z.optional(z.string()),
      wilayatCode: z.optional(z.string()),
    }),
  ),
  categoryCode: z.optional(z.string()),
  intent: z.optional(z.enum(['status', 'help', 'message', 'new_case'])),
  reference: z.optional(z.string()),
  attachmentKeys: z.optional(z.array(z.string())),
});

export const caseIntakeInput = z.object({
  inbound: inboundSchema,
  contactId: z.string().check(z.minLength(1)),
});
