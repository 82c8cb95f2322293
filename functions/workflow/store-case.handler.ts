import * as z from 'zod/mini';
import { storeCase } from '#core/case/store-case.ts';
import { container } from '#shared/container.ts';
import { caseIntakeInput } from '#shared/schemas.ts';
import { taskHandler } from '#shared/task.ts';

const input = z.extend(caseIntakeInput, {
  classification: z.object({
    categoryCode: z.string(),
    departmentCode: z.string(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    language: z.enum(['ar', 'en']),
    wilayatCode: z.optional(z.string()),
    confidence: z.number(),
    needsTriage: z.boolean(),
    explanation: z.array(z.string()),
  }),
});

export const handler = taskHandler(input, async ({ inbound, contactId, classification }) => {
  const c = container();
  const stored = await storeCase(
    { inbound, contactId, draft: classification },
    { ...c, calendar: c.config.calendar },
  );
  // The acknowledgement, sent next, replies to the citizen's e-mail: its Message-ID starts the thread.
  if (inbound.threadId) await c.mailLog.addToThread(stored.reference, inbound.threadId);
  return stored;
});
