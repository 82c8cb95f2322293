import { createHash } from 'node:crypto';
import middy from '@middy/core';
import type { Context, SESEvent, SNSEvent } from 'aws-lambda';
import PostalMime, { type Address, type Email } from 'postal-mime';
import * as z from 'zod/mini';
import { type RawMailReader, S3RawMailStore } from '#adapters/mail/raw-mail-store.ts';
import { mailReceivingRegion } from '#adapters/resource-regions.ts';
import type { Catalogue } from '#core/catalogue/types.ts';
import { bouncedMessageIds, type DeliveryDeps, recordDelivery } from '#core/channels/delivery.ts';
import {
  addressOf,
  answerSubject,
  decideMail,
  MAX_RAW_MAIL_BYTES,
  type MailSettings,
  mailIdentity,
  type ParsedMail,
  receiptProblem,
  type Screened,
  screenMail,
  tooLargeReply,
} from '#core/channels/email-message.ts';
import { messageIdsIn, normalizeMessageId, sesIdOf } from '#core/channels/email-thread.ts';
import { faxSender, faxSenderNumber, isFaxGateway } from '#core/channels/fax.ts';
import { acceptMailParts } from '#core/channels/mail-attachments.ts';
import { replyMessageId } from '#core/channels/sms-service.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { type IntakeDeps, type IntakeResult, receiveInbound } from '#core/intake/receive-inbound.ts';
import { renderAnswer } from '#core/notify/answers.ts';
import { deliver, type SendingDeps } from '#core/notify/deliver.ts';
import type { Clock, InboundOutcome, InboundStore, MailLog } from '#core/ports.ts';
import { attachmentStore } from '#shared/attachments.ts';
import { container, once } from '#shared/container.ts';
import { ENV, readEnv, requireEnv } from '#shared/env.ts';
import { intakeDeps } from '#shared/intake.ts';
import { sendingDeps } from '#shared/messaging.ts';
import { logger } from '#shared/powertools.ts';
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { trackingLinks } from '#shared/tracking.ts';
import { parseInput } from '#shared/validation.ts';

/**
 * What SES tells about a received message: the headers and SES's verdicts, never the body (the S3 action
 * stored the raw message under objectKeyPrefix + messageId). It arrives either as the record of the
 * receipt rule's Lambda action, or — when SES receives in another region than the case data — as the S3
 * action's notification on an SNS topic, which carries the same `mail` and `receipt` (docs/decisions/0046).
 */
const verdict = z.optional(z.object({ status: z.string() }));
const sesReceipt = z.object({
  mail: z.object({
    // SES ids are letters, digits and dashes; anything else must not reach an S3 key.
    messageId: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9-]+$/)),
    timestamp: z.string(),
    source: z.string(),
    headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
    commonHeaders: z.object({
      from: z.optional(z.array(z.string())),
      subject: z.optional(z.string()),
      messageId: z.optional(z.string()),
    }),
  }),
  receipt: z.object({
    recipients: z.array(z.string()),
    spamVerdict: verdict,
    virusVerdict: verdict,
    dmarcVerdict: verdict,
    dmarcPolicy: z.optional(z.string()),
  }),
});
const lambdaActionRecord = z.object({ eventSource: z.literal('aws:ses'), ses: sesReceipt });
const snsRecord = z.object({ EventSource: z.literal('aws:sns'), Sns: z.object({ Message: z.string() }) });
const s3ActionNotification = z.extend(sesReceipt, { notificationType: z.literal('Received') });
type SesRecord = { ses: z.infer<typeof sesReceipt> };

/** The SES data of either delivery path; anything else is refused with a bilingual ValidationError. */
function sesOf(record: unknown): SesRecord['ses'] {
  if (!(record && typeof record === 'object' && 'Sns' in record)) {
    return parseInput(lambdaActionRecord, record).ses;
  }
  const { Sns } = parseInput(snsRecord, record);
  let message: unknown;
  try {
    message = JSON.parse(Sns.Message);
  } catch {
    message = undefined;
  }
  const { mail, receipt } = parseInput(s3ActionNotification, message);
  return { mail, receipt };
}

export type EmailInboundDeps = {
  intake: IntakeDeps;
  rawMail: RawMailReader;
  /** The one outbound path's dependencies (functions/core/notify/deliver.ts). */
  send: SendingDeps;
  clock: Clock;
  config: Pick<RuntimeConfig, 'municipality' | 'referencePrefix' | 'email' | 'fax'>;
  /** Threads (our sent mail by SES id), delivery status and suppression for DSNs. */
  delivery: DeliveryDeps;
  /** Where accepted attachments go: the attachments bucket (docs/decisions/0013). */
  files: { put(key: string, bytes: Uint8Array, contentType: string): Promise<void> };
};

/** What became of one received e-mail. */
export type EmailOutcome =
  | Screened
  | { kind: 'bounce'; reason: string; marked: string[] }
  | { kind: 'dropped'; reason: string }
  | { kind: 'too_large'; bytes: number; replied: boolean }
  | { kind: 'intake'; result: IntakeResult };

const settingsOf = (config: EmailInboundDeps['config']): MailSettings => ({
  ourAddress: config.email.from,
  ourDomain: config.email.domain,
  referencePrefix: config.referencePrefix,
});

/**
 * Intake's status/help answers, by e-mail to the sender, with a subject of their own, in their thread;
 * once per received message, never to a suppressed address.
 */
export function answerByEmail(deps: {
  send: SendingDeps;
  config: Pick<RuntimeConfig, 'municipality' | 'referencePrefix'>;
  catalogue: Pick<Catalogue, 'departments'>;
  /** The case's tracking link, for answers to the case's own citizen (docs/decisions/0085). */
  trackingLinkFor?(reference: string): string | undefined;
}): IntakeDeps['answer'] {
  return async (question, answer, language) => {
    const { municipality, referencePrefix } = deps.config;
    const rendered = renderAnswer(
      answer,
      {
        municipality,
        referencePrefix,
        catalogue: deps.catalogue,
        ...(deps.trackingLinkFor ? { trackingLinkFor: deps.trackingLinkFor } : {}),
      },
      language,
      'email',
    );
    const reference = answer.kind === 'status' ? answer.case.reference : undefined;
    const subject =
      rendered.subject ??
      answerSubject(
        answer.kind,
        municipality,
        language,
        reference ? { reference, prefix: referencePrefix } : undefined,
      );
    const sent = await deliver(
      {
        messageId: replyMessageId(question),
        to: { channel: 'email', to: question.from.value },
        message: { subject, text: rendered.text },
        options: {
          ...(reference ? { reference } : {}),
          automatic: true,
          ...(question.threadId ? { inReplyTo: question.threadId, references: question.threadId } : {}),
        },
      },
      deps.send,
    );
    // Thrown, so SES's retry (or the DLQ) tries again; the ledger lets the retry through.
    if (sent.status === 'failed') throw sent.error;
  };
}

const mailboxes = (addresses: Address[] | undefined): string[] =>
  (addresses ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address]));

/**
 * Whether the message has a text/plain part of its own. postal-mime fills `text` from the HTML when there
 * is none; an HTML-only mail is converted by the domain's own, stricter htmlToText instead.
 */
function hasPlainPart(rootType: string, raw: Uint8Array): boolean {
  if (rootType === '' || rootType.startsWith('text/plain')) return true;
  if (!rootType.startsWith('multipart/')) return false;
  return /^content-type:[ \t]*text\/plain/im.test(new TextDecoder('latin1').decode(raw));
}

/** Headers by lower-case name, the first occurrence winning (as mail clients read them). */
function firstHeaders(list: readonly { name: string; value: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list) {
    const name = h.name.toLowerCase();
    if (!Object.hasOwn(headers, name)) headers[name] = h.value;
  }
  return headers;
}

/**
 * The id intake de-duplicates a received e-mail on (docs/decisions/0081): a hash of its sender and
 * Message-ID, so the same message delivered again (an MTA's retry, a client resending) is one case; the
 * SES id when the message has no Message-ID. Short and key-safe whatever the headers hold.
 */
export function intakeIdOf(from: string, messageIdHeader: string | undefined, sesMessageId: string): string {
  const identity = mailIdentity(from, messageIdHeader);
  if (!identity) return sesMessageId;
  return `mid-${createHash('sha256').update(identity).digest('hex').slice(0, 40)}`;
}

/** postal-mime's result (and SES's envelope data) as the domain's ParsedMail. */
export function toParsedMail(email: Email, raw: Uint8Array, ses: SesRecord['ses']): ParsedMail {
  const messageIdHeader = normalizeMessageId(email.messageId);
  const headers = firstHeaders(email.headers.map((h) => ({ name: h.key, value: h.value })));
  const from = email.from?.group ? email.from.group[0]?.address : email.from?.address;
  const rootType = (headers['content-type'] ?? '').trim().toLowerCase();
  const timestamp = new Date(ses.mail.timestamp);
  return {
    messageId: ses.mail.messageId,
    receivedAt: Number.isNaN(timestamp.getTime()) ? new Date().toISOString() : timestamp.toISOString(),
    from: from ?? '',
    envelopeFrom: ses.mail.source,
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    recipients: ses.receipt.recipients,
    subject: email.subject ?? '',
    ...(email.text !== undefined && hasPlainPart(rootType, raw) ? { text: email.text } : {}),
    ...(email.html !== undefined ? { html: email.html } : {}),
    headers,
    ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
    ...(email.references ? { references: email.references } : {}),
    ...(messageIdHeader ? { messageIdHeader } : {}),
    intakeId: intakeIdOf(from ?? '', messageIdHeader, ses.mail.messageId),
  };
}

/**
 * A message too large to take in opens no case; unless it is machine mail (judged on the headers SES
 * sent), the sender gets one polite bilingual reply, once per message however often SES retries.
 */
async function answerTooLarge(
  ses: SesRecord['ses'],
  bytes: number,
  deps: EmailInboundDeps,
): Promise<EmailOutcome> {
  const headers = firstHeaders(ses.mail.headers ?? []);
  const from = addressOf(ses.mail.commonHeaders.from?.[0]);
  const screened = screenMail(
    { from, envelopeFrom: ses.mail.source, subject: ses.mail.commonHeaders.subject ?? '', headers },
    settingsOf(deps.config),
  );
  if (screened) return screened;
  const messageIdHeader = ses.mail.commonHeaders.messageId ?? headers['message-id'];
  const sent = await deliver(
    {
      messageId: `email-too-large-${intakeIdOf(from, messageIdHeader, ses.mail.messageId)}`,
      to: { channel: 'email', to: from },
      message: tooLargeReply(deps.config.municipality),
      options: { automatic: true },
    },
    deps.send,
  );
  if (sent.status === 'failed') throw sent.error;
  return { kind: 'too_large', bytes, replied: sent.status === 'sent' };
}

/**
 * One received e-mail: SES's verdicts, the raw message from S3 (size-guarded), MIME parsing, our own mail
 * coming back, bounces (marked on the message that bounced), faxes from the gateway, machine-mail
 * screening, the case the thread names, attachments, then the one intake every channel shares
 * (idempotent on the SES message id).
 */
export async function receiveEmail(record: unknown, deps: EmailInboundDeps): Promise<EmailOutcome> {
  const ses = sesOf(record);
  const problem = receiptProblem(ses.receipt);
  if (problem) return { kind: 'dropped', reason: problem };

  const stored = await deps.rawMail.read(ses.mail.messageId, MAX_RAW_MAIL_BYTES);
  if (stored.kind === 'too_large') return answerTooLarge(ses, stored.bytes, deps);

  const email = await PostalMime.parse(stored.raw);
  const mail = toParsedMail(email, stored.raw, ses);
  const settings = settingsOf(deps.config);
  const ownId = mail.messageIdHeader ? sesIdOf(mail.messageIdHeader) : undefined;
  if (ownId && (await deps.delivery.mailLog.findSent(ownId))) {
    return { kind: 'loop', reason: 'our own Message-ID' };
  }
  const fax = isFaxGateway(addressOf(mail.from), deps.config.fax);
  const screened = fax ? undefined : screenMail(mail, settings);
  if (screened?.kind === 'bounce') return markBounce(screened, stored.raw, mail, deps);
  if (screened) return screened;

  const parts = email.attachments.map((a) => ({
    ...(a.filename ? { filename: a.filename } : {}),
    mimeType: a.mimeType,
    inline: a.disposition === 'inline' || Boolean(a.related),
    content: toBytes(a.content),
  }));
  // Keys from the intake id: a redelivered message writes the same files, not a second set.
  const files = acceptMailParts(parts, mail.intakeId ?? ses.mail.messageId);
  if (fax && !files.accepted.some((f) => f.type === 'application/pdf' || f.type === 'image/tiff')) {
    return { kind: 'auto_reply', reason: 'fax gateway notice without a document' };
  }
  const threadReference = await referenceInThread(mail, deps.delivery.mailLog, deps.intake.inbound);
  const decision = decideMail(mail, settings, {
    ...(threadReference ? { threadReference } : {}),
    fromFaxGateway: fax,
  });
  if (decision.kind !== 'inbound') return decision;
  for (const file of files.accepted) await deps.files.put(file.key, file.bytes, file.type);
  if (files.skipped.length > 0)
    // Names and reasons only: a citizen's files never go into the logs.
    logger.info('attachments skipped', { messageId: ses.mail.messageId, skipped: files.skipped });

  const inbound: Inbound = {
    ...decision.inbound,
    ...(files.accepted.length > 0 ? { attachmentKeys: files.accepted.map((f) => f.key) } : {}),
    ...(files.accepted.some((f) => f.filename)
      ? {
          attachmentNames: Object.fromEntries(
            files.accepted.flatMap((f) => (f.filename ? [[f.key, f.filename]] : [])),
          ),
        }
      : {}),
    ...(fax
      ? {
          channel: 'fax',
          from: faxSender(
            faxSenderNumber({
              subject: mail.subject,
              from: addressOf(mail.from),
              text: decision.inbound.text,
            }),
            ses.mail.messageId,
          ),
          // Arabic first: the gateway's cover text says nothing of the language the fax is written in.
          language: 'ar',
          intent: 'message',
        }
      : {}),
  };
  const result = await receiveInbound(inbound, deps.intake);
  // A citizen's reply joins the case's thread, so the next answer replies to it.
  if (result.kind === 'follow_up' && inbound.threadId && inbound.channel === 'email') {
    await deps.delivery.mailLog.addToThread(result.reference, inbound.threadId);
  }
  return { kind: 'intake', result };
}

const toBytes = (content: ArrayBuffer | Uint8Array | string): Uint8Array =>
  typeof content === 'string'
    ? new TextEncoder().encode(content)
    : content instanceof Uint8Array
      ? content
      : new Uint8Array(content);

/**
 * The case a reply belongs to, from the whole chain it names (RFC 5322 §3.6.4): In-Reply-To first, then
 * References from the newest (its last id, the parent) to the root. Each id is one of our own messages
 * (by its SES id) or one the same sender wrote us before (their earlier message's intake record, keyed on
 * sender and Message-ID, names its case): a reply with only References, or one to the citizen's own
 * earlier mail, still joins its case. Intake accepts it only for the sender's own case (0045).
 */
async function referenceInThread(
  mail: ParsedMail,
  log: MailLog,
  inbound: Pick<InboundStore, 'get'>,
): Promise<string | undefined> {
  const ids = [
    ...new Set([...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()]),
  ].slice(0, MAX_THREAD_IDS);
  for (const id of ids) {
    const sesId = sesIdOf(id);
    const sent = sesId ? await log.findSent(sesId) : undefined;
    if (sent) return sent.reference;
    if (sesId) continue;
    const earlier = await inbound.get('email', intakeIdOf(mail.from, id, ''));
    const reference = earlier && outcomeReference(earlier.outcome);
    if (reference) return reference;
  }
  return undefined;
}

/** A References header can be long; the newest ids are the ones worth a lookup each. */
const MAX_THREAD_IDS = 20;

const outcomeReference = (outcome: InboundOutcome) =>
  outcome.kind === 'new_case' || outcome.kind === 'follow_up' || outcome.kind === 'answered'
    ? outcome.reference
    : undefined;

/**
 * A bounce that reached our inbound address (a DSN for a message of ours): the message it returns is
 * marked bounced on its case's timeline and the address is suppressed. Opens no case.
 */
async function markBounce(
  screened: Screened,
  raw: Uint8Array,
  mail: ParsedMail,
  deps: EmailInboundDeps,
): Promise<EmailOutcome> {
  const report = new TextDecoder('latin1').decode(raw);
  const marked: string[] = [];
  for (const sesMessageId of bouncedMessageIds(report, sesIdOf)) {
    const sent = await deps.delivery.mailLog.findSent(sesMessageId);
    if (!sent) continue;
    const permanent = /^status:\s*5\./im.test(report) || !/^status:\s*4\./im.test(report);
    const reference = await recordDelivery(
      {
        sesMessageId,
        status: permanent ? 'bounced' : 'soft_bounced',
        at: mail.receivedAt,
        recipients: [sent.to],
        detail: /^diagnostic-code:\s*(.+)$/im.exec(report)?.[1]?.trim().slice(0, 300) ?? screened.reason,
        source: 'dsn',
      },
      deps.delivery,
    );
    if (reference) marked.push(reference);
  }
  return { kind: 'bounce', reason: screened.reason, marked };
}

/** The raw-mail bucket, its region and the S3 action's key prefix, set by the ReceivedMail construct. */
const rawMailStore = once(() =>
  S3RawMailStore.create(
    requireEnv(ENV.rawMailBucket),
    readEnv(ENV.rawMailPrefix) ?? '',
    mailReceivingRegion(),
  ),
);

export const handler = middy<SESEvent | SNSEvent, void, Error, Context>().handler(async (event) => {
  const c = container();
  const send = sendingDeps();
  const tracking = await trackingLinks();
  const deps: EmailInboundDeps = {
    send,
    config: c.config,
    intake: intakeDeps(
      answerByEmail({
        send,
        config: c.config,
        catalogue: c.catalogue,
        ...(tracking ? { trackingLinkFor: tracking.linkFor } : {}),
      }),
    ),
    rawMail: rawMailStore(),
    clock: c.clock,
    delivery: { mailLog: c.mailLog, cases: c.cases, suppressions: c.suppressions },
    files: attachmentStore(),
  };
  for (const record of event.Records) {
    const outcome = await receiveEmail(record, deps);
    // No addresses or subjects in logs: the SES message id finds the raw copy when one is needed.
    const messageId = 'ses' in record ? record.ses?.mail?.messageId : record.Sns?.MessageId;
    if (outcome.kind === 'intake') {
      logger.info('inbound email', {
        messageId,
        kind: outcome.result.kind,
        duplicate: outcome.result.duplicate,
      });
    } else {
      logger.info('inbound email opened no case', { messageId, ...outcome });
    }
  }
});
