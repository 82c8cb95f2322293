import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import { ValidationError } from '#core/errors.ts';
import { receiveEmailEvent } from '../../../functions/channels/email-events.handler.ts';
import { aCase } from '../../support/builders.ts';
import {
  InMemoryCaseStore,
  InMemoryMailLog,
  InMemorySuppressionList,
} from '../../support/in-memory-stores.ts';

/** SES event-publishing records as SNS delivers them (Message is the JSON string), shaped as AWS documents. */
const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, `../../fixtures/events/ses-event-${name}.json`), 'utf8');

const REFERENCE = formatReference(2026, 7);
const SES_ID = '0102019a7c191be4-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000';
const CITIZEN = 'ahmed.citizen@example.om';

async function setup() {
  const cases = new InMemoryCaseStore();
  const mailLog = new InMemoryMailLog();
  const suppressions = new InMemorySuppressionList();
  await cases.create(aCase({ reference: REFERENCE }), []);
  await mailLog.recordSent({
    sesMessageId: SES_ID,
    reference: REFERENCE,
    eventId: 'out-ack-1',
    to: CITIZEN,
    sentAt: '2026-03-02T04:00:07.000Z',
  });
  return { deps: { cases, mailLog, suppressions }, cases, suppressions };
}

describe('emailEvents: SES sending events on the timeline', () => {
  it('marks a delivered message delivered, and suppresses nobody', async () => {
    const { deps, cases, suppressions } = await setup();
    const outcome = await receiveEmailEvent(fixture('delivery'), deps);
    expect(outcome).toEqual({ kind: 'recorded', status: 'delivered', reference: REFERENCE });
    expect(cases.timeline(REFERENCE)).toEqual([
      {
        reference: REFERENCE,
        id: `delivery-${SES_ID}-delivered`,
        at: '2026-03-02T04:00:08.312Z',
        kind: 'delivery',
        actor: 'system',
        channel: 'email',
        data: {
          messageEventId: 'out-ack-1',
          deliveryStatus: 'delivered',
          to: [CITIZEN],
          detail: '250 2.6.0 Message received',
          source: 'ses_event',
        },
      },
    ]);
    expect(suppressions.entries.size).toBe(0);
  });

  it('marks a permanent bounce and suppresses the address', async () => {
    const { deps, cases, suppressions } = await setup();
    await receiveEmailEvent(fixture('bounce'), deps);
    expect(cases.timeline(REFERENCE)[0]?.data).toMatchObject({
      messageEventId: 'out-ack-1',
      deliveryStatus: 'bounced',
      detail: 'Permanent/General 5.1.1 smtp; 550 5.1.1 user unknown',
    });
    expect(suppressions.entries.get(CITIZEN)?.reason).toContain('bounced');
  });

  it('records a transient bounce without suppressing the address', async () => {
    const { deps, cases, suppressions } = await setup();
    const event = JSON.parse(fixture('bounce'));
    event.bounce.bounceType = 'Transient';
    event.bounce.bounceSubType = 'MailboxFull';
    await receiveEmailEvent(JSON.stringify(event), deps);
    expect(cases.timeline(REFERENCE)[0]?.data).toMatchObject({ deliveryStatus: 'soft_bounced' });
    expect(suppressions.entries.size).toBe(0);
  });

  it('marks a complaint and suppresses the address', async () => {
    const { deps, cases, suppressions } = await setup();
    await receiveEmailEvent(fixture('complaint'), deps);
    expect(cases.timeline(REFERENCE)[0]?.data).toMatchObject({
      deliveryStatus: 'complained',
      detail: 'abuse',
    });
    expect(await suppressions.isSuppressed('Ahmed.Citizen@example.om')).toBe(true);
  });

  it('records the same notification once when SNS delivers it twice', async () => {
    const { deps, cases } = await setup();
    await receiveEmailEvent(fixture('bounce'), deps);
    await receiveEmailEvent(fixture('bounce'), deps);
    expect(cases.timeline(REFERENCE)).toHaveLength(1);
  });

  it('ignores event types the timeline does not show', async () => {
    const { deps, cases } = await setup();
    expect(await receiveEmailEvent(fixture('send'), deps)).toEqual({ kind: 'ignored', eventType: 'Send' });
    expect(cases.timeline(REFERENCE)).toEqual([]);
  });

  it('still suppresses a bounced address whose message it no longer remembers', async () => {
    const { deps, suppressions } = await setup();
    const event = JSON.parse(fixture('bounce'));
    event.mail.messageId = 'unknown-message';
    expect(await receiveEmailEvent(JSON.stringify(event), deps)).toEqual({
      kind: 'recorded',
      status: 'bounced',
    });
    expect(await suppressions.isSuppressed(CITIZEN)).toBe(true);
  });

  it('refuses a record that is not an SES event with a bilingual validation error', async () => {
    const { deps } = await setup();
    await expect(receiveEmailEvent(JSON.stringify({ hello: 'world' }), deps)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
