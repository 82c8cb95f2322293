import * as z from 'zod/mini';
import { notifyCitizen } from '#core/notify/notify-citizen.ts';
import { TEMPLATES, type TemplateName } from '#core/notify/templates.ts';
import { container } from '#shared/container.ts';
import { messenger } from '#shared/messaging.ts';
import { taskHandler } from '#shared/task.ts';

const input = z.object({
  reference: z.string().check(z.regex(/^\d{9,12}$/)),
  template: z.enum(Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]]),
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  answer: z.optional(z.string().check(z.maxLength(2000))),
});

export const handler = taskHandler(input, (req) => {
  const c = container();
  return notifyCitizen(req, {
    ...c,
    messenger: messenger(),
    context: { municipality: c.config.municipality, referencePrefix: c.config.referencePrefix },
    departmentName: (code) => c.catalogue.departments.find((d) => d.code === code)?.name,
  });
});
