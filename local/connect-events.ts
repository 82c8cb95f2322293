import type { EventBridgeEvent } from 'aws-lambda';
import type { Bilingual } from '../functions/core/errors.ts';
import { HANDLED_CONTACT_EVENTS } from '../functions/core/lifecycle/contact-events.ts';
import { functionTriggeredBy } from '../lib/function-catalog.ts';
import type { InvokeFunction } from './api-gateway.ts';
import { LOCAL_CONNECT, localConnectQueues, localInstanceArn } from './fake-aws/connect.ts';
import type { Outbox } from './outbox.ts';

/** Contact event types in the Connect admin guide ("Amazon Connect contact events"), for task contacts. */
export const CONTACT_EVENT_TYPES = [
  'INITIATED',
  'CONNECTED_TO_SYSTEM',
  'CONTACT_DATA_UPDATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'COMPLETED',
  'PAUSED',
  'RESUMED',
] as const;

/** The agent who picks tasks up in local mode. */
export const LOCAL_AGENT_ARN = `${localInstanceArn()}/agent/00000000-0000-4000-8000-0000000a6e17`;

export type ContactEventDetail = {
  eventType: string;
  contactId: string;
  initialContactId: string;
  previousContactId?: string;
  channel: 'TASK';
  instanceArn: string;
  initiationMethod: 'API' | 'TRANSFER';
  initiationTimestamp: string;
  disconnectTimestamp?: string;
  queueInfo?: { queueArn: string; queueType: 'STANDARD'; enqueueTimestamp: string };
  agentInfo?: {
    agentArn: string;
    connectedToAgentTimestamp: string;
    afterContactWorkStartTimestamp?: string;
    afterContactWorkEndTimestamp?: string;
    afterContactWorkDuration?: number;
  };
  tags: Record<string, string>;
};

export type ContactEvent = EventBridgeEvent<'Amazon Connect Contact Event', ContactEventDetail>;

/** What local mode knows of a task contact: what the agent workspace would have done to it so far. */
export type ContactState = {
  contactId: string;
  initialContactId: string;
  previousContactId?: string;
  initiatedAt: string;
  queueArn?: string;
  enqueuedAt?: string;
  agent?: { arn: string; connectedAt: string };
  disconnectedAt?: string;
};

/**
 * The EventBridge event Amazon Connect sends when a task contact reaches `eventType`, with the fields the
 * admin guide's examples show for it (test/fixtures/events/connect-contact-event.json). EventBridge's
 * `time` has whole seconds; Connect's own timestamps have milliseconds.
 */
export function contactEvent(eventType: string, state: ContactState, at: Date): ContactEvent {
  const instanceArn = localInstanceArn();
  const closed = eventType === 'DISCONNECTED' || eventType === 'COMPLETED';
  const atIso = at.toISOString();
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: LOCAL_CONNECT.account,
    time: atIso.replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_CONNECT.region,
    resources: [`${instanceArn}/contact/${state.contactId}`, instanceArn],
    detail: {
      eventType,
      contactId: state.contactId,
      initialContactId: state.initialContactId,
      ...(state.previousContactId ? { previousContactId: state.previousContactId } : {}),
      channel: 'TASK',
      instanceArn,
      initiationMethod: state.previousContactId ? 'TRANSFER' : 'API',
      initiationTimestamp: state.initiatedAt,
      ...(closed && state.disconnectedAt ? { disconnectTimestamp: state.disconnectedAt } : {}),
      ...(state.queueArn && state.enqueuedAt
        ? {
            queueInfo: {
              queueArn: state.queueArn,
              queueType: 'STANDARD',
              enqueueTimestamp: state.enqueuedAt,
            },
          }
        : {}),
      ...(state.agent
        ? {
            agentInfo: {
              agentArn: state.agent.arn,
              connectedToAgentTimestamp: state.agent.connectedAt,
              ...(eventType === 'COMPLETED' && state.disconnectedAt
                ? {
                    afterContactWorkStartTimestamp: state.disconnectedAt,
                    afterContactWorkEndTimestamp: atIso,
                    afterContactWorkDuration: Math.round(
                      (at.getTime() - Date.parse(state.disconnectedAt)) / 1000,
                    ),
                  }
                : {}),
            },
          }
        : {}),
      tags: { 'aws:connect:instanceId': LOCAL_CONNECT.instanceId },
    },
  };
}

/** Moves a contact's state on by one event (pure: returns the new state). */
export function advance(state: ContactState, eventType: string, at: string, queueArn?: string): ContactState {
  const next = { ...state, ...(queueArn ? { queueArn } : {}) };
  if (eventType === 'QUEUED') return { ...next, enqueuedAt: at };
  if (eventType === 'CONNECTED_TO_AGENT')
    return { ...next, agent: { arn: LOCAL_AGENT_ARN, connectedAt: at } };
  if (eventType === 'DISCONNECTED' || eventType === 'COMPLETED')
    return { ...next, disconnectedAt: state.disconnectedAt ?? at };
  return next;
}

type Deps = { invoke: InvokeFunction; outbox: Outbox; clock: { now(): Date } };
type Outcome = { problem: Bilingual } | { body: Record<string, unknown> };

const contacts = new Map<string, ContactState>();

const invalid = (ar: string, en: string): Outcome => ({ problem: { ar, en } });

/**
 * `POST /_local/connect-event` `{contactId, eventType, queue?, previousContactId?}`: what an agent did to a
 * task in the Connect agent workspace. The event AWS would publish goes to contactEvents if the deployed
 * EventBridge rule would match it (task contacts, the event types Nidaa acts on). `queue` (t1, t2,
 * t3#<department>) is where the task went; `previousContactId` makes a quick-connect transfer's new contact.
 */
export async function deliverContactEvent(input: Record<string, unknown>, deps: Deps): Promise<Outcome> {
  const { contactId, eventType, queue, previousContactId } = input;
  if (typeof contactId !== 'string' || !/^[\w-]{1,256}$/.test(contactId))
    return invalid(
      'contactId مطلوب (معرّف مهمة Amazon Connect).',
      'contactId (a Connect task id) is required.',
    );
  if (typeof eventType !== 'string' || !(CONTACT_EVENT_TYPES as readonly string[]).includes(eventType))
    return invalid(
      `eventType يجب أن يكون أحد: ${CONTACT_EVENT_TYPES.join('، ')}.`,
      `eventType must be one of ${CONTACT_EVENT_TYPES.join(', ')}.`,
    );
  const queues = localConnectQueues();
  if (queue !== undefined && (typeof queue !== 'string' || !queues[queue]))
    return invalid(
      'الطابور غير معروف (t1 أو t2 أو t3#<الإدارة>).',
      'Unknown queue (t1, t2 or t3#<department>).',
    );
  if (previousContactId !== undefined && (typeof previousContactId !== 'string' || !previousContactId))
    return invalid('previousContactId يجب أن يكون نصاً.', 'previousContactId must be a string.');

  const now = deps.clock.now();
  const state = contacts.get(contactId) ?? (await firstSight(contactId, previousContactId, deps.outbox, now));
  const queueArn = queue ? queues[queue] : undefined;
  if (eventType === 'QUEUED' && !queueArn && !state.queueArn)
    return invalid('حدد الطابور (queue) لهذه المهمة.', 'Give the queue this task was queued in.');
  const next = advance(state, eventType, now.toISOString(), queueArn);
  contacts.set(contactId, next);
  const event = contactEvent(eventType, next, now);
  // The deployed rule (lib/core-stack.ts) lets through task contacts and the event types acted on.
  if (!(HANDLED_CONTACT_EVENTS as readonly string[]).includes(eventType))
    return {
      body: { delivered: false, reason: 'the EventBridge rule does not match this event type', event },
    };
  const result = await deps.invoke(functionTriggeredBy('connectTaskEvents'), event);
  return { body: { delivered: true, event, result } };
}

/** A contact seen for the first time: a task the fake Connect opened (outbox), or a transfer's new contact. */
async function firstSight(
  contactId: string,
  previousContactId: string | undefined,
  outbox: Outbox,
  now: Date,
): Promise<ContactState> {
  const tasks = (await outbox.list()).filter((e) => e.channel === 'task');
  const opened = tasks.find((e) => e.contactId === contactId);
  const queueArn = opened ? localConnectQueues()[opened.to] : undefined;
  const previous = previousContactId ? contacts.get(previousContactId) : undefined;
  return {
    contactId,
    initialContactId: previous?.initialContactId ?? previousContactId ?? contactId,
    ...(previousContactId ? { previousContactId } : {}),
    initiatedAt: opened?.at ?? now.toISOString(),
    // The task flow put a Nidaa task in its tier's queue when it was opened.
    ...(queueArn && opened ? { queueArn, enqueuedAt: opened.at } : {}),
  };
}
