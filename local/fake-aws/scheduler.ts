import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalScheduler } from '../scheduler.ts';
import { json } from './respond.ts';

/** EventBridge Scheduler (REST JSON): CreateSchedule `POST /schedules/{Name}`, DeleteSchedule `DELETE /schedules/{Name}`. */
export function serveScheduler(
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  scheduler: LocalScheduler,
) {
  const url = new URL(req.url ?? '/', 'http://local');
  const name = decodeURIComponent(url.pathname.replace(/^\/_aws\/scheduler\/schedules\//, ''));
  if (req.method === 'POST') {
    if (!scheduler.create(name, JSON.parse(body))) {
      return json(res, 409, { Message: `Schedule ${name} already exists` }, 'application/json');
    }
    return json(res, 200, {
      ScheduleArn: `arn:aws:scheduler:me-central-1:000000000000:schedule/local/${name}`,
    });
  }
  if (req.method === 'DELETE') {
    if (!scheduler.delete(name)) return json(res, 404, { Message: `Schedule ${name} does not exist` });
    return json(res, 200, {});
  }
  return json(res, 405, { Message: `${req.method} is not emulated locally` });
}
