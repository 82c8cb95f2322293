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
import { aCase } from '../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
  InMemoryMailLog,
  InMemoryOutboundLedger,
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
  const intake: IntakeDeps = {
    inbound,
    contacts,
    cases,
    clock,
    openCase,
    onCitizenMessage: (_c, message) => cases.appendEvents([message]),
    answer: answerByEmail({ messenger, config: CONFIG, catalogue: SEED_CATALOGUE }),
  };
  const deps: EmailInboundDeps = {
    intake,
    rawMail: new S3RawMailStore(new S3Client({ region: 'eu-west-1' }), BUCKET, PREFIX),
    messenger,
    outbound,
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
