/** The in-memory ports stand in for DynamoDB in behaviour tests, so their own semantics are checked here. */
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { ConflictError } from '#core/errors.ts';
import { aCase, anInbound } from '../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
  InMemoryOutboundLedger,
  RecordingMessenger,
} from '../../support/in-memory-stores.ts';

const ref = (n: number) => formatReference(2026, n);

describe('InMemoryInboundStore', () => {
  it('claims once, reports in_progress under the lease, lets a delivery take over after it, then done', async () => {
    // Prepare
    const store = new InMemoryInboundStore();
    const clock = new FixedClock();
    const message = anInbound();

    // Act + Assess
    expect(await store.claim(message, clock.now(), 60)).toEqual({ status: 'claimed' });
    expect((await store.claim(message, clock.now(), 60)).status).toBe('in_progress');
    clock.advance({ seconds: 61 });
    expect(await store.claim(message, clock.now(), 60)).toEqual({ status: 'claimed' });
    expect((await store.claim(message, clock.now(), 60)).status).toBe('in_progress');
    await store.setOutcome(message, { kind: 'answered' }, 'contact-1');
    clock.advance({ hours: 1 });
    expect(await store.claim(message, clock.now(), 60)).toMatchObject({
      status: 'done',
      stored: { outcome: { kind: 'answered' }, contactId: 'contact-1' },
    });
  });

  it('binds the first reference only', async () => {
    // Prepare
    const store = new InMemoryInboundStore();
    const message = anInbound();
    await store.claim(message, new Date(), 60);

    // Act
    const first = (await store.bindReference(message, ref(1), '2026-03-01T06:00:00.000Z')).reference;
    const second = (await store.bindReference(message, ref(2), '2026-03-01T06:00:09.000Z')).reference;

    // Assess
    expect([first, second]).toEqual([ref(1), ref(1)]);
    await expect(
      store.bindReference(anInbound({ externalId: 'never-claimed' }), ref(3), '2026-03-01T06:00:00.000Z'),
    ).rejects.toThrow();
  });
});

describe('InMemoryContactStore', () => {
  it('keeps one contact per identity', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const phone = { kind: 'phone', value: '+96891234567' } as const;

    // Act
    const [a, b] = await Promise.all([store.ensure(phone, 'ar', 't'), store.ensure(phone, 'en', 't')]);

    // Assess
    expect(a.contactId).toBe(b.contactId);
    expect(store.contacts.size).toBe(1);
    expect(() =>
      store.add({ contactId: 'other', identities: [phone], preferredLanguage: 'ar', createdAt: 't' }),
    ).toThrow();
  });
});

describe('InMemoryCaseStore', () => {
  it('refuses a second case with the same reference and a stale version', async () => {
    // Prepare
    const store = new InMemoryCaseStore();
    await store.create(aCase({ reference: ref(1) }), []);

    // Act + Assess
    await expect(store.create(aCase({ reference: ref(1) }), [])).rejects.toBeInstanceOf(ConflictError);
    const updated = await store.update(ref(1), 1, { status: 'assigned' }, []);
    expect(updated.version).toBe(2);
    await expect(store.update(ref(1), 1, { status: 'resolved' }, [])).rejects.toBeInstanceOf(ConflictError);
    await expect(store.update(ref(9), 1, {}, [])).rejects.toBeInstanceOf(ConflictError);
    expect((await store.get(ref(1)))?.status).toBe('assigned');
  });

  it('lists a queue soonest due first, open cases only, page by page', async () => {
    // Prepare
    const store = new InMemoryCaseStore();
    const cases = [
      aCase({ reference: ref(1), tier: 1, dueAt: '2026-03-03T00:00:00Z' }),
      aCase({ reference: ref(2), tier: 1, dueAt: '2026-03-01T00:00:00Z' }),
      aCase({ reference: ref(3), tier: 1, dueAt: '2026-03-02T00:00:00Z', status: 'resolved' }),
      aCase({ reference: ref(4), tier: 1, dueAt: '2026-03-02T00:00:00Z', status: 'closed' }),
      aCase({ reference: ref(5), tier: 2, dueAt: '2026-03-01T00:00:00Z' }),
      aCase({ reference: ref(6), tier: 3, departmentCode: 'roads', dueAt: '2026-03-01T00:00:00Z' }),
      aCase({ reference: ref(7), tier: 1, dueAt: '2026-03-02T00:00:00Z', status: 'waiting_citizen' }),
    ];
    for (const c of cases) await store.create(c, []);

    // Act
    const first = await store.listQueue('t1', 2);
    const second = await store.listQueue('t1', 2, first.next);

    // Assess
    expect(first.items.map((c) => c.reference)).toEqual([ref(2), ref(7)]);
    expect(second).toEqual({ items: [expect.objectContaining({ reference: ref(1) })] });
    expect((await store.listQueue('t3#roads', 10)).items.map((c) => c.reference)).toEqual([ref(6)]);
    expect((await store.listQueue('t2', 10)).items.map((c) => c.reference)).toEqual([ref(5)]);
    expect(first.items[0]).not.toHaveProperty('description');
  });

  it("lists a contact's cases newest first, closed ones included", async () => {
    // Prepare
    const store = new InMemoryCaseStore();
    await store.create(aCase({ reference: ref(1), createdAt: '2026-01-01T00:00:00Z', status: 'closed' }), []);
    await store.create(aCase({ reference: ref(2), createdAt: '2026-02-01T00:00:00Z' }), []);
    await store.create(aCase({ reference: ref(3), createdAt: '2026-03-01T00:00:00Z', contactId: 'x' }), []);

    // Act
    const listed = await store.listByContact('contact-1', 10);

    // Assess
    expect(listed.map((c) => c.reference)).toEqual([ref(2), ref(1)]);
    expect(await store.listByContact('contact-1', 1)).toHaveLength(1);
  });

  it('overwrites an event written again with the same time and id', async () => {
    // Prepare
    const store = new InMemoryCaseStore();
    const event: CaseEvent = {
      reference: ref(1),
      id: 'in-sms-1',
      at: '2026-03-01T00:00:00Z',
      kind: 'message_in',
      actor: 'citizen',
    };

    // Act
    await store.appendEvents([event, { ...event, text: 'again' }]);

    // Assess
    expect(store.timeline(ref(1))).toEqual([{ ...event, text: 'again' }]);
  });
});

describe('InMemoryOutboundLedger and RecordingMessenger', () => {
  it('lets a failed attempt retry and stops a sent message', async () => {
    // Prepare
    const ledger = new InMemoryOutboundLedger();
    const messenger = new RecordingMessenger();
    messenger.failNext();
    const send = () => messenger.send({ channel: 'sms', to: '+96891234567' }, { text: 'hi' }, {});

    // Act + Assess
    expect((await ledger.begin('m1', new Date())).status).toBe('go');
    await expect(send()).rejects.toThrow('provider unavailable');
    await ledger.failed('m1');
    expect((await ledger.begin('m1', new Date())).status).toBe('go');
    const { messageId } = await send();
    await ledger.sent('m1', messageId);
    expect((await ledger.begin('m1', new Date())).status).toBe('already_sent');
    expect(messenger.sent).toHaveLength(1);
  });
});
