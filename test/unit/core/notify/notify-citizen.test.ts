import { describe, expect, it } from 'vitest';
import { noContactCenter } from '#adapters/connect/connect-tasks.ts';
import type { Case } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { DEPARTMENTS } from '#core/catalogue/seed.ts';
import { NotFoundError, TransientError } from '#core/errors.ts';
import type { Identity } from '#core/intake/inbound.ts';
import { type NotifyDeps, type NotifyRequest, notifyCitizen } from '#core/notify/notify-citizen.ts';
import { aCase } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryMailLog,
  InMemoryOutboundLedger,
  InMemorySmsOptOuts,
  InMemorySuppressionList,
  RecordingMessenger,
} from '../../../support/in-memory-stores.ts';
import { RecordingContactCenter } from '../../../support/lifecycle-doubles.ts';

const REFERENCE = formatReference(2026, 123);
const MOBILE = '+96891234567';
const EMAIL = 'citizen@example.om';
const LRI = '\u2066';
const PDI = '\u2069';

async function setup(caseOverrides: Partial<Case>, identities: Identity[] | undefined) {
  const cases = new InMemoryCaseStore();
  const contacts = new InMemoryContactStore();
  const outbound = new InMemoryOutboundLedger();
  const messenger = new RecordingMessenger();
  const contactCenter = new RecordingContactCenter();
  const clock = new FixedClock('2026-03-01T06:05:00.000Z');
  const optOuts = new InMemorySmsOptOuts();
  const mailLog = new InMemoryMailLog();
  const suppressions = new InMemorySuppressionList();
  if (identities) {
    contacts.add({
      contactId: 'contact-1',
      identities,
      preferredLanguage: 'ar',
      createdAt: '2026-01-01T00:00:00Z',
    });
  }
  await cases.create(aCase({ reference: REFERENCE, contactId: 'contact-1', ...caseOverrides }), []);
  const deps: NotifyDeps = {
    cases,
    contacts,
    outbound,
    messenger,
    contactCenter,
    optOuts,
    clock,
    context: { municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' }, referencePrefix: 'MCT' },
    departmentName: (code) => DEPARTMENTS.find((d) => d.code === code)?.name,
    mail: { log: mailLog, suppressions, from: 'nidaa@nidaa.example.om' },
  };
  return { deps, cases, contacts, outbound, messenger, contactCenter, clock, optOuts, mailLog, suppressions };
}

const ACK: NotifyRequest = { reference: REFERENCE, template: 'acknowledge', messageId: `ack-${REFERENCE}` };

describe('notifyCitizen', () => {
  it("sends an SMS case's message in Arabic to the citizen's Omani mobile", async () => {
    // Prepare
    const { deps, messenger } = await setup({ replyChannel: 'sms', language: 'ar' }, [
      { kind: 'phone', value: MOBILE },
    ]);

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'sent', channel: 'sms' });
    expect(messenger.sent).toHaveLength(1);
    const [sms] = messenger.sent;
    expect(sms?.to).toEqual({ channel: 'sms', to: MOBILE });
    expect(sms?.options).toEqual({ reference: REFERENCE });
    expect(sms?.message.text).toContain('تم استلام بلاغكم');
    expect(sms?.message.text).toContain(`${LRI}${REFERENCE}${PDI}`);
    expect(sms?.message.text).not.toContain('MCT');
  });

  it.each([
    ['ar', 'بلدية مسقط: تم استلام بلاغكم رقم'],
    ['en', 'Muscat Municipality: we received your request'],
  ] as const)('e-mails an e-mail case in %s with a subject', async (language, subject) => {
    // Prepare
    const { deps, messenger } = await setup({ replyChannel: 'email', language }, [
      { kind: 'phone', value: MOBILE },
      { kind: 'email', value: EMAIL },
    ]);

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'sent', channel: 'email' });
    const [mail] = messenger.sent;
    expect(mail?.to).toEqual({ channel: 'email', to: EMAIL });
    expect(mail?.message.subject).toContain(subject);
    expect(mail?.message.subject).toContain(
      language === 'ar' ? `${LRI}MCT-${REFERENCE}${PDI}` : `MCT-${REFERENCE}`,
    );
  });

  it('falls back to e-mail for an SMS case when the citizen has no mobile', async () => {
    // Prepare
    const { deps, messenger } = await setup({ replyChannel: 'sms' }, [
      { kind: 'phone', value: '+96824123456' },
      { kind: 'email', value: EMAIL },
    ]);

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'sent', channel: 'email' });
    expect(messenger.sent.map((m) => m.to.to)).toEqual([EMAIL]);
  });

  it('records the sent message on the timeline as a message_out event', async () => {
    // Prepare
    const { deps, cases, messenger, outbound } = await setup({ replyChannel: 'sms' }, [
      { kind: 'phone', value: MOBILE },
    ]);

    // Act
    await notifyCitizen(ACK, deps);

    // Assess
    expect(cases.timeline(REFERENCE)).toEqual([
      {
        reference: REFERENCE,
        id: `out-${ACK.messageId}`,
        at: '2026-03-01T06:05:00.000Z',
        kind: 'message_out',
        actor: 'system',
        channel: 'sms',
        text: messenger.sent[0]?.message.text,
        data: {
          template: 'acknowledge',
          to: MOBILE,
          deliveryStatus: 'sent',
          providerMessageId: 'provider-1',
          // What the SMS costs, for statistics: the Arabic acknowledgement is one UCS-2 part.
          segments: 1,
          encoding: 'UCS-2',
        },
      },
    ]);
    expect(outbound.entries.get(ACK.messageId)).toMatchObject({
      providerMessageId: 'provider-1',
      details: { segments: 1, encoding: 'UCS-2' },
    });
  });

  it('sends nothing to a number that texted STOP, and records the message as suppressed', async () => {
    // Prepare
    const { deps, cases, messenger, outbound, optOuts } = await setup({ replyChannel: 'sms' }, [
      { kind: 'phone', value: MOBILE },
    ]);
    await optOuts.set(MOBILE, true, '2026-03-01T06:00:00.000Z');

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'suppressed', channel: 'sms' });
    expect(messenger.sent).toEqual([]);
    expect(outbound.entries.size).toBe(0);
    expect(cases.timeline(REFERENCE)).toEqual([
      expect.objectContaining({
        id: `out-${ACK.messageId}`,
        kind: 'message_out',
        channel: 'sms',
        data: {
          template: 'acknowledge',
          to: MOBILE,
          deliveryStatus: 'suppressed',
          reason: 'sms_opt_out',
          segments: 1,
          encoding: 'UCS-2',
        },
      }),
    ]);
  });

  it('sends SMS again after START', async () => {
    // Prepare
    const { deps, messenger, optOuts } = await setup({ replyChannel: 'sms' }, [
      { kind: 'phone', value: MOBILE },
    ]);
    await optOuts.set(MOBILE, true, '2026-03-01T06:00:00.000Z');
    await optOuts.set(MOBILE, false, '2026-03-01T06:01:00.000Z');

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'sent', channel: 'sms' });
    expect(messenger.sent.map((m) => m.to)).toEqual([{ channel: 'sms', to: MOBILE }]);
  });

  it('never holds back e-mail because the phone opted out of SMS', async () => {
    // Prepare
    const { deps, messenger, optOuts } = await setup({ replyChannel: 'email' }, [
      { kind: 'phone', value: MOBILE },
      { kind: 'email', value: EMAIL },
    ]);
    await optOuts.set(MOBILE, true, '2026-03-01T06:00:00.000Z');

    // Act
    const result = await notifyCitizen(ACK, deps);

    // Assess
    expect(result).toEqual({ status: 'sent', channel: 'email' });
    expect(messenger.sent.map((m) => m.to)).toEqual([{ channel: 'email', to: EMAIL }]);
  });

  it('threads an e-mail acknowledgement under the citizen’s message and remembers our Message-ID', async () => {
    // Prepare: the citizen's own mail started the thread
    const { deps, messenger, mailLog, cases } = await setup({ replyChannel: 'email', language: 'en' }, [
      { kind: 'email', value: EMAIL },
    ]);
    await mailLog.addToThread(REFERENCE, '<first@mail.example.om>');

    // Act
    await notifyCitizen(ACK, deps);
    await notifyCitizen(
      { reference: REFERENCE, template: 'reply', messageId: 'reply-1', answer: 'Done.' },
      deps,
    );

    // Assess: the acknowledgement answers the citizen; the reply answers our acknowledgement
    expect(messenger.sent.map((m) => m.options)).toEqual([
      {
        reference: REFERENCE,
        automatic: true,
        replyTo: `nidaa+MCT-${REFERENCE}@nidaa.example.om`,
        inReplyTo: '<first@mail.example.om>',
        references: '<first@mail.example.om>',
      },
      {
        reference: REFERENCE,
        automatic: false,
        replyTo: `nidaa+MCT-${REFERENCE}@nidaa.example.om`,
        inReplyTo: '<provider-1@eu-west-1.amazonses.com>',
        references: '<first@mail.example.om> <provider-1@eu-west-1.amazonses.com>',
      },
    ]);
    expect(messenger.sent[0]?.message.subject).toContain(`MCT-${REFERENCE}`);
    expect(await mailLog.findSent('provider-1')).toEqual({
      sesMessageId: 'provider-1',
      reference: REFERENCE,
      eventId: `out-${ACK.messageId}`,
      to: EMAIL,
      sentAt: '2026-03-01T06:05:00.000Z',
    });
    expect(cases.timeline(REFERENCE)[0]?.data).toMatchObject({
      messageIdHeader: '<provider-1@eu-west-1.amazonses.com>',
    });
  });

  it('puts the reference into a subject that lacks it (e-mail only)', async () => {
    const { deps, messenger } = await setup({ replyChannel: 'email', language: 'ar' }, [
      { kind: 'email', value: EMAIL },
    ]);
    await notifyCitizen({ reference: REFERENCE, template: 'status', messageId: 'status-1' }, deps);
    expect(messenger.sent[0]?.message.subject).toBe(`بلدية مسقط [MCT-${REFERENCE}]`);
  });

  it('skips a suppressed address and says so on the timeline', async () => {
    const { deps, messenger, suppressions, cases, outbound } = await setup({ replyChannel: 'email' }, [
      { kind: 'email', value: EMAIL },
    ]);
    await suppressions.suppress(EMAIL, 'bounce Permanent/General', '2026-03-01T00:00:00Z');

    const result = await notifyCitizen(ACK, deps);

    expect(result).toEqual({ status: 'suppressed', channel: 'email' });
    expect(messenger.sent).toEqual([]);
    expect(outbound.entries.size).toBe(0);
    expect(cases.timeline(REFERENCE)).toMatchObject([
      {
        kind: 'note',
        text: expect.stringContaining(`Not sent: ${EMAIL} is suppressed`),
        data: { channel: 'email', deliveryStatus: 'suppressed', reason: 'address_suppressed' },
      },
    ]);
  });

  it('answers a citizen who wrote by fax with the letter attached, on their fax number', async () => {
    const { deps, messenger, mailLog } = await setup({ replyChannel: 'fax', language: 'ar' }, [
      { kind: 'phone', value: '+96824123456' },
    ]);
    const letter = {
      fileName: `MCT-${REFERENCE}.pdf`,
      contentType: 'application/pdf',
      bytes: new Uint8Array([37]),
    };
    deps.faxLetter = async (c, rendered) => {
      expect(c.reference).toBe(REFERENCE);
      expect(rendered.text).toContain('تم استلام بلاغكم');
      return letter;
    };

    const result = await notifyCitizen(ACK, deps);

    expect(result).toEqual({ status: 'sent', channel: 'fax' });
    expect(messenger.sent[0]).toMatchObject({
      to: { channel: 'fax', to: '+96824123456' },
      attachments: [letter],
    });
    // The fax's e-mail is remembered too: a bounce or delivery event finds its case.
    expect(await mailLog.findSent('provider-1')).toMatchObject({ reference: REFERENCE, to: '+96824123456' });
    expect(await mailLog.thread(REFERENCE)).toEqual([]);
  });

  it('holds back a fax whose gateway address bounced (SES reports the gateway address, not the number)', async () => {
    const { deps, messenger, suppressions } = await setup({ replyChannel: 'fax', language: 'ar' }, [
      { kind: 'phone', value: '+96824123456' },
    ]);
    deps.mail = { ...deps.mail, faxSendTo: '{number}@fax.example.om' };
    await suppressions.suppress('96824123456@fax.example.om', 'bounce', '2026-03-01T00:00:00Z');
    expect(await notifyCitizen(ACK, deps)).toEqual({ status: 'suppressed', channel: 'fax' });
    expect(messenger.sent).toEqual([]);
  });

  it('sends the same messageId once; the second call is already_sent', async () => {
    // Prepare
    const { deps, cases, messenger } = await setup({}, [{ kind: 'phone', value: MOBILE }]);
    await notifyCitizen(ACK, deps);

    // Act
    const again = await notifyCitizen(ACK, deps);

    // Assess
    expect(again).toEqual({ status: 'already_sent' });
    expect(messenger.sent).toHaveLength(1);
    expect(cases.timeline(REFERENCE).filter((e) => e.kind === 'message_out')).toHaveLength(1);
  });

  it('records a message an earlier attempt sent but died before recording, once, without sending it again', async () => {
    // Prepare: the provider accepted the acknowledgement; the process died before the timeline event.
    const { deps, cases, messenger } = await setup({}, [{ kind: 'phone', value: MOBILE }]);
    await deps.outbound.begin(ACK.messageId, deps.clock.now());
    await deps.outbound.sent(ACK.messageId, 'sns-early', { segments: 1, encoding: 'UCS-2' });

    // Act
    const first = await notifyCitizen(ACK, deps);
    const second = await notifyCitizen(ACK, deps);

    // Assess
    expect([first.status, second.status]).toEqual(['already_sent', 'already_sent']);
    expect(messenger.sent).toEqual([]);
    const recorded = cases.timeline(REFERENCE).filter((e) => e.kind === 'message_out');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.data).toMatchObject({
      providerMessageId: 'sns-early',
      deliveryStatus: 'sent',
      segments: 1,
    });
  });

  it('marks a message sent again after an attempt that died without an outcome as a possible duplicate', async () => {
    const { deps, cases, messenger, clock } = await setup({}, [{ kind: 'phone', value: MOBILE }]);
    await deps.outbound.begin(ACK.messageId, deps.clock.now());

    clock.advance({ minutes: 1 });
    await notifyCitizen(ACK, deps);

    expect(messenger.sent).toHaveLength(1);
    const [recorded] = cases.timeline(REFERENCE).filter((e) => e.kind === 'message_out');
    expect(recorded?.data?.possibleDuplicate).toBe(true);
  });

  it('sends a different messageId for the same case again', async () => {
    // Prepare
    const { deps, messenger } = await setup({}, [{ kind: 'phone', value: MOBILE }]);
    await notifyCitizen(ACK, deps);

    // Act
    const result = await notifyCitizen({ ...ACK, template: 'status', messageId: 'status-1' }, deps);

    // Assess
    expect(result.status).toBe('sent');
    expect(messenger.sent).toHaveLength(2);
    expect(messenger.sent[1]?.message.text).toContain('إدارة الطرق والإنارة');
  });

  it('puts the answer into the resolved message, and by SMS asks for a rating by reply', async () => {
    // Prepare
    const { deps, messenger } = await setup({ status: 'resolved' }, [{ kind: 'phone', value: MOBILE }]);

    // Act
    await notifyCitizen({ ...ACK, template: 'resolved', messageId: 'res-1', answer: 'تم ردم الحفرة.' }, deps);

    // Assess
    expect(messenger.sent[0]?.message.text).toBe(
      `تمت معالجة بلاغكم ${LRI}${REFERENCE}${PDI}. تم ردم الحفرة.\nللتقييم أرسلوا رقماً من 1 إلى 5`,
    );
  });

  it.each([
    ['e-mail', [{ kind: 'email', value: EMAIL }], true],
    ['fax (a letter cannot be tapped)', [{ kind: 'phone', value: '+96824123456' }], false],
  ] as const)('by %s, a resolved answer carries the rating link: %s', async (_label, identities, linked) => {
    const { deps, messenger } = await setup(
      { status: 'resolved', replyChannel: identities[0].kind === 'email' ? 'email' : 'fax' },
      [...identities],
    );
    deps.context.trackingLinkFor = (ref) => `https://p.example/track/${ref}#k=t`;
    deps.context.ratingLinkFor = (ref) => `https://p.example/rate/${ref}#k=t`;
    deps.faxLetter = async () => ({
      fileName: 'l.pdf',
      contentType: 'application/pdf',
      bytes: new Uint8Array([37]),
    });

    await notifyCitizen({ ...ACK, template: 'resolved', messageId: 'res-2', answer: 'تم ردم الحفرة.' }, deps);

    const text = messenger.sent[0]?.message.text ?? '';
    expect(text.includes(`https://p.example/rate/${REFERENCE}#k=t`)).toBe(linked);
    expect(text).not.toContain('أرسلوا رقماً');
  });

  it.each([
    ['no contact at all', undefined],
    ['a contact with no identities', []],
    ['only a device identity', [{ kind: 'device', value: 'app-install-1' }]],
    ['only a landline', [{ kind: 'phone', value: '+96824123456' }]],
    ['only a foreign mobile', [{ kind: 'phone', value: '+447700900123' }]],
  ] as const satisfies readonly (readonly [string, Identity[] | undefined])[])(
    'reports unreachable and leaves a note when the citizen has %s',
    async (_label, identities) => {
      // Prepare
      const { deps, cases, messenger, outbound } = await setup({}, identities ? [...identities] : undefined);

      // Act
      const result = await notifyCitizen(ACK, deps);

      // Assess
      expect(result).toEqual({ status: 'unreachable' });
      expect(messenger.sent).toEqual([]);
      expect(outbound.entries.size).toBe(0);
      const timeline = cases.timeline(REFERENCE);
      expect(timeline.map((e) => [e.kind, e.actor])).toEqual([['note', 'system']]);
      expect(timeline[0]?.text).toContain('لا توجد وسيلة للتواصل مع المواطن');
    },
  );

  it('throws a TransientError and leaves a note when the provider fails; a retry then sends it', async () => {
    // Prepare
    const { deps, cases, messenger, clock } = await setup({}, [{ kind: 'phone', value: MOBILE }]);
    messenger.failNext(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));

    // Act
    const failed = notifyCitizen(ACK, deps);

    // Assess
    await expect(failed).rejects.toBeInstanceOf(TransientError);
    await expect(failed).rejects.toMatchObject({ name: 'TransientError', status: 503 });
    expect(messenger.sent).toEqual([]);
    const notes = cases.timeline(REFERENCE);
    expect(notes.map((e) => e.kind)).toEqual(['note']);
    expect(notes[0]?.text).toContain('ThrottlingException');
    // A fact for the delivery figures (deliveries table): a failed SMS attempt, and why.
    expect(notes[0]?.data).toEqual({
      template: ACK.template,
      channel: 'sms',
      deliveryStatus: 'failed',
      reason: 'ThrottlingException',
    });

    // Act: the workflow retries a little later.
    clock.advance({ seconds: 2 });
    const retried = await notifyCitizen(ACK, deps);

    // Assess
    expect(retried).toEqual({ status: 'sent', channel: 'sms' });
    expect(messenger.sent).toHaveLength(1);
    expect(cases.timeline(REFERENCE).map((e) => e.kind)).toEqual(['note', 'message_out']);
  });

  it('throws NotFoundError for an unknown case and sends nothing', async () => {
    // Prepare
    const { deps, messenger } = await setup({}, [{ kind: 'phone', value: MOBILE }]);

    // Act + Assess
    await expect(
      notifyCitizen({ ...ACK, reference: formatReference(2026, 999) }, deps),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(messenger.sent).toEqual([]);
  });
});

describe('notifyCitizen with merged duplicates', () => {
  const FOLLOWER = formatReference(2026, 124);
  const UNFINISHED = formatReference(2026, 125);

  it('sends the answer to each follower under their own reference and language, skipping unfinished merges', async () => {
    const { deps, cases, contacts, messenger } = await setup(
      { replyChannel: 'sms', language: 'ar', followers: [FOLLOWER, UNFINISHED] },
      [{ kind: 'phone', value: MOBILE }],
    );
    contacts.add({
      contactId: 'contact-2',
      identities: [{ kind: 'email', value: EMAIL }],
      preferredLanguage: 'en',
      createdAt: '2026-01-01T00:00:00Z',
    });
    await cases.create(
      aCase({
        reference: FOLLOWER,
        contactId: 'contact-2',
        replyChannel: 'email',
        language: 'en',
        status: 'closed',
        mergedInto: REFERENCE,
      }),
      [],
    );
    // Its merge lost a race and was never committed: it is not this case's follower.
    await cases.create(aCase({ reference: UNFINISHED, contactId: 'contact-2', status: 'assigned' }), []);
    const resolved: NotifyRequest = {
      reference: REFERENCE,
      template: 'resolved',
      messageId: `resolved-${REFERENCE}`,
      answer: 'The pothole was filled.',
    };

    await notifyCitizen(resolved, deps);

    expect(messenger.sent.map((m) => [m.to.to, m.options.reference])).toEqual([
      [MOBILE, REFERENCE],
      [EMAIL, FOLLOWER],
    ]);
    expect(messenger.sent[1]?.message.text).toBe(
      `Your request MCT-${FOLLOWER} is resolved. The pothole was filled.`,
    );
    expect((await cases.getWithTimeline(FOLLOWER))?.timeline.map((e) => e.kind)).toEqual(['message_out']);

    // A retry (say the workflow retried the step) sends nothing twice.
    await notifyCitizen(resolved, deps);
    expect(messenger.sent).toHaveLength(2);
  });
});

describe('notifyCitizen for citizens who asked to be called back', () => {
  const LANDLINE = '+96824123456';
  const resolved: NotifyRequest = {
    reference: REFERENCE,
    template: 'resolved',
    messageId: `resolved-${REFERENCE}`,
    answer: 'تم ردم الحفرة.',
  };

  it('queues a call back for an answer, and records it on the timeline as queued', async () => {
    const { deps, cases, messenger, contactCenter } = await setup({ replyChannel: 'voice', language: 'ar' }, [
      { kind: 'phone', value: LANDLINE },
    ]);
    const result = await notifyCitizen(resolved, deps);
    expect(result).toEqual({ status: 'sent', channel: 'voice' });
    expect(messenger.sent).toEqual([]);
    expect(contactCenter.callbacks).toEqual([
      {
        reference: REFERENCE,
        phone: LANDLINE,
        language: 'ar',
        text: expect.stringContaining('تم ردم الحفرة.'),
        clientToken: `resolved-${REFERENCE}`,
      },
    ]);
    const [event] = (await cases.getWithTimeline(REFERENCE))?.timeline ?? [];
    expect(event).toMatchObject({
      kind: 'message_out',
      channel: 'voice',
      data: { to: LANDLINE, deliveryStatus: 'callback_queued', providerMessageId: 'callback-1' },
    });
    // Retried: no second call back.
    await notifyCitizen(resolved, deps);
    expect(contactCenter.callbacks).toHaveLength(1);
  });

  it('sends notices by text even to a citizen who prefers calls', async () => {
    const { deps, messenger, contactCenter } = await setup({ replyChannel: 'voice', language: 'ar' }, [
      { kind: 'phone', value: MOBILE },
    ]);
    await notifyCitizen(ACK, deps);
    expect(contactCenter.callbacks).toEqual([]);
    expect(messenger.sent.map((m) => m.to)).toEqual([{ channel: 'sms', to: MOBILE }]);
  });

  it('texts the answer when no contact center can call, or notes that the citizen cannot be reached', async () => {
    const withMobile = await setup({ replyChannel: 'voice', language: 'ar' }, [
      { kind: 'phone', value: MOBILE },
    ]);
    withMobile.deps.contactCenter = noContactCenter;
    expect(await notifyCitizen(resolved, withMobile.deps)).toEqual({ status: 'sent', channel: 'sms' });
    expect(withMobile.messenger.sent[0]?.message.text).toContain('تم ردم الحفرة.');

    const landlineOnly = await setup({ replyChannel: 'voice', language: 'ar' }, [
      { kind: 'phone', value: LANDLINE },
    ]);
    landlineOnly.deps.contactCenter = noContactCenter;
    expect(await notifyCitizen(resolved, landlineOnly.deps)).toEqual({ status: 'unreachable' });
    const timeline = (await landlineOnly.cases.getWithTimeline(REFERENCE))?.timeline ?? [];
    expect(timeline.map((e) => e.kind)).toEqual(['note']);
  });
});

describe('notifyCitizen with chained merges', () => {
  it('answers the followers of a follower (A into B, then B into C)', async () => {
    const B = formatReference(2026, 130);
    const A = formatReference(2026, 131);
    const { deps, cases, messenger } = await setup({ replyChannel: 'sms', language: 'ar', followers: [B] }, [
      { kind: 'phone', value: MOBILE },
    ]);
    await cases.create(
      aCase({
        reference: B,
        contactId: 'contact-1',
        status: 'closed',
        mergedInto: REFERENCE,
        followers: [A],
      }),
      [],
    );
    await cases.create(aCase({ reference: A, contactId: 'contact-1', status: 'closed', mergedInto: B }), []);
    await notifyCitizen(
      { reference: REFERENCE, template: 'resolved', messageId: 'resolved-x', answer: 'تم.' },
      deps,
    );
    expect(messenger.sent.map((m) => m.options.reference)).toEqual([REFERENCE, B, A]);
  });
});
