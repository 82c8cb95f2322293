import * as z from 'zod/mini';
import { awaitAgent } from '#core/lifecycle/lifecycle.ts';
import { contactCenter } from '#shared/contact-center.ts';
import { container } from '#shared/container.ts';
import { taskHandler } from '#shared/task.ts';
import { signals, timers } from '#shared/workflows.ts';

const input = z.object({
  reference: z.string().check(z.regex(/^\d{9,12}$/)),
  taskToken: z.string().check(z.minLength(1)),
});

export const handler = taskHandler(input, (req) =>
  awaitAgent(req, { ...container(), contactCenter: contactCenter(), timers: timers(), signals: signals() }),
);
