import { describe, expect, it } from 'vitest';
import { deliver, type Outgoing, type SendingDeps } from '#core/notify/deliver.ts';
import type { Messenger } from '#core/ports.ts';
import {
  FixedClock,
  InMemoryOutboundLedger,
  InMemorySmsOptOuts,
  InMemorySuppressionList,
  RecordingMessenger,
} from '../../../support/in-memory-stores.ts';

const SMS: Outgoing = {
  messageId: 'ack-260000019',
  to: { channel: 'sms', to: '+96891234567' },
  message: { text: 'تم استلام بلاغكم رقم 260000019' },
};

function setup() {
  const clock = new FixedClock('2026-12-07T08:00:00.000Z');
  const messenger = new RecordingMessenger();
  const deps: SendingDeps = {
    outbound: new InMemoryOutboundLedger(),
    messenger,
    optOuts: new InMemorySmsOptOuts(),
    suppressions: new InMemorySuppressionList(),
    clock,
  };
  return { deps, messenger, clock, ledger: deps.outbound as InMemoryOutboundLedger };
}

describe('deliver: the one outbound path', () => {
  it('sends once, and records the segments and the provider id in the ledger', async () => {
    const { deps, messenger, ledger } = setup();

    const first = await deliver(SMS, deps);
    const again = await deliver(SMS, deps);

    expect(first).toEqual({
      status: 'sent',
      providerMessageId: 'provider-1',
      cost: { segments: 1, encoding: 'UCS-2' },
      since: '2026-12-07T08:00:00.000Z',
      afterUnknownAttempt: false,
    });
    // What a later attempt needs to record it again, without sending it.
    expect(again).toEqual({
      status: 'already_sent',
      providerMessageId: 'provider-1',
      cost: { segments: 1, encoding: 'UCS-2' },
      since: '2026-12-07T08:00:00.000Z',
    });
    expect(messenger.sent).toHaveLength(1);
    expect(ledger.entries.get(SMS.messageId)).toMatchObject({
      state: 'sent',
      providerMessageId: 'provider-1',
    });
  });

  it('holds SMS to a number that texted STOP, except the STOP confirmation itself', async () => {
    const { deps, messenger } = setup();
    await deps.optOuts.set('+96891234567', true, '2026-12-07T07:00:00.000Z');

    expect(await deliver(SMS, deps)).toMatchObject({ status: 'suppressed', reason: 'sms_opt_out' });
    expect(await deliver({ ...SMS, messageId: 'stop-ok', evenIfOptedOut: true }, deps)).toMatchObject({
      status: 'sent',
    });
    expect(messenger.sent.map((m) => m.options)).toHaveLength(1);
  });

  it('sends no mail to a suppressed address (a fax under its gateway address)', async () => {
    const { deps, messenger } = setup();
    await (deps.suppressions as InMemorySuppressionList).suppress('24123456@fax.example.om', 'bounce', 'now');
    const fax: Outgoing = {
      messageId: 'fax-1',
      to: { channel: 'fax', to: '+96824123456' },
      message: { subject: 's', text: 't' },
      suppressionAddress: '24123456@fax.example.om',
    };
    expect(await deliver(fax, deps)).toMatchObject({ status: 'suppressed', reason: 'address_suppressed' });
    expect(messenger.sent).toEqual([]);
  });

  it('records the intent before sending: a retry while the first attempt still runs sends nothing', async () => {
    // Arrange: the first attempt reaches the provider, then its process dies before recording `sent`.
    const { deps, messenger, clock } = setup();
    const dying: Messenger = {
      send: async (...args) => {
        await messenger.send(...args);
        throw Object.assign(new Error('killed'), { name: 'ProcessKilled' });
      },
    };
    const sent = await deliver(SMS, { ...deps, messenger: dying }).catch(() => undefined);
    expect(sent).toMatchObject({ status: 'failed' });
    // (a real kill -9 leaves the intent leased, with no outcome at all)
    await deps.outbound.begin('ack-killed', clock.now());

    // Act: concurrent retries of an attempt that is still sending.
    const retries = await Promise.all([
      deliver({ ...SMS, messageId: 'ack-killed' }, deps),
      deliver({ ...SMS, messageId: 'ack-killed' }, deps),
    ]);

    // Assert
    expect(retries).toEqual([{ status: 'in_progress' }, { status: 'in_progress' }]);
  });

  it('sends again once the lease of an attempt with no outcome ran out (the documented at-least-once window)', async () => {
    const { deps, messenger, clock } = setup();
    await deps.outbound.begin(SMS.messageId, clock.now());

    clock.advance({ seconds: 16 });
    const retry = await deliver(SMS, deps);

    expect(retry).toMatchObject({
      status: 'sent',
      afterUnknownAttempt: true,
      since: '2026-12-07T08:00:00.000Z',
    });
    expect(messenger.sent).toHaveLength(1);
  });

  it('answers a provider failure as `failed` and lets the retry send at once', async () => {
    const { deps, messenger } = setup();
    messenger.failNext(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));

    const first = await deliver(SMS, deps);
    const retry = await deliver(SMS, deps);

    expect(first).toMatchObject({ status: 'failed', error: { name: 'ThrottlingException' } });
    expect(retry).toMatchObject({ status: 'sent' });
    expect(messenger.sent).toHaveLength(1);
  });
});
