import * as z from 'zod/mini';
import { TEMPLATES, type TemplateName } from '#core/notify/templates.ts';
import { notify } from '#shared/messaging.ts';
import { taskHandler } from '#shared/task.ts';
import { trackingLinks } from '#shared/tracking.ts';

const input = z.object({
  reference: z.string().check(z.regex(/^\d{9,12}$/)),
  template: z.enum(Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]]),
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  answer: z.optional(z.string().check(z.maxLength(2000))),
});

// Acknowledgements carry the case's tracking link (docs/decisions/0086).
export const handler = taskHandler(input, async (req) => notify(req, await trackingLinks()));
