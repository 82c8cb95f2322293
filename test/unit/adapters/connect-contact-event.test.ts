/**
 * Contract of the Amazon Connect contact event: test/fixtures/events/connect-contact-event.json is AWS's
 * documented example ("Amazon Connect contact events", Connect admin guide: "Sample contact event for when
 * a voice call is connected to an agent"), copied as published except the `your-region` placeholder (filled
 * in) and the trailing commas in `hierarchyGroups` (removed, to make it JSON). The handler's schema, the
 * core and local mode's event builder are all held to it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { contactEventEnvelope, toTaskContactEvent } from '#adapters/connect/contact-event.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { onTaskContactEvent } from '#core/lifecycle/contact-events.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { logger } from '#shared/powertools.ts';
import { handler } from '../../../functions/connect/contact-events.handler.ts';
import { advance, type ContactState, contactEvent } from '../../../local/connect-events.ts';
import { localInstanceArn } from '../../../local/fake-aws/connect.ts';
import { aCase } from '../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryConnectTaskStore,
  RecordingSignals,
  RecordingTimers,
} from '../../support/in-memory-stores.ts';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/events/connect-contact-event.json');
const documented = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
type Detail = Record<string, unknown>;
const detailOf = (e: Record<string, unknown>) => e.detail as Detail;

/** Contact event fields in the admin guide's data model and examples (camelCase, as EventBridge delivers them). */
const DOCUMENTED_DETAIL_FIELDS = [
  'eventType',
  'contactId',
  'initialContactId',
  'previousContactId',
  'relatedContactId',
  'channel',
  'instanceArn',
  'initiationMethod',
  'initiationTimestamp',
  'connectedToSystemTimestamp',
  'disconnectTimestamp',
  'queueInfo',
  'agentInfo',
  'tags',
  'updatedProperties',
];
const DOCUMENTED_AGENT_FIELDS = [
  'agentArn',
  'connectedToAgentTimestamp',
  'afterContactWorkStartTimestamp',
  'afterContactWorkEndTimestamp',
  'afterContactWorkDuration',
  'hierarchyGroups',
];

describe('the documented Amazon Connect contact event', () => {
  it('passes the handler’s schema and reads as the core’s event, with the event type’s own timestamp', () => {
    // Act
    const event = toTaskContactEvent(contactEventEnvelope.parse(documented()));

    // Assess
    expect(event).toEqual({
      eventType: 'CONNECTED_TO_AGENT',
      contactId: '11111111-1111-1111-1111-111111111111',
      channel: 'VOICE',
      instanceArn: 'arn:aws::connect:eu-central-1:123456789012:instance/12345678-1234-1234-1234-123456789012',
      at: '2021-08-04T17:29:09.000Z',
      queueArn:
        'arn:aws::connect:eu-central-1:123456789012:instance/12345678-1234-1234-1234-123456789012/queue/12345678-1234-1234-1234-123456789012',
      agentArn:
        'arn:aws::connect:eu-central-1:123456789012:instance/12345678-1234-1234-1234-123456789012/agent/12345678-1234-1234-1234-123456789012',
    });
  });

  it('falls back to EventBridge’s time when the event type’s timestamp is missing or a 1970 placeholder', () => {
    const e = documented();
    detailOf(e).agentInfo = { agentArn: 'arn', connectedToAgentTimestamp: '1970-01-01T00:00:00.001Z' };

    expect(toTaskContactEvent(contactEventEnvelope.parse(e)).at).toBe('2021-08-04T17:43:48.000Z');
  });

  it('is ignored as a voice call, and acted on as a task of Nidaa’s instance', async () => {
    // Prepare: the documented event's instance is Nidaa's; its contact is a task Nidaa opened.
    const cases = new InMemoryCaseStore();
    const connectTasks = new InMemoryConnectTaskStore();
    const c = aCase({ status: 'assigned' });
    await cases.create(c, []);
    const contactId = '11111111-1111-1111-1111-111111111111';
    await connectTasks.remember({ contactId, reference: c.reference, tier: 1, openedAt: c.createdAt });
    const deps = {
      cases,
      connectTasks,
      timers: new RecordingTimers(),
      signals: new RecordingSignals(),
      clock: new FixedClock(),
      calendar: MUSCAT_CALENDAR,
      catalogue: SEED_CATALOGUE,
      connect: { instanceId: '12345678-1234-1234-1234-123456789012', queues: {} },
    };
    const asTask = documented();
    detailOf(asTask).channel = 'TASK';

    // Act
    const voice = await onTaskContactEvent(
      toTaskContactEvent(contactEventEnvelope.parse(documented())),
      deps,
    );
    const task = await onTaskContactEvent(toTaskContactEvent(contactEventEnvelope.parse(asTask)), deps);

    // Assess
    expect(voice).toEqual({ outcome: 'ignored', reason: 'a VOICE contact, not a task' });
    expect(task.outcome).toBe('picked_up');
    expect((await cases.get(c.reference))?.status).toBe('in_progress');
  });

  it('allows new fields and new event types through, as AWS asks of consumers', () => {
    const e = documented();
    Object.assign(detailOf(e), { eventType: 'SOMETHING_NEW', brandNewField: { x: 1 } });

    expect(contactEventEnvelope.safeParse(e).success).toBe(true);
  });

  it.each<[string, (e: Record<string, unknown>) => void]>([
    ['another source', (e) => Object.assign(e, { source: 'aws.ec2' })],
    ['another detail type', (e) => Object.assign(e, { 'detail-type': 'Contact Lens Analysis State Change' })],
    ['no contact id', (e) => delete detailOf(e).contactId],
  ])(
    'is refused by the handler with a ValidationError when it has %s (Lambda retries, then the DLQ)',
    async (_l, spoil) => {
      const e = documented();
      spoil(e);
      const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});

      await expect(handler(e, {} as Context)).rejects.toMatchObject({ name: 'ValidationError' });
      expect(logged).toHaveBeenCalledWith('unreadable Connect contact event', expect.anything());
      logged.mockRestore();
    },
  );
});

describe('local mode’s contact events', () => {
  const opened: ContactState = {
    contactId: '22222222-2222-4222-8222-222222222222',
    initialContactId: '22222222-2222-4222-8222-222222222222',
    initiatedAt: '2026-03-01T06:00:00.000Z',
    queueArn: `${localInstanceArn()}/queue/local-t1`,
    enqueuedAt: '2026-03-01T06:00:00.000Z',
  };
  const at = new Date('2026-03-01T06:10:00.123Z');

  it('have the documented envelope and, for a pick-up, every field of the documented example', () => {
    // Act
    const local = contactEvent(
      'CONNECTED_TO_AGENT',
      advance(opened, 'CONNECTED_TO_AGENT', at.toISOString()),
      at,
    );

    // Assess
    const reference = documented();
    expect(Object.keys(local).sort()).toEqual(Object.keys(reference).sort());
    expect(local.time).toBe('2026-03-01T06:10:00Z');
    const detail = local.detail as unknown as Detail;
    expect(Object.keys(detail)).toEqual(expect.arrayContaining(Object.keys(detailOf(reference))));
    expect(Object.keys(detail).every((k) => DOCUMENTED_DETAIL_FIELDS.includes(k))).toBe(true);
    expect(Object.keys(local.detail.queueInfo ?? {}).sort()).toEqual(
      Object.keys(detailOf(reference).queueInfo as Detail).sort(),
    );
    expect(toTaskContactEvent(contactEventEnvelope.parse(local))).toMatchObject({
      eventType: 'CONNECTED_TO_AGENT',
      channel: 'TASK',
      at: '2026-03-01T06:10:00.123Z',
    });
  });

  it.each(['QUEUED', 'DISCONNECTED', 'COMPLETED'])('use only documented fields for %s', (eventType) => {
    // Prepare: picked up first, so closing events carry the agent and after-contact work.
    const state = advance(
      advance(opened, 'CONNECTED_TO_AGENT', at.toISOString()),
      eventType,
      at.toISOString(),
    );

    // Act
    const local = contactEvent(eventType, state, at);

    // Assess
    const detail = local.detail as unknown as Detail;
    expect(Object.keys(detail).every((k) => DOCUMENTED_DETAIL_FIELDS.includes(k))).toBe(true);
    expect(Object.keys(local.detail.agentInfo ?? {}).every((k) => DOCUMENTED_AGENT_FIELDS.includes(k))).toBe(
      true,
    );
    expect(contactEventEnvelope.safeParse(local).success).toBe(true);
  });

  it('make a quick-connect transfer a new contact that names the one it came from', () => {
    const transferred: ContactState = {
      contactId: '33333333-3333-4333-8333-333333333333',
      initialContactId: opened.contactId,
      previousContactId: opened.contactId,
      initiatedAt: at.toISOString(),
    };
    const local = contactEvent(
      'QUEUED',
      advance(transferred, 'QUEUED', at.toISOString(), `${localInstanceArn()}/queue/local-t2`),
      at,
    );

    expect(local.detail).toMatchObject({
      initiationMethod: 'TRANSFER',
      previousContactId: opened.contactId,
      initialContactId: opened.contactId,
      queueInfo: { queueArn: `${localInstanceArn()}/queue/local-t2` },
    });
  });
});
