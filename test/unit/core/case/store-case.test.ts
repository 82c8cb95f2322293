import { describe, expect, it } from 'vitest';
import type { CaseDraft } from '#core/case/open-case.ts';
import { formatReference, isValidReference } from '#core/case/reference.ts';
import { type StoreCaseDeps, storeCase } from '#core/case/store-case.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ConflictError } from '#core/errors.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { anInbound } from '../../../support/builders.ts';
import { FixedClock, InMemoryCaseStore, InMemoryInboundStore } from '../../../support/in-memory-stores.ts';

const DRAFT: CaseDraft = {
  categoryCode: 'pothole',
  departmentCode: 'roads',
  priority: 'high',
  language: 'ar',
  confidence: 0.92,
  needsTriage: false,
  explanation: ['حفر'],
};

/** Case-intake has already claimed the inbound (receiveInbound does that first). */
async function setup(now = '2026-03-01T06:00:00.000Z') {
  const cases = new InMemoryCaseStore();
  const inbound = new InMemoryInboundStore();
  const clock = new FixedClock(now);
  const deps: StoreCaseDeps = { cases, inbound, clock, calendar: MUSCAT_CALENDAR, catalogue: SEED_CATALOGUE };
  const receive = async (message: Inbound) => {
    await inbound.claim(message, clock.now(), 60);
    return message;
  };
  return { deps, cases, inbound, clock, receive };
}

describe('storeCase', () => {
  it('allocates a reference with a valid check digit, binds it to the inbound and creates the case', async () => {
    // Prepare
    const { deps, cases, inbound, receive } = await setup();
    const message = await receive(anInbound({ externalId: 'sms-1' }));

    // Act
    const result = await storeCase({ inbound: message, contactId: 'contact-1', draft: DRAFT }, deps);

    // Assess
    expect(result).toEqual({ reference: formatReference(2026, 1), created: true });
    expect(isValidReference(result.reference)).toBe(true);
    expect((await inbound.get('sms', 'sms-1'))?.boundReference).toBe(result.reference);
    const stored = await cases.getWithTimeline(result.reference);
    expect(stored?.case).toMatchObject({
      reference: result.reference,
      contactId: 'contact-1',
      status: 'new',
    });
    expect(stored?.timeline.map((e) => e.kind)).toEqual(['created', 'message_in']);
  });

  it('creates the case once: a second call returns created:false and the same reference', async () => {
    // Prepare
    const { deps, cases, receive } = await setup();
    const message = await receive(anInbound({ externalId: 'sms-2' }));
    const args = { inbound: message, contactId: 'contact-1', draft: DRAFT };
    const first = await storeCase(args, deps);

    // Act
    const second = await storeCase(args, deps);

    // Assess
    expect(second).toEqual({ reference: first.reference, created: false });
    expect(cases.cases.size).toBe(1);
    // The retry did not burn a sequence number: the next message gets number 2.
    const next = await storeCase(
      { inbound: await receive(anInbound({ externalId: 'sms-3' })), contactId: 'contact-1', draft: DRAFT },
      deps,
    );
    expect(next.reference).toBe(formatReference(2026, 2));
  });

  it('completes the case under the reference bound before a crash', async () => {
    // Prepare: an earlier attempt bound a reference, then died before writing the case item.
    const { deps, cases, inbound, receive } = await setup();
    const message = await receive(anInbound({ externalId: 'sms-crash' }));
    const bound = formatReference(2026, 17);
    await inbound.bindReference(message, bound, '2026-03-01T06:00:00.000Z');

    // Act
    const result = await storeCase({ inbound: message, contactId: 'contact-1', draft: DRAFT }, deps);

    // Assess
    expect(result).toEqual({ reference: bound, created: true });
    expect((await cases.get(bound))?.contactId).toBe('contact-1');
    expect(cases.cases.size).toBe(1);
  });

  it('writes the same events again, not twice, when it dies between the timeline and the case item', async () => {
    // Prepare: the first attempt wrote its events, then died before the case item (the commit point).
    const { deps, cases, clock, receive } = await setup();
    const message = await receive(anInbound({ externalId: 'sms-died' }));
    const dying = {
      ...deps,
      cases: Object.assign(Object.create(cases), {
        create: async (_c: unknown, events: Parameters<typeof cases.appendEvents>[0]) => {
          await cases.appendEvents(events);
          throw new Error('killed');
        },
      }),
    };
    await expect(
      storeCase({ inbound: message, contactId: 'contact-1', draft: DRAFT }, dying),
    ).rejects.toThrow();

    // Act: the retry comes a minute later.
    clock.advance({ minutes: 1 });
    const { reference } = await storeCase({ inbound: message, contactId: 'contact-1', draft: DRAFT }, deps);

    // Assess: one created and one message_in event, at the time the reference was bound.
    const stored = await cases.getWithTimeline(reference);
    expect(stored?.timeline.map((e) => e.kind)).toEqual(['created', 'message_in']);
    expect(stored?.case.createdAt).toBe('2026-03-01T06:00:00.000Z');
  });

  it('gives different messages different references', async () => {
    // Prepare
    const { deps, receive } = await setup();
    const messages = [
      await receive(anInbound({ externalId: 'a' })),
      await receive(anInbound({ externalId: 'b' })),
      await receive(anInbound({ channel: 'email', externalId: 'a' })),
    ];

    // Act
    const references: string[] = [];
    for (const message of messages) {
      references.push((await storeCase({ inbound: message, contactId: 'c', draft: DRAFT }, deps)).reference);
    }

    // Assess
    expect(new Set(references).size).toBe(3);
    expect(references.every(isValidReference)).toBe(true);
  });

  it('stores one case when two attempts race; the loser fails with a retryable ConflictError', async () => {
    // Prepare
    const { deps, cases, receive } = await setup();
    const args = { inbound: await receive(anInbound({ externalId: 'race' })), contactId: 'c', draft: DRAFT };

    // Act
    const results = await Promise.allSettled([storeCase(args, deps), storeCase(args, deps)]);
    const retried = await storeCase(args, deps);

    // Assess
    expect(cases.cases.size).toBe(1);
    const [reference] = [...cases.cases.keys()];
    for (const result of results) {
      if (result.status === 'fulfilled') expect(result.value.reference).toBe(reference);
      else expect(result.reason).toBeInstanceOf(ConflictError);
    }
    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    expect(created).toHaveLength(1);
    expect(retried).toEqual({ reference, created: false });
  });

  it.each([
    ['2026-12-31T19:59:59.000Z', 2026],
    ['2026-12-31T20:00:00.000Z', 2027],
    ['2026-12-31T21:00:00.000Z', 2027],
    ['2027-06-15T08:00:00.000Z', 2027],
  ])('at %s UTC takes the year %i from Muscat local time', async (now, year) => {
    // Prepare
    const { deps, receive } = await setup(now);
    const message = await receive(anInbound({ externalId: `sms-${now}` }));

    // Act
    const { reference } = await storeCase({ inbound: message, contactId: 'c', draft: DRAFT }, deps);

    // Assess
    expect(reference).toBe(formatReference(year, 1));
    expect(reference.slice(0, 2)).toBe(String(year % 100));
  });
});

describe('storeCase: possible duplicates', () => {
  it('links a new report to an open case of the same category a few metres away, both ways', async () => {
    // Prepare: a pothole reported yesterday at the same corner.
    const { deps, cases, receive, clock } = await setup('2026-03-02T06:00:00.000Z');
    const spot = { lat: 23.5957, lng: 58.4306 };
    const first = await storeCase(
      {
        inbound: await receive(anInbound({ externalId: 'sms-a', location: spot })),
        contactId: 'c-1',
        draft: DRAFT,
      },
      deps,
    );
    clock.set('2026-03-03T06:00:00.000Z');

    // Act: another citizen reports it 50 m away.
    const near = { lat: spot.lat + 50 / 111_195, lng: spot.lng };
    const second = await storeCase(
      {
        inbound: await receive(anInbound({ externalId: 'sms-b', location: near })),
        contactId: 'c-2',
        draft: DRAFT,
      },
      deps,
    );

    // Assess
    expect((await cases.get(second.reference))?.duplicateOf).toBe(first.reference);
    expect(cases.timeline(second.reference).find((e) => e.kind === 'merge')?.data).toEqual({
      relation: 'duplicate_of',
      reference: first.reference,
    });
    expect(cases.timeline(first.reference).find((e) => e.kind === 'merge')?.data).toEqual({
      relation: 'duplicated_by',
      reference: second.reference,
    });
  });

  it('does not link reports without a location', async () => {
    const { deps, cases, receive } = await setup();
    await storeCase(
      { inbound: await receive(anInbound({ externalId: 'sms-a' })), contactId: 'c-1', draft: DRAFT },
      deps,
    );
    const second = await storeCase(
      { inbound: await receive(anInbound({ externalId: 'sms-b' })), contactId: 'c-2', draft: DRAFT },
      deps,
    );
    expect((await cases.get(second.reference))?.duplicateOf).toBeUndefined();
  });
});
