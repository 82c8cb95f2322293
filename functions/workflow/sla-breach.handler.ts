import * as z from 'zod/mini';
import { handleSlaBreach } from '#core/lifecycle/lifecycle.ts';
import { supervisorAlerts } from '#shared/alerts.ts';
import { container } from '#shared/container.ts';
import { taskHandler } from '#shared/task.ts';

const input = z.object({ reference: z.string().check(z.regex(/^\d{9,12}$/)) });

export const handler = taskHandler(input, (req) =>
  handleSlaBreach(req, { ...container(), alerts: supervisorAlerts() }),
);
