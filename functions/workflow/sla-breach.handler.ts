import * as z from 'zod/mini';
import { handleSlaBreach } from '#core/lifecycle/lifecycle.ts';
import { container } from '#shared/container.ts';
import { supervisorAlerts } from '#shared/lifecycle.ts';
import { taskHandler } from '#shared/task.ts';

const input = z.object({ reference: z.string().check(z.regex(/^\d{9,12}$/)) });

export const handler = taskHandler(input, (req) =>
  handleSlaBreach(req, { ...container(), alerts: supervisorAlerts() }),
);
