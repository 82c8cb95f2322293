import type { IncomingMessage, ServerResponse } from 'node:http';
import { NIDAA_QUEUE_TAG, queueTagValue } from '../../functions/adapters/connect/queue-tags.ts';
import { SEED_CATALOGUE } from '../../functions/core/catalogue/seed.ts';
import { SCREEN_POP_ATTRIBUTES } from '../../functions/core/contact/screen-pop.ts';
import { queueOf } from '../../functions/core/lifecycle/tiers.ts';
import type { Outbox } from '../outbox.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

/** The stand-in Connect instance (CONNECT_INSTANCE_ID in local mode), in the contact center's region. */
export const LOCAL_CONNECT = {
  region: 'eu-central-1',
  account: '000000000000',
  instanceId: 'local-instance',
};
export const localInstanceArn = () =>
  `arn:aws:connect:${LOCAL_CONNECT.region}:${LOCAL_CONNECT.account}:instance/${LOCAL_CONNECT.instanceId}`;

/** Queue ARNs by Nidaa queue name (t1, t2, t3#<department>, callback), as CONNECT_QUEUES carries them. */
export function localConnectQueues(): Record<string, string> {
  const names = [
    't1',
    't2',
    'callback',
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

/** SearchQueues (`POST /search-queues`): the instance's queues, each tagged with its Nidaa name, one page. */
function searchQueues(res: ServerResponse) {
  const queues = Object.entries(localConnectQueues()).map(([name, arn]) => ({
    Name: name,
    QueueArn: arn,
    QueueId: arn.split('/').pop(),
    Status: 'ENABLED',
    Tags: { [NIDAA_QUEUE_TAG]: queueTagValue(name) },
  }));
  json(res, 200, { Queues: queues, ApproximateTotalCount: queues.length });
}

/**
 * Amazon Connect StartTaskContact (`PUT /contact/task`): the task lands in the outbox; ClientToken
 * de-duplicates. SearchQueues finds the tier queues.
 */
export function serveConnect(
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  outbox: Outbox,
  now: Date,
  opened: { get(token: string): string | undefined; set(token: string, contactId: string): void },
) {
  if (req.url?.startsWith('/_aws/connect/search-queues')) return searchQueues(res);
  if (!req.url?.startsWith('/_aws/connect/contact/task'))
    return json(res, 404, { message: `Not emulated locally: ${req.url}` });
  const task = parseRequestJson<StartTaskContact>(body);
  const known = task.ClientToken ? opened.get(task.ClientToken) : undefined;
  if (known) return json(res, 200, { ContactId: known });
  const contactId = crypto.randomUUID();
  if (task.ClientToken) opened.set(task.ClientToken, contactId);
  const attributes = task.Attributes ?? {};
  // A call back shows as the call an agent will make: the number and what they will say.
  outbox.add(
    attributes.queue === 'callback'
      ? {
          channel: 'callback',
          to: attributes[SCREEN_POP_ATTRIBUTES.callerPhone] ?? 'unknown-number',
          text: task.Description ?? '',
          at: now.toISOString(),
          contactId,
          reference: attributes.reference,
          language: attributes[SCREEN_POP_ATTRIBUTES.language],
        }
      : {
          channel: 'task',
          to: attributes.queue ?? 'unknown-queue',
          text: task.Name,
          at: now.toISOString(),
          contactId,
          reference: attributes.reference,
          tier: attributes.tier,
        },
  );
  json(res, 200, {
    ContactId: contactId,
    ContactArn: `${localInstanceArn()}/contact/${contactId}`,
  });
}
