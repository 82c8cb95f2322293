import type { IncomingMessage, ServerResponse } from 'node:http';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { queueOf } from '../../../functions/core/lifecycle/tiers.ts';
import type { Outbox } from '../outbox.ts';
import { json } from './respond.ts';

/** The stand-in Connect instance (CONNECT_INSTANCE_ID in local mode), in the contact center's region. */
export const LOCAL_CONNECT = {
  region: 'eu-central-1',
  account: '000000000000',
  instanceId: 'local-instance',
};
export const localInstanceArn = () =>
  `arn:aws:connect:${LOCAL_CONNECT.region}:${LOCAL_CONNECT.account}:instance/${LOCAL_CONNECT.instanceId}`;

/** Queue ARNs by Nidaa queue name (t1, t2, t3#<department>), as CONNECT_QUEUES carries them. */
export function localConnectQueues(): Record<string, string> {
  const names = [
    't1',
    't2',
    ...SEED_CATALOGUE.departments.map((d) => queueOf({ tier: 3, departmentCode: d.code })),
  ];
  return Object.fromEntries(
    names.map((name) => [name, `${localInstanceArn()}/queue/local-${name.replace('#', '-')}`]),
  );
}

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
    ContactArn: `${localInstanceArn()}/contact/${contactId}`,
  });
}
