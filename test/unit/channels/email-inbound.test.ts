import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { S3RawMailStore } from '#adapters/mail/raw-mail-store.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ValidationError } from '#core/errors.ts';
import type { IntakeDeps } from '#core/intake/receive-inbound.ts';
import {
  answerByEmail,
  type EmailInboundDeps,
  receiveEmail,
} from '../../../functions/channels/email-inbound.handler.ts';
import { aJpeg, anExe, aPdf, aPng, containsText } from '../../support/attachment-fixtures.ts';
import { aCase } from '../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
  InMemoryMailLog,
  InMemoryOutboundLedger,
  InMemorySmsOptOuts,
  InMemorySuppressionList,
  RecordingMessenger,
} from '../../support/in-memory-stores.ts';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/events/ses-receipt.json');
/** SES's Lambda-action event, shaped as AWS documents it (headers and verdicts, no body). */
const sesEvent = (): SESEvent => JSON.parse(readFileSync(FIXTURE, 'utf8'));
const record = (change: (r: SESEventRecord) => void = () => {}): SESEventRecord => {
  const r = sesEvent().Records[0] as SESEventRecord;
  change(r);
  return r;
};

const MESSAGE_ID = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1';
const BUCKET = 'nidaa-dev-raw-mail';
const PREFIX = 'inbound/';
const CITIZEN = 'ahmed.citizen@example.om';
const NEW_REFERENCE = formatReference(2026, 7);
const CONFIG = {
  municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
  referencePrefix: 'MCT',
  email: { from: 'nidaa@nidaa-dev.example.om', domain: 'nidaa-dev.example.om' },
  fax: { gatewayDomains: ['fax.example.om'], sendTo: '{number}@fax.example.om' },
};
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The raw message as SES stored it (CRLF line ends). */
function mime(headers: string[], body: string): Buffer {
  return Buffer.from([...headers, 'MIME-Version: 1.0', '', body].join('\r\n'), 'utf8');
}
const ARABIC_COMPLAINT = mime(
  [
    `From: =?UTF-8?B?${b64('أحمد البلوشي')}?= <Ahmed.Citizen@example.om>`,
    'To: nidaa@nidaa-dev.example.om',
    `Subject: =?UTF-8?B?${b64('شكوى: تراكم القمامة')}?=`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ],
  b64('القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض'),
);

const s3 = mockClient(S3Client);
/** An S3 GetObject body as the SDK returns it in Node: a stream. */
const streamOf = (raw: Buffer) => Readable.from([raw]) as unknown as GetObjectCommandOutput['Body'];
const storeRaw = (raw: Buffer) =>
  s3.on(GetObjectCommand).resolves({ Body: streamOf(raw), ContentLength: raw.length });

function setup() {
  const inbound = new InMemoryInboundStore();
  const contacts = new InMemoryContactStore();
  const cases = new InMemoryCaseStore();
  const clock = new FixedClock('2026-03-02T04:00:05.000Z');
  const messenger = new RecordingMessenger();
  const outbound = new InMemoryOutboundLedger();
  const openCase = vi.fn<IntakeDeps['openCase']>(async () => ({ reference: NEW_REFERENCE }));
  const mailLog = new InMemoryMailLog();
  const suppressions = new InMemorySuppressionList();
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const send = { messenger, outbound, optOuts: new InMemorySmsOptOuts(), suppressions, clock };
  const intake: IntakeDeps = {
    inbound,
    contacts,
    cases,
    clock,
    openCase,
    onCitizenMessage: (_c, message) => cases.appendEvents([message]),
    answer: answerByEmail({ send, config: CONFIG, catalogue: SEED_CATALOGUE }),
  };
  const deps: EmailInboundDeps = {
    intake,
    rawMail: new S3RawMailStore(new S3Client({ region: 'eu-west-1' }), BUCKET, PREFIX),
    send,
    clock,
    config: CONFIG,
    delivery: { mailLog, cases, suppressions },
    files: { put: async (key, bytes, contentType) => void files.set(key, { bytes, contentType }) },
  };
  return { deps, inbound, contacts, cases, messenger, openCase, mailLog, suppressions, files };
}

/** The citizen, known by e-mail, with one open case. */
async function citizenWithCase(ctx: ReturnType<typeof setup>) {
  const contact = await ctx.contacts.ensure({ kind: 'email', value: CITIZEN }, 'ar', '2026-01-01T00:00:00Z');
  const existing = aCase({ reference: formatReference(2026, 1), contactId: contact.contactId });
  await ctx.cases.create(existing, []);
  return existing;
}

beforeEach(() => {
  s3.reset();
});

describe('emailInbound: a citizen’s e-mail', () => {
  it('reads the raw message SES stored and opens one case from it', async () => {
    // Prepare
    const ctx = setup();
    storeRaw(ARABIC_COMPLAINT);

    // Act
    const outcome = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(outcome).toEqual({
      kind: 'intake',
      result: { kind: 'new_case', reference: NEW_REFERENCE, duplicate: false },
    });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: `${PREFIX}${MESSAGE_ID}` });
    expect(ctx.openCase).toHaveBeenCalledTimes(1);
    expect(ctx.openCase.mock.calls[0]?.[0].inbound).toMatchObject({
      channel: 'email',
      externalId: MESSAGE_ID,
      from: { kind: 'email', value: CITIZEN },
      subject: 'شكوى: تراكم القمامة',
      text: 'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض',
      language: 'ar',
      receivedAt: '2026-03-02T04:00:02.028Z',
    });
    expect(ctx.messenger.sent).toEqual([]);
  });

  it('opens one case when SES delivers the same message twice', async () => {
    // Prepare
    const ctx = setup();
    storeRaw(ARABIC_COMPLAINT);

    // Act
    const first = await receiveEmail(record(), ctx.deps);
    storeRaw(ARABIC_COMPLAINT);
    const second = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(first).toMatchObject({ result: { kind: 'new_case', duplicate: false } });
    expect(second).toMatchObject({ result: { kind: 'new_case', reference: NEW_REFERENCE, duplicate: true } });
    expect(ctx.openCase).toHaveBeenCalledTimes(1);
  });

  it('opens one case for 10 receipts of one Message-ID, each with a new SES id (issue 11, defect 3)', async () => {
    // Prepare: an MTA retry or a client resending: SES stores each receipt under a new id.
    const ctx = setup();
    const resent = mime(
      [
        `From: =?UTF-8?B?${b64('أحمد البلوشي')}?= <Ahmed.Citizen@example.om>`,
        'To: nidaa@nidaa-dev.example.om',
        'Subject: Pothole',
        'Message-ID: <CAF+resent-1@Mail.Gmail.com>',
        'Content-Type: text/plain; charset=UTF-8',
      ],
      'A deep pothole on Sultan Qaboos Street.',
    );
    const receipt = (n: number) =>
      record((r) => {
        r.ses.mail.messageId = `${MESSAGE_ID.slice(0, -2)}${String(n).padStart(2, '0')}`;
      });

    // Act
    const outcomes = [];
    for (let n = 0; n < 10; n++) {
      storeRaw(resent);
      outcomes.push(await receiveEmail(receipt(n), ctx.deps));
    }

    // Assert
    expect(ctx.openCase).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((o) => o.kind === 'intake' && !o.result.duplicate)).toHaveLength(1);
    expect(ctx.inbound.items.size).toBe(1);
  });

  it('still opens a case for each of two different messages with the same text', async () => {
    const ctx = setup();
    for (const id of ['<one@example.om>', '<two@example.om>']) {
      storeRaw(mime([`From: ${CITIZEN}`, 'Subject: Pothole', `Message-ID: ${id}`], 'A pothole.'));
      await receiveEmail(record(), ctx.deps);
    }
    expect(ctx.openCase).toHaveBeenCalledTimes(2);
  });

  it('attaches a plus-addressed reply to the citizen’s case without the quoted history', async () => {
    // Prepare
    const ctx = setup();
    const existing = await citizenWithCase(ctx);
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          `To: nidaa+${existing.reference}@nidaa-dev.example.om`,
          'Subject: Re: your request',
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'Still not collected.\r\n\r\nOn Mon, 2 Mar 2026, Nidaa wrote:\r\n> We received your request.',
      ),
    );

    // Act
    const outcome = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(outcome).toMatchObject({ result: { kind: 'follow_up', reference: existing.reference } });
    expect(ctx.cases.timeline(existing.reference)).toEqual([
      expect.objectContaining({ kind: 'message_in', channel: 'email', text: 'Still not collected.' }),
    ]);
    expect(ctx.openCase).not.toHaveBeenCalled();
  });

  it('answers a status command by e-mail, with a subject, to the sender', async () => {
    // Prepare
    const ctx = setup();
    const existing = await citizenWithCase(ctx);
    storeRaw(
      mime([`From: ${CITIZEN}`, 'To: nidaa@nidaa-dev.example.om', `Subject: رط ${existing.reference}`], ''),
    );

    // Act
    const outcome = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(outcome).toMatchObject({ result: { kind: 'answered', reference: existing.reference } });
    expect(ctx.messenger.sent).toHaveLength(1);
    const [reply] = ctx.messenger.sent;
    expect(reply?.to).toEqual({ channel: 'email', to: CITIZEN });
    expect(reply?.message.subject).toBe(`بلدية مسقط: حالة البلاغ \u2066MCT-${existing.reference}\u2069`);
    expect(reply?.message.text).toContain(`MCT-${existing.reference}`);
    expect(reply?.options).toEqual({ reference: existing.reference, automatic: true });
  });
});

describe('emailInbound: mail that opens no case', () => {
  it('logs an out-of-office reply and stops: no case, no answer', async () => {
    // Prepare
    const ctx = setup();
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Automatic reply: your request',
          'Auto-Submitted: auto-replied',
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'I am out of the office until Sunday.',
      ),
    );

    // Act
    const outcome = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(outcome).toEqual({ kind: 'auto_reply', reason: 'Auto-Submitted: auto-replied' });
    expect(ctx.openCase).not.toHaveBeenCalled();
    expect(ctx.messenger.sent).toEqual([]);
    expect(ctx.inbound.items.size).toBe(0);
  });

  it('drops a message SES found a virus in without reading it', async () => {
    const ctx = setup();
    const outcome = await receiveEmail(
      record((r) => {
        r.ses.receipt.virusVerdict = { status: 'FAIL' };
      }),
      ctx.deps,
    );
    expect(outcome).toEqual({ kind: 'dropped', reason: 'virus' });
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('answers a message above 10 MB once, politely and in both languages, without downloading it', async () => {
    // Prepare
    const ctx = setup();
    const bytes = 11 * 1024 * 1024;
    const body = Readable.from([Buffer.alloc(16)]);
    const destroy = vi.spyOn(body, 'destroy');
    s3.on(GetObjectCommand).resolves({
      Body: body as unknown as GetObjectCommandOutput['Body'],
      ContentLength: bytes,
    });

    // Act
    const first = await receiveEmail(record(), ctx.deps);
    const again = await receiveEmail(record(), ctx.deps);

    // Assert
    expect(first).toEqual({ kind: 'too_large', bytes, replied: true });
    expect(again).toEqual({ kind: 'too_large', bytes, replied: false });
    expect(destroy).toHaveBeenCalled();
    expect(ctx.openCase).not.toHaveBeenCalled();
    expect(ctx.messenger.sent).toHaveLength(1);
    const [reply] = ctx.messenger.sent;
    expect(reply?.to).toEqual({ channel: 'email', to: CITIZEN });
    expect(reply?.message.text).toMatch(/^عذراً، حجم رسالتكم يتجاوز 10 ميغابايت[\s\S]*larger than 10 MB/);
  });

  it('does not answer an oversized auto-reply (judged on the headers SES sent)', async () => {
    const ctx = setup();
    s3.on(GetObjectCommand).resolves({ Body: streamOf(Buffer.alloc(0)), ContentLength: 20 * 1024 * 1024 });
    const outcome = await receiveEmail(
      record((r) => {
        r.ses.mail.headers.push({ name: 'Precedence', value: 'bulk' });
      }),
      ctx.deps,
    );
    expect(outcome).toEqual({ kind: 'auto_reply', reason: 'Precedence: bulk' });
    expect(ctx.messenger.sent).toEqual([]);
  });

  it('refuses an event that is not from SES, and a message id that cannot be an S3 key', async () => {
    const ctx = setup();
    await expect(
      receiveEmail(
        record((r) => {
          r.eventSource = 'aws:sns';
        }),
        ctx.deps,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      receiveEmail(
        record((r) => {
          r.ses.mail.messageId = '../secrets';
        }),
        ctx.deps,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('fails (so SES retries, then the dead-letter queue) when the raw message is missing', async () => {
    const ctx = setup();
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }),
    );
    await expect(receiveEmail(record(), ctx.deps)).rejects.toThrow('The specified key does not exist.');
    expect(ctx.openCase).not.toHaveBeenCalled();
  });
});

/** Our acknowledgement of the citizen's case, as SES sent it (Message-ID made of SES's id). */
const OUR_SES_ID = '0102019a7c191be4-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000';
const OUR_MESSAGE_ID = `<${OUR_SES_ID}@me-central-1.amazonses.com>`;
async function weWroteTo(ctx: ReturnType<typeof setup>, reference: string) {
  await ctx.mailLog.recordSent({
    sesMessageId: OUR_SES_ID,
    reference,
    eventId: 'out-ack-1',
    to: CITIZEN,
    sentAt: '2026-03-01T06:00:00.000Z',
  });
  await ctx.mailLog.addToThread(reference, '<citizen-first@example.om>');
  await ctx.mailLog.addToThread(reference, OUR_MESSAGE_ID);
}

const base64Lines = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');

/** The citizen, whose case we wrote to, replies with these thread headers. */
async function citizenReplies(threadHeaders: string[], body: string) {
  const ctx = setup();
  const existing = await citizenWithCase(ctx);
  await weWroteTo(ctx, existing.reference);
  storeRaw(
    mime(
      [
        `From: ${CITIZEN}`,
        'To: nidaa@nidaa-dev.example.om',
        'Subject: Re: we received your request',
        'Content-Type: text/plain; charset=UTF-8',
        ...threadHeaders,
      ],
      body,
    ),
  );
  return { ctx, existing };
}

describe('emailInbound: threading', () => {
  it('joins a reply that names our Message-ID in In-Reply-To to its case, and extends the thread', async () => {
    const { ctx, existing } = await citizenReplies(
      [
        'Message-ID: <reply-2@example.om>',
        `In-Reply-To: ${OUR_MESSAGE_ID}`,
        `References: <citizen-first@example.om> ${OUR_MESSAGE_ID}`,
      ],
      'The container is still full.\r\n\r\nOn Sun, 1 Mar 2026, Nidaa wrote:\r\n> We received your request.',
    );

    const outcome = await receiveEmail(record(), ctx.deps);

    expect(outcome).toMatchObject({ result: { kind: 'follow_up', reference: existing.reference } });
    expect(ctx.cases.timeline(existing.reference)).toEqual([
      expect.objectContaining({ kind: 'message_in', text: 'The container is still full.' }),
    ]);
    expect(await ctx.mailLog.thread(existing.reference)).toEqual([
      '<citizen-first@example.om>',
      OUR_MESSAGE_ID,
      '<reply-2@example.om>',
    ]);
  });

  it('opens a new case when someone else writes with the case’s reference in the subject', async () => {
    const ctx = setup();
    const existing = await citizenWithCase(ctx);
    storeRaw(
      mime(
        [
          'From: stranger@example.org',
          'To: nidaa@nidaa-dev.example.om',
          `Subject: =?UTF-8?B?${b64(`بخصوص البلاغ [MCT-${existing.reference}]`)}?=`,
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'أريد معرفة تفاصيل هذا البلاغ',
      ),
    );

    const outcome = await receiveEmail(record(), ctx.deps);

    expect(outcome).toMatchObject({ result: { kind: 'new_case', reference: NEW_REFERENCE } });
    expect(ctx.cases.timeline(existing.reference)).toEqual([]);
  });

  it('gives the citizen’s Message-ID to intake, so the acknowledgement replies to it', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Pothole',
          'Message-ID: <CAF8098FDD49A342D9935F6112example@mail.example.om>',
        ],
        'A deep pothole on Sultan Qaboos Street.',
      ),
    );
    await receiveEmail(record(), ctx.deps);
    expect(ctx.openCase.mock.calls[0]?.[0].inbound.threadId).toBe(
      '<CAF8098FDD49A342D9935F6112example@mail.example.om>',
    );
  });

  it('takes the message from the S3 action’s SNS notification (receiving in another region)', async () => {
    const ctx = setup();
    storeRaw(ARABIC_COMPLAINT);
    const { ses } = record();
    const notification = {
      notificationType: 'Received',
      mail: ses.mail,
      receipt: {
        ...ses.receipt,
        action: {
          type: 'S3',
          topicArn: 'arn:aws:sns:eu-west-1:123456789012:nidaa-dev-mail-received',
          bucketName: BUCKET,
          objectKeyPrefix: PREFIX,
          objectKey: `${PREFIX}${MESSAGE_ID}`,
        },
      },
    };
    const snsRecord = {
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:nidaa-dev-mail-received:9f3c',
      Sns: {
        Type: 'Notification',
        MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:nidaa-dev-mail-received',
        Subject: 'Amazon SES Email Receipt Notification',
        Message: JSON.stringify(notification),
        Timestamp: '2026-03-02T04:00:03.000Z',
      },
    };

    const outcome = await receiveEmail(snsRecord, ctx.deps);

    expect(outcome).toMatchObject({ result: { kind: 'new_case', reference: NEW_REFERENCE } });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: `${PREFIX}${MESSAGE_ID}` });
    await expect(
      receiveEmail(
        { ...snsRecord, Sns: { ...snsRecord.Sns, Message: '{"notificationType":"Bounce"}' } },
        ctx.deps,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('emailInbound: loops, lists and bounces', () => {
  it('stops our own message coming back (its Message-ID is one SES gave our mail)', async () => {
    const ctx = setup();
    const existing = await citizenWithCase(ctx);
    await weWroteTo(ctx, existing.reference);
    storeRaw(
      mime(
        [
          'From: forwarder@example.org',
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Fwd: we received your request',
          `Message-ID: ${OUR_MESSAGE_ID}`,
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'We received your request.',
      ),
    );
    expect(await receiveEmail(record(), ctx.deps)).toEqual({ kind: 'loop', reason: 'our own Message-ID' });
    expect(ctx.openCase).not.toHaveBeenCalled();
  });

  it('stops mail that carries our loop header, whatever its sender', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          'From: helpdesk@example.org',
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Re: your request',
          'X-Nidaa-Loop: 260000019',
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'Ticket opened.',
      ),
    );
    expect(await receiveEmail(record(), ctx.deps)).toEqual({ kind: 'loop', reason: 'X-Nidaa-Loop header' });
  });

  it('drops mailing-list traffic (List-Id)', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Weekly news',
          'List-Id: Muscat news <news.lists.example.om>',
          'Content-Type: text/plain; charset=UTF-8',
        ],
        'This week in Muscat.',
      ),
    );
    expect(await receiveEmail(record(), ctx.deps)).toEqual({ kind: 'auto_reply', reason: 'List-Id header' });
  });

  it('marks our message bounced when its DSN reaches us, and suppresses the address', async () => {
    const ctx = setup();
    const existing = await citizenWithCase(ctx);
    await weWroteTo(ctx, existing.reference);
    const boundary = 'dsn-boundary-1';
    storeRaw(
      mime(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.example.om>',
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Undelivered Mail Returned to Sender',
          `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        ],
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          'I could not deliver your message to ahmed.citizen@example.om.',
          `--${boundary}`,
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.example.om',
          '',
          'Final-Recipient: rfc822; ahmed.citizen@example.om',
          'Action: failed',
          'Status: 5.1.1',
          'Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable',
          `--${boundary}`,
          'Content-Type: text/rfc822-headers',
          '',
          'From: nidaa@nidaa-dev.example.om',
          'To: ahmed.citizen@example.om',
          `Message-ID: ${OUR_MESSAGE_ID}`,
          `--${boundary}--`,
        ].join('\r\n'),
      ),
    );

    const outcome = await receiveEmail(record(), ctx.deps);

    expect(outcome).toEqual({
      kind: 'bounce',
      reason: 'from mailer-daemon',
      marked: [existing.reference],
    });
    expect(ctx.cases.timeline(existing.reference)).toEqual([
      expect.objectContaining({
        kind: 'delivery',
        data: expect.objectContaining({
          messageEventId: 'out-ack-1',
          deliveryStatus: 'bounced',
          detail: 'smtp; 550 5.1.1 mailbox unavailable',
          source: 'dsn',
        }),
      }),
    ]);
    expect(await ctx.suppressions.isSuppressed(CITIZEN)).toBe(true);
    expect(ctx.openCase).not.toHaveBeenCalled();
  });
});

describe('emailInbound: attachments and faxes', () => {
  const boundary = 'mixed-1';
  const part = (headers: string[], bytes: Uint8Array) =>
    [`--${boundary}`, ...headers, 'Content-Transfer-Encoding: base64', '', base64Lines(bytes)].join('\r\n');
  const photo = aJpeg({ exif: true, trailing: Array(5000).fill(0) });

  it('stores photos and documents through the attachments path; skips logos and programs', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Broken street light',
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
        ],
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=UTF-8',
          '',
          'The street light near my house is broken, photo attached.',
          part(
            [
              'Content-Type: image/jpeg',
              'Content-Disposition: inline; filename="IMG_0001.jpg"',
              'Content-ID: <img1>',
            ],
            photo,
          ),
          part(['Content-Type: image/png', 'Content-Disposition: inline; filename="logo.png"'], aPng()),
          part(
            ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename="permit.pdf"'],
            aPdf(),
          ),
          part(
            [
              'Content-Type: application/octet-stream',
              'Content-Disposition: attachment; filename="setup.exe"',
            ],
            anExe(),
          ),
          `--${boundary}--`,
        ].join('\r\n'),
      ),
    );

    await receiveEmail(record(), ctx.deps);

    const keys = [`uploads/cases/mail-${MESSAGE_ID}-0`, `uploads/cases/mail-${MESSAGE_ID}-1`];
    expect(ctx.openCase.mock.calls[0]?.[0].inbound.attachmentKeys).toEqual(keys);
    expect([...ctx.files.keys()]).toEqual(keys);
    expect(ctx.files.get(keys[0] as string)?.contentType).toBe('image/jpeg');
    // The photo's Exif (GPS) is gone, as with the portal's uploads.
    expect(containsText(ctx.files.get(keys[0] as string)?.bytes ?? new Uint8Array(), 'Exif')).toBe(false);
    expect(ctx.files.get(keys[1] as string)?.contentType).toBe('application/pdf');
  });

  it('turns a fax from the gateway into a fax case from the sender’s number, with the document', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          'From: Fax Gateway <fax@fax.example.om>',
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Fax from +968 24 123456 (2 pages)',
          'Auto-Submitted: auto-generated',
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
        ],
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=UTF-8',
          '',
          'You have received a 2-page fax.',
          part(['Content-Type: image/tiff', 'Content-Disposition: attachment; filename="fax.tif"'], TIFF),
          `--${boundary}--`,
        ].join('\r\n'),
      ),
    );

    const outcome = await receiveEmail(record(), ctx.deps);

    expect(outcome).toMatchObject({ result: { kind: 'new_case' } });
    expect(ctx.openCase.mock.calls[0]?.[0].inbound).toMatchObject({
      channel: 'fax',
      from: { kind: 'phone', value: '+96824123456' },
      language: 'ar',
      attachmentKeys: [`uploads/cases/mail-${MESSAGE_ID}-0`],
    });
    expect(ctx.files.get(`uploads/cases/mail-${MESSAGE_ID}-0`)?.contentType).toBe('image/tiff');
  });

  it('opens no case for a gateway notice that carries no document', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        ['From: fax@fax.example.om', 'To: nidaa@nidaa-dev.example.om', 'Subject: Fax to +968 24 999999 sent'],
        'Your fax was delivered.',
      ),
    );
    expect(await receiveEmail(record(), ctx.deps)).toEqual({
      kind: 'auto_reply',
      reason: 'fax gateway notice without a document',
    });
  });
});

/** A minimal little-endian TIFF header, as fax gateways send page scans. */
const TIFF = Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, ...Array(64).fill(0)]);

/** Quoted-printable of UTF-8 text, as Apple Mail and Outlook write it (soft line breaks at 76). */
const qp = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'), (b) =>
    (b >= 33 && b <= 126 && b !== 61) || b === 32
      ? String.fromCharCode(b)
      : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
  )
    .join('')
    .replace(/(.{72}[^=]{0,2})/g, '$1=\r\n');
/** An RFC 2047 Q-encoded word (Outlook's choice for Arabic subjects). */
const qWord = (text: string) =>
  `=?utf-8?Q?${Array.from(Buffer.from(text, 'utf8'), (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}?=`;
const photo = () => aJpeg({ exif: true, trailing: Array(5000).fill(0) });

describe('emailInbound: what real mail clients send (issue 11, defect 4)', () => {
  it('Gmail: keeps the Arabic encoded-word subject for the case and reads the quoted-printable text part', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          `From: =?UTF-8?B?${b64('سارة')}?= <sara.citizen@gmail.com>`,
          'To: nidaa@nidaa-dev.example.om',
          `Subject: =?UTF-8?B?${b64('حفرة خطيرة أمام مدرسة')}?= =?UTF-8?B?${b64(' العامرات')}?=`,
          'Message-ID: <CAJx9=abc+DEF@mail.gmail.com>',
          'Content-Type: multipart/alternative; boundary="000000000000a1"',
        ],
        [
          '--000000000000a1',
          'Content-Type: text/plain; charset="UTF-8"',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          qp('الحفرة عميقة وقد سقط فيها طفل صباح اليوم، نرجو ردمها بسرعة قبل أن يتأذى أحد آخر.'),
          '--000000000000a1',
          'Content-Type: text/html; charset="UTF-8"',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          qp('<div dir="rtl">الحفرة عميقة</div>'),
          '--000000000000a1--',
        ].join('\r\n'),
      ),
    );

    await receiveEmail(record(), ctx.deps);

    expect(ctx.openCase.mock.calls[0]?.[0].inbound).toMatchObject({
      subject: 'حفرة خطيرة أمام مدرسة العامرات',
      text: 'الحفرة عميقة وقد سقط فيها طفل صباح اليوم، نرجو ردمها بسرعة قبل أن يتأذى أحد آخر.',
      threadId: '<CAJx9=abc+DEF@mail.gmail.com>',
    });
  });

  it('Outlook: HTML in base64 with a pasted photo (multipart/related, cid:) keeps the photo and its name', async () => {
    const ctx = setup();
    storeRaw(
      mime(
        [
          'From: "Khalid Al Harthy" <Khalid.AlHarthy@outlook.com>',
          'To: "nidaa@nidaa-dev.example.om" <nidaa@nidaa-dev.example.om>',
          `Subject: ${qWord('إنارة معطلة')}`,
          'Thread-Topic: =?utf-8?B?2KXZhtin2LHYqQ==?=',
          'Thread-Index: AQHaBcDeFgHiJkLmNoPqRsTuVwXyZa==',
          'Message-ID: <AM9PR01MB7456A1B2C3D4E5F6@AM9PR01MB7456.eurprd01.prod.exchangelabs.com>',
          'Content-Language: ar-OM',
          'Content-Type: multipart/related; boundary="_004_AM9PR01_"; type="text/html"',
        ],
        [
          '--_004_AM9PR01_',
          'Content-Type: text/html; charset="utf-8"',
          'Content-Transfer-Encoding: base64',
          '',
          b64(
            '<html dir="rtl"><body><p>عمود الإنارة أمام المنزل معطل منذ أسبوع</p><p><img src="cid:image001.jpg@01DA1234.ABCDEF00"></p></body></html>',
          ),
          '--_004_AM9PR01_',
          'Content-Type: image/jpeg; name="image001.jpg"',
          'Content-Description: image001.jpg',
          'Content-Disposition: inline; filename="image001.jpg"; size=5120',
          'Content-ID: <image001.jpg@01DA1234.ABCDEF00>',
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(photo()),
          '--_004_AM9PR01_--',
        ].join('\r\n'),
      ),
    );

    await receiveEmail(record(), ctx.deps);

    const inbound = ctx.openCase.mock.calls[0]?.[0].inbound;
    expect(inbound?.subject).toBe('إنارة معطلة');
    expect(inbound?.text).toBe('عمود الإنارة أمام المنزل معطل منذ أسبوع');
    const [key] = inbound?.attachmentKeys ?? [];
    expect(key).toMatch(/^uploads\/cases\/mail-mid-[0-9a-f]{40}-0$/);
    expect(inbound?.attachmentNames).toEqual({ [key as string]: 'image001.jpg' });
  });

  it('Apple Mail: keeps Arabic RFC 2231 and RFC 2047 file names and the inline photo', async () => {
    const ctx = setup();
    const encoded = encodeURIComponent('صورة الحفرة.jpg');
    storeRaw(
      mime(
        [
          `From: =?utf-8?Q?Ahmed?= <${CITIZEN}>`,
          'To: nidaa@nidaa-dev.example.om',
          'Subject: Pothole photos',
          'Message-Id: <5E1F2A3B-4C5D-6E7F-8091-A2B3C4D5E6F7@example.om>',
          'X-Mailer: iPhone Mail (21F90)',
          'Content-Type: multipart/mixed; boundary="Apple-Mail-1A2B"',
        ],
        [
          '--Apple-Mail-1A2B',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          qp('Two photos of the pothole near the roundabout.'),
          '--Apple-Mail-1A2B',
          'Content-Type: image/jpeg; x-unix-mode=0644; name="IMG_0001.jpeg"',
          'Content-Disposition: inline; filename=IMG_0001.jpeg',
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(photo()),
          '--Apple-Mail-1A2B',
          `Content-Type: image/jpeg; name="=?utf-8?B?${b64('الشارع.jpg')}?="`,
          `Content-Disposition: attachment; filename*=utf-8''${encoded}`,
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(photo()),
          '--Apple-Mail-1A2B',
          `Content-Type: application/pdf; name="=?utf-8?B?${b64('../../تقرير\u202Efdp.exe')}?="`,
          'Content-Disposition: attachment',
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(aPdf()),
          '--Apple-Mail-1A2B--',
        ].join('\r\n'),
      ),
    );

    await receiveEmail(record(), ctx.deps);

    const inbound = ctx.openCase.mock.calls[0]?.[0].inbound;
    expect(Object.values(inbound?.attachmentNames ?? {})).toEqual([
      'IMG_0001.jpeg',
      'صورة الحفرة.jpg',
      'تقريرfdp.exe',
    ]);
    expect(inbound?.attachmentKeys).toHaveLength(3);
  });
});

describe('emailInbound: threading on the whole References chain (issue 11, defect 4)', () => {
  it('joins a reply that has only References (no In-Reply-To) to its case', async () => {
    const { ctx, existing } = await citizenReplies(
      [
        'Message-ID: <reply-refs-only@example.om>',
        `References: <citizen-first@example.om>\r\n ${OUR_MESSAGE_ID}`,
      ],
      'Still not fixed.',
    );

    const outcome = await receiveEmail(record(), ctx.deps);

    expect(outcome).toMatchObject({ result: { kind: 'follow_up', reference: existing.reference } });
  });

  it('joins a citizen’s reply to their own first message (an id only they and we know) to its case', async () => {
    // Arrange: the citizen's first message opened a case (its intake record names it).
    const ctx = setup();
    storeRaw(mime([`From: ${CITIZEN}`, 'Subject: Bins', 'Message-ID: <first@example.om>'], 'Bins overflow.'));
    await receiveEmail(record(), ctx.deps);
    const contact = await ctx.contacts.findByIdentity({ kind: 'email', value: CITIZEN });
    await ctx.cases.create(aCase({ reference: NEW_REFERENCE, contactId: contact?.contactId ?? '' }), []);
    storeRaw(
      mime(
        [
          `From: ${CITIZEN}`,
          'Subject: Re: Bins',
          'Message-ID: <second@example.om>',
          'References: <first@example.om>',
        ],
        'And now there are rats.',
      ),
    );

    const outcome = await receiveEmail(
      record((r) => {
        r.ses.mail.messageId = 'second0e2ic28trm7dfhrc2v0clambda4nbp0g1';
      }),
      ctx.deps,
    );

    expect(outcome).toMatchObject({ result: { kind: 'follow_up', reference: NEW_REFERENCE } });
  });

  it('does not let a stranger join a case by naming the citizen’s Message-ID', async () => {
    const ctx = setup();
    storeRaw(mime([`From: ${CITIZEN}`, 'Subject: Bins', 'Message-ID: <first@example.om>'], 'Bins overflow.'));
    await receiveEmail(record(), ctx.deps);
    storeRaw(
      mime(
        [
          'From: eve@example.org',
          'Subject: Re: Bins',
          'Message-ID: <eve@example.org>',
          'References: <first@example.om>',
        ],
        'Let me in.',
      ),
    );

    const outcome = await receiveEmail(
      record((r) => {
        r.ses.mail.messageId = 'eveeeee2ic28trm7dfhrc2v0clam';
      }),
      ctx.deps,
    );

    expect(outcome).toMatchObject({ result: { kind: 'new_case' } });
  });
});
