import { describe, expect, it, vi } from 'vitest';
import type { Case, CaseStatus, Language } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import {
  type Answer,
  INBOUND_LEASE_SECONDS,
  type IntakeDeps,
  receiveInbound,
} from '#core/intake/receive-inbound.ts';
import { recordCitizenMessage } from '#core/lifecycle/lifecycle.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { aCase, anInbound, CITIZEN_PHONE } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
  RecordingSignals,
  RecordingTimers,
} from '../../../support/in-memory-stores.ts';

const CITIZEN = 'citizen-1';
const NEIGHBOUR = 'citizen-2';
const NEW_REFERENCE = formatReference(2026, 500);

/** Intake with in-memory stores; the citizen already has a contact, openCase hands out NEW_REFERENCE. */
function setup() {
  const inbound = new InMemoryInboundStore();
  const contacts = new InMemoryContactStore();
  const cases = new InMemoryCaseStore();
  const clock = new FixedClock('2026-03-01T06:00:00.000Z');
  contacts.add({
    contactId: CITIZEN,
    identities: [{ kind: 'phone', value: CITIZEN_PHONE }],
    preferredLanguage: 'ar',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  contacts.add({
    contactId: NEIGHBOUR,
    identities: [{ kind: 'phone', value: '+96899887766' }],
    preferredLanguage: 'ar',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const answers: { inbound: Inbound; answer: Answer; language: Language }[] = [];
  const openCase = vi.fn<IntakeDeps['openCase']>(async () => ({ reference: NEW_REFERENCE }));
  const timers = new RecordingTimers();
  const signals = new RecordingSignals();
  const deps: IntakeDeps = {
    inbound,
    contacts,
    cases,
    clock,
    openCase,
    onCitizenMessage: (c, message) =>
      recordCitizenMessage(c, message, {
        cases,
        clock,
        timers,
        signals,
        calendar: MUSCAT_CALENDAR,
        catalogue: SEED_CATALOGUE,
      }),
    answer: async (question, answer, language) => {
      answers.push({ inbound: question, answer, language });
    },
  };
  return { deps, inbound, contacts, cases, clock, openCase, answers };
}

describe('receiveInbound: a new message', () => {
  it('opens one case for the citizen and records the outcome on the inbound', async () => {
    // Prepare
    const { deps, inbound, openCase } = setup();
    const message = anInbound({ externalId: 'sms-new' });

    // Act
    const result = await receiveInbound(message, deps);

    // Assess
    expect(result).toEqual({ kind: 'new_case', reference: NEW_REFERENCE, duplicate: false });
    expect(openCase).toHaveBeenCalledTimes(1);
    expect(openCase).toHaveBeenCalledWith({ inbound: message, contactId: CITIZEN });
    const stored = await inbound.get('sms', 'sms-new');
    expect(stored?.outcome).toEqual({ kind: 'new_case', reference: NEW_REFERENCE });
    expect(stored?.contactId).toBe(CITIZEN);
  });

  it('creates a contact for a citizen seen for the first time, and reuses it next time', async () => {
    // Prepare
    const { deps, contacts, openCase } = setup();
    const from = { kind: 'email', value: 'new.citizen@example.om' } as const;

    // Act
    await receiveInbound(anInbound({ channel: 'email', externalId: 'mail-1', from, language: 'en' }), deps);
    await receiveInbound(anInbound({ channel: 'email', externalId: 'mail-2', from }), deps);

    // Assess
    const contact = await contacts.findByIdentity(from);
    expect(contact?.preferredLanguage).toBe('en');
    expect(contacts.contacts.size).toBe(3);
    expect(openCase.mock.calls.map(([input]) => input.contactId)).toEqual([
      contact?.contactId,
      contact?.contactId,
    ]);
  });

  it('answers a redelivery of the same (channel, externalId) as a duplicate without opening another case', async () => {
    // Prepare
    const { deps, openCase } = setup();
    const message = anInbound({ externalId: 'sms-twice' });
    await receiveInbound(message, deps);

    // Act
    const again = await receiveInbound({ ...message }, deps);

    // Assess
    expect(again).toEqual({ kind: 'new_case', reference: NEW_REFERENCE, duplicate: true });
    expect(openCase).toHaveBeenCalledTimes(1);
  });

  it('treats the same externalId on another channel as another message', async () => {
    // Prepare
    const { deps, openCase } = setup();
    await receiveInbound(anInbound({ channel: 'sms', externalId: 'shared-id' }), deps);

    // Act
    const result = await receiveInbound(anInbound({ channel: 'chat', externalId: 'shared-id' }), deps);

    // Assess
    expect(result.duplicate).toBe(false);
    expect(openCase).toHaveBeenCalledTimes(2);
  });
});

describe('receiveInbound: claims and leases', () => {
  it.each([
    [0, 'in_progress'],
    [INBOUND_LEASE_SECONDS - 1, 'in_progress'],
    [INBOUND_LEASE_SECONDS + 1, 'new_case'],
    [10 * INBOUND_LEASE_SECONDS, 'new_case'],
  ] as const)('%i s after another worker claimed the message, intake reports %s', async (seconds, kind) => {
    // Prepare: another worker claimed the message and has not finished (or died).
    const { deps, inbound, clock, openCase } = setup();
    const message = anInbound({ externalId: 'sms-leased' });
    await inbound.claim(message, clock.now(), INBOUND_LEASE_SECONDS);
    clock.advance({ seconds });

    // Act
    const result = await receiveInbound(message, deps);

    // Assess
    expect(result.kind).toBe(kind);
    expect(openCase).toHaveBeenCalledTimes(kind === 'new_case' ? 1 : 0);
  });

  it('marks an in-progress redelivery as a duplicate and leaves the outcome to the lease holder', async () => {
    // Prepare
    const { deps, inbound, clock } = setup();
    const message = anInbound({ externalId: 'sms-busy' });
    await inbound.claim(message, clock.now(), INBOUND_LEASE_SECONDS);

    // Act
    const result = await receiveInbound(message, deps);

    // Assess
    expect(result).toEqual({ kind: 'in_progress', duplicate: true });
    expect((await inbound.get('sms', 'sms-busy'))?.outcome).toEqual({ kind: 'pending' });
  });

  it('takes over a message whose worker died and records its outcome', async () => {
    // Prepare
    const { deps, inbound, clock } = setup();
    const message = anInbound({ externalId: 'sms-orphan' });
    await inbound.claim(message, clock.now(), INBOUND_LEASE_SECONDS);
    clock.advance({ minutes: 5 });

    // Act
    const result = await receiveInbound(message, deps);

    // Assess
    expect(result).toEqual({ kind: 'new_case', reference: NEW_REFERENCE, duplicate: false });
    expect((await inbound.get('sms', 'sms-orphan'))?.outcome).toEqual({
      kind: 'new_case',
      reference: NEW_REFERENCE,
    });
  });
});

describe('receiveInbound: status and help', () => {
  it("answers a status question about the citizen's own case with the case", async () => {
    // Prepare
    const { deps, cases, answers, openCase, inbound } = setup();
    const own = aCase({ reference: formatReference(2026, 42), contactId: CITIZEN, status: 'in_progress' });
    await cases.create(own, []);
    const question = anInbound({ externalId: 'sms-st', intent: 'status', reference: own.reference });

    // Act
    const result = await receiveInbound(question, deps);

    // Assess
    expect(result).toEqual({ kind: 'answered', reference: own.reference, duplicate: false });
    expect(answers).toEqual([
      { inbound: question, answer: { kind: 'status', case: own, own: true }, language: 'ar' },
    ]);
    expect(openCase).not.toHaveBeenCalled();
    expect((await inbound.get('sms', 'sms-st'))?.outcome).toEqual({
      kind: 'answered',
      reference: own.reference,
    });
  });

  it("answers the public status of someone else's case, marked as not theirs (docs/decisions/0085)", async () => {
    // Prepare
    const { deps, cases, answers } = setup();
    const theirs = aCase({ reference: formatReference(2026, 43), contactId: NEIGHBOUR });
    await cases.create(theirs, []);

    // Act
    const result = await receiveInbound(
      anInbound({ externalId: 'sms-peek', intent: 'status', reference: theirs.reference }),
      deps,
    );

    // Assess: the template shows only status and department for `own: false` (no link, no answer).
    expect(result).toEqual({ kind: 'answered', duplicate: false });
    expect(answers.map((a) => a.answer)).toEqual([{ kind: 'status', case: theirs, own: false }]);
  });

  it('answers `limited` once the sender asked about too many references that are not theirs', async () => {
    // Prepare
    const { deps, cases, answers } = setup();
    const theirs = aCase({ reference: formatReference(2026, 44), contactId: NEIGHBOUR });
    const own = aCase({ reference: formatReference(2026, 45), contactId: CITIZEN });
    await cases.create(theirs, []);
    await cases.create(own, []);
    let allowance = 1;
    const counted: string[] = [];
    deps.countPublicLookup = async (inbound) => {
      counted.push(inbound.externalId);
      allowance -= 1;
      return allowance >= 0;
    };
    const ask = (externalId: string, reference: string) =>
      receiveInbound(anInbound({ externalId, intent: 'status', reference }), deps);

    // Act
    await ask('sms-walk-1', theirs.reference);
    await ask('sms-walk-2', theirs.reference);
    await ask('sms-own', own.reference);

    // Assess: the citizen's own case is never counted nor refused.
    expect(answers.map((a) => a.answer.kind)).toEqual(['status', 'limited', 'status']);
    expect(counted).toEqual(['sms-walk-1', 'sms-walk-2']);
  });

  it.each([
    ['an unknown reference', formatReference(2026, 999)],
    ['no reference at all (the command had a bad one)', undefined],
  ])('answers not_found for %s', async (_label, reference) => {
    // Prepare
    const { deps, answers, openCase } = setup();
    const question = anInbound({
      externalId: 'sms-unknown',
      intent: 'status',
      ...(reference ? { reference } : {}),
    });

    // Act
    const result = await receiveInbound(question, deps);

    // Assess
    expect(result).toEqual({ kind: 'answered', duplicate: false });
    expect(answers.map((a) => a.answer)).toEqual([{ kind: 'not_found' }]);
    expect(openCase).not.toHaveBeenCalled();
  });

  it.each([
    ['en', 'en'],
    ['ar', 'ar'],
    [undefined, 'ar'],
  ] as const)(
    'answers help in the message language (%s → %s) and opens no case',
    async (language, expected) => {
      // Prepare
      const { deps, answers, openCase } = setup();
      const question = anInbound({
        externalId: 'sms-help',
        text: 'HELP',
        intent: 'help',
        ...(language ? { language } : {}),
      });

      // Act
      const result = await receiveInbound(question, deps);

      // Assess
      expect(result).toEqual({ kind: 'answered', duplicate: false });
      expect(answers).toEqual([{ inbound: question, answer: { kind: 'help' }, language: expected }]);
      expect(openCase).not.toHaveBeenCalled();
    },
  );

  it('does not answer a redelivered status question twice', async () => {
    // Prepare
    const { deps, answers } = setup();
    const question = anInbound({ externalId: 'sms-help-twice', intent: 'help' });
    await receiveInbound(question, deps);

    // Act
    const again = await receiveInbound(question, deps);

    // Assess
    expect(again).toEqual({ kind: 'answered', duplicate: true });
    expect(answers).toHaveLength(1);
  });
});

describe('receiveInbound: follow-ups', () => {
  it.each([
    ['new', 'follow_up'],
    ['assigned', 'follow_up'],
    ['in_progress', 'follow_up'],
    ['waiting_citizen', 'follow_up'],
    ['resolved', 'follow_up'],
    ['closed', 'new_case'],
  ] as const satisfies readonly (readonly [CaseStatus, string])[])(
    "a message naming the citizen's own %s case is a %s",
    async (status, kind) => {
      // Prepare
      const { deps, cases, openCase } = setup();
      const own = aCase({ reference: formatReference(2026, 7), contactId: CITIZEN, status });
      await cases.create(own, []);

      // Act
      const result = await receiveInbound(
        anInbound({ externalId: 'mail-reply', text: 'ما زالت المشكلة قائمة', reference: own.reference }),
        deps,
      );

      // Assess
      expect(result.kind).toBe(kind);
      expect(openCase).toHaveBeenCalledTimes(kind === 'new_case' ? 1 : 0);
    },
  );

  it('appends the follow-up to the named case as a message_in event and opens no case', async () => {
    // Prepare
    const { deps, cases, openCase, inbound } = setup();
    const own = aCase({ reference: formatReference(2026, 8), contactId: CITIZEN, status: 'in_progress' });
    await cases.create(own, []);
    const reply = anInbound({
      channel: 'email',
      externalId: 'mail-42',
      from: { kind: 'phone', value: CITIZEN_PHONE },
      receivedAt: '2026-03-02T05:00:00.000Z',
      text: 'أرفقت صورة إضافية للحفرة',
      reference: own.reference,
    });

    // Act
    const result = await receiveInbound(reply, deps);

    // Assess
    expect(result).toEqual({ kind: 'follow_up', reference: own.reference, duplicate: false });
    expect(openCase).not.toHaveBeenCalled();
    expect(cases.timeline(own.reference)).toEqual([
      {
        reference: own.reference,
        id: 'in-email-mail-42',
        at: '2026-03-02T05:00:00.000Z',
        kind: 'message_in',
        actor: 'citizen',
        channel: 'email',
        text: 'أرفقت صورة إضافية للحفرة',
      },
    ]);
    expect(cases.cases.size).toBe(1);
    expect((await inbound.get('email', 'mail-42'))?.outcome).toEqual({
      kind: 'follow_up',
      reference: own.reference,
    });
  });

  it("opens a new case instead of attaching to someone else's case", async () => {
    // Prepare
    const { deps, cases, openCase } = setup();
    const theirs = aCase({
      reference: formatReference(2026, 9),
      contactId: NEIGHBOUR,
      status: 'in_progress',
    });
    await cases.create(theirs, []);

    // Act
    const result = await receiveInbound(
      anInbound({ externalId: 'sms-x', reference: theirs.reference }),
      deps,
    );

    // Assess
    expect(result.kind).toBe('new_case');
    expect(openCase).toHaveBeenCalledTimes(1);
    expect(cases.timeline(theirs.reference)).toEqual([]);
  });

  it('opens a new case when the named reference does not exist', async () => {
    // Prepare
    const { deps, openCase } = setup();

    // Act
    const result = await receiveInbound(
      anInbound({ externalId: 'sms-ghost', reference: formatReference(2026, 404) }),
      deps,
    );

    // Assess
    expect(result.kind).toBe('new_case');
    expect(openCase).toHaveBeenCalledTimes(1);
  });

  /** The citizen's cases, oldest first; only the newest one decides. */
  it.each([
    [['waiting_citizen'], 'follow_up'],
    [['in_progress'], 'new_case'],
    [['resolved'], 'follow_up'], // a reply to "your request is resolved" reopens it
    [['waiting_citizen', 'in_progress'], 'new_case'],
    [['closed', 'waiting_citizen'], 'follow_up'],
    [[], 'new_case'],
  ] as const satisfies readonly (readonly [readonly CaseStatus[], string])[])(
    'with no reference and cases %j (newest last), the message is a %s',
    async (statuses, kind) => {
      // Prepare
      const { deps, cases, openCase } = setup();
      const own: Case[] = statuses.map((status, i) =>
        aCase({
          reference: formatReference(2026, 100 + i),
          contactId: CITIZEN,
          status,
          createdAt: `2026-02-0${i + 1}T06:00:00.000Z`,
        }),
      );
      for (const c of own) await cases.create(c, []);
      const newest = own.at(-1);

      // Act
      const result = await receiveInbound(
        anInbound({ externalId: 'sms-reply', text: 'نعم الموقع صحيح' }),
        deps,
      );

      // Assess
      if (kind === 'follow_up') {
        expect(result).toEqual({ kind, reference: newest?.reference, duplicate: false });
        // The message joins the timeline; a resolved case also records that the reply reopened it.
        const kinds = cases.timeline(newest?.reference ?? '').map((e) => e.kind);
        expect(kinds).toEqual(newest?.status === 'resolved' ? ['message_in', 'status'] : ['message_in']);
      } else {
        expect(result).toEqual({ kind, reference: NEW_REFERENCE, duplicate: false });
      }
      expect(openCase).toHaveBeenCalledTimes(kind === 'new_case' ? 1 : 0);
    },
  );

  it('opens a new case when an agent says so, even when the latest case waits for the citizen', async () => {
    // Prepare
    const { deps, cases, openCase } = setup();
    const waiting = aCase({ contactId: CITIZEN, status: 'waiting_citizen' });
    await cases.create(waiting, []);

    // Act
    const result = await receiveInbound(
      anInbound({
        channel: 'voice',
        externalId: 'agent-c-1',
        intent: 'new_case',
        text: 'إنارة معطلة قرب المنزل',
      }),
      deps,
    );

    // Assess
    expect(result).toEqual({ kind: 'new_case', reference: NEW_REFERENCE, duplicate: false });
    expect(openCase).toHaveBeenCalledTimes(1);
    expect(cases.timeline(waiting.reference)).toEqual([]);
  });

  it("does not follow up on another citizen's case that waits for an answer", async () => {
    // Prepare
    const { deps, cases, openCase } = setup();
    await cases.create(aCase({ contactId: NEIGHBOUR, status: 'waiting_citizen' }), []);

    // Act
    const result = await receiveInbound(anInbound({ externalId: 'sms-other' }), deps);

    // Assess
    expect(result.kind).toBe('new_case');
    expect(openCase).toHaveBeenCalledTimes(1);
  });
});

describe('receiveInbound: failures', () => {
  it('leaves the outcome pending and rethrows when opening the case fails, so a redelivery can retry', async () => {
    // Prepare
    const { deps, inbound, clock, openCase } = setup();
    const failure = new Error('state machine unavailable');
    openCase.mockRejectedValueOnce(failure);
    const message = anInbound({ externalId: 'sms-fail' });

    // Act
    const attempt = receiveInbound(message, deps);

    // Assess
    await expect(attempt).rejects.toBe(failure);
    expect((await inbound.get('sms', 'sms-fail'))?.outcome).toEqual({ kind: 'pending' });

    // Act: the redelivery after the lease ran out succeeds.
    clock.advance({ seconds: INBOUND_LEASE_SECONDS + 1 });
    const retry = await receiveInbound(message, deps);

    // Assess
    expect(retry).toEqual({ kind: 'new_case', reference: NEW_REFERENCE, duplicate: false });
    expect(openCase).toHaveBeenCalledTimes(2);
  });

  it('keeps a redelivery away while the failed attempt still holds the lease', async () => {
    // Prepare
    const { deps, openCase } = setup();
    openCase.mockRejectedValueOnce(new Error('boom'));
    const message = anInbound({ externalId: 'sms-fail-fast' });
    await expect(receiveInbound(message, deps)).rejects.toThrow('boom');

    // Act
    const redelivery = await receiveInbound(message, deps);

    // Assess
    expect(redelivery).toEqual({ kind: 'in_progress', duplicate: true });
    expect(openCase).toHaveBeenCalledTimes(1);
  });
});

describe('receiveInbound: several identities', () => {
  it('links the other identities a citizen gave, once, and never takes one another citizen owns', async () => {
    // Prepare: the neighbour already owns neighbour@example.om.
    const { deps, contacts } = setup();
    contacts.add({
      contactId: 'owner-of-mail',
      identities: [{ kind: 'email', value: 'neighbour@example.om' }],
      preferredLanguage: 'ar',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const message = (externalId: string, email: string) =>
      anInbound({ externalId, alsoFrom: [{ kind: 'email', value: email }] });

    // Act
    await receiveInbound(message('web-1', 'citizen@example.om'), deps);
    await receiveInbound(message('web-2', 'citizen@example.om'), deps);
    await receiveInbound(message('web-3', 'neighbour@example.om'), deps);

    // Assess
    const citizen = await contacts.findByIdentity({ kind: 'phone', value: CITIZEN_PHONE });
    expect(citizen?.identities).toEqual([
      { kind: 'phone', value: CITIZEN_PHONE },
      { kind: 'email', value: 'citizen@example.om' },
    ]);
    expect((await contacts.findByIdentity({ kind: 'email', value: 'neighbour@example.om' }))?.contactId).toBe(
      'owner-of-mail',
    );
  });
});

describe('receiveInbound: control characters (issue 11, defect 9)', () => {
  it('stores and passes on the citizen text, subject and address without controls or overrides', async () => {
    const { deps, inbound, openCase } = setup();
    const message = anInbound({
      externalId: 'sms-controls',
      text: 'حفرة\u0000 عند \u202e260000019\u202c\u0007\u001b',
      subject: 'Bins\u0008 \u202eevil',
      location: { lat: 23.6, lng: 58.5, address: 'Qurum\u0000 \u202ePark' },
    });

    await receiveInbound(message, deps);

    const stored = await inbound.get('sms', 'sms-controls');
    expect(stored?.text).toBe('حفرة عند 260000019');
    expect(stored?.subject).toBe('Bins evil');
    expect(stored?.location?.address).toBe('Qurum Park');
    expect(openCase.mock.calls[0]?.[0].inbound.text).toBe('حفرة عند 260000019');
  });
});

describe('receiveInbound: a follow-up keeps its files and subject (issue 11, defect 4)', () => {
  it('puts a reply’s photos, their names and its subject on the case’s message_in event', async () => {
    const { deps, cases } = setup();
    const existing = aCase({
      reference: formatReference(2026, 41),
      contactId: CITIZEN,
      status: 'waiting_citizen',
    });
    await cases.create(existing, []);
    const key = 'uploads/cases/mail-mid-2-0';

    await receiveInbound(
      anInbound({
        externalId: 'mail-follow',
        reference: existing.reference,
        subject: 'Re: bins',
        attachmentKeys: [key],
        attachmentNames: { [key]: 'IMG_0002.jpeg' },
      }),
      deps,
    );

    const [event] = cases.timeline(existing.reference).filter((e) => e.kind === 'message_in');
    expect(event?.data).toEqual({
      subject: 'Re: bins',
      attachments: [key],
      attachmentNames: { [key]: 'IMG_0002.jpeg' },
    });
  });
});
