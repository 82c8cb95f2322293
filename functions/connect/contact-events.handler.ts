import { ConnectClient } from '@aws-sdk/client-connect';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { nidaaQueuesOnce } from '#adapters/connect/connect-queues.ts';
import {
  type ContactEventEnvelope,
  contactEventEnvelope,
  toTaskContactEvent,
} from '#adapters/connect/contact-event.ts';
import { contactCenterRegion } from '#adapters/resource-regions.ts';
import { retryOnConflict } from '#core/conflicts.ts';
import {
  type ConnectSettings,
  type ContactEventResult,
  onTaskContactEvent,
} from '#core/lifecycle/contact-events.ts';
import { once } from '#shared/container.ts';
import { ENV, readEnv } from '#shared/env.ts';
import { logger } from '#shared/powertools.ts';
import { parseInput } from '#shared/validation.ts';
import { resumeDeps } from '#shared/workflows.ts';

/** Nidaa's Connect instance and tier queues (the queues awaitAgent opens tasks in, found by their tag). */
const connectSettings = once((): (() => Promise<ConnectSettings>) => {
  const instanceId = readEnv(ENV.connectInstanceId);
  if (!instanceId) return async () => ({ instanceId: undefined, queues: {} });
  const queues = nidaaQueuesOnce(new ConnectClient(contactCenterRegion()), instanceId);
  return async () => ({ instanceId, queues: await queues() });
});

/**
 * Amazon Connect contact events (EventBridge rule on task contacts, invoked asynchronously: retries, then
 * the dead-letter queue). Keeps the case lifecycle in step with the Connect agent workspace
 * (docs/decisions/0014); an event that is not about one of Nidaa's tasks is ignored with a logged reason.
 */
export const handler = middy<unknown, ContactEventResult, Error, Context>().handler(async (raw) => {
  let envelope: ContactEventEnvelope;
  try {
    envelope = parseInput(contactEventEnvelope, raw);
  } catch (error) {
    logger.error('unreadable Connect contact event', { error: error as Error });
    throw error;
  }
  const event = toTaskContactEvent(envelope);
  const deps = { ...resumeDeps(), connect: await connectSettings()() };
  const about = { eventId: envelope.id, eventType: event.eventType, contactId: event.contactId };
  try {
    // A lost race with the lifecycle's own update re-reads the case and decides again.
    const result = await retryOnConflict(() => onTaskContactEvent(event, deps));
    logger.info('Connect contact event', { ...about, ...result });
    return result;
  } catch (error) {
    logger.error('Connect contact event failed', { ...about, error: error as Error });
    throw error;
  }
});
