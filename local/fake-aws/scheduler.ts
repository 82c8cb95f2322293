import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalScheduler } from '../scheduler.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

/** Scheduler's ValidationException, as its REST-JSON clients read it (x-amzn-ErrorType). */
const invalid = (res: ServerResponse, message: string) => {
  res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
  res.end(JSON.stringify({ Message: message }));
};

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
    const request = parseRequestJson<{
      ScheduleExpression?: unknown;
      Target?: { Arn?: unknown; Input?: unknown };
    }>(body);
    const { ScheduleExpression, Target } = request;
    if (
      typeof ScheduleExpression !== 'string' ||
      !/^at\(.+\)$/.test(ScheduleExpression) ||
      typeof Target?.Arn !== 'string' ||
      typeof Target.Input !== 'string'
    ) {
      return invalid(res, 'Local schedules need an at() ScheduleExpression and a Target with Arn and Input.');
    }
    parseRequestJson(Target.Input);
    if (!scheduler.create(name, { ScheduleExpression, Target: { Arn: Target.Arn, Input: Target.Input } })) {
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
