import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from '../outbox.ts';
import { json } from './respond.ts';

type StartTaskContact = {
  Name: string;
  Description?: string;
  Attributes?: Record<string, string>;
  ClientToken?: string;
};

/** Amazon Connect StartTaskContact (`PUT /contact/task`): the task lands in the outbox; ClientToken de-duplicates. */
export function serveConnect(
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  outbox: Outbox,
  now: Date,
  opened: Map<string, string>,
) {
  if (!req.url?.startsWith('/_aws/connect/contact/task'))
    return json(res, 404, { message: `Not emulated locally: ${req.url}` });
  const task = JSON.parse(body) as StartTaskContact;
  const known = task.ClientToken ? opened.get(task.ClientToken) : undefined;
  if (known) return json(res, 200, { ContactId: known });
  const contactId = crypto.randomUUID();
  if (task.ClientToken) opened.set(task.ClientToken, contactId);
  outbox.add({
    channel: 'task',
    to: task.Attributes?.queue ?? 'unknown-queue',
    text: task.Name,
    at: now.toISOString(),
    contactId,
    reference: task.Attributes?.reference,
    tier: task.Attributes?.tier,
  });
  json(res, 200, {
    ContactId: contactId,
    ContactArn: `arn:aws:connect:eu-central-1:000000000000:instance/local/contact/${contactId}`,
  });
}
