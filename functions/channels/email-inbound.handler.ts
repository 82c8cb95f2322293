import middy from '@middy/core';
import type { Context, SESEvent } from 'aws-lambda';
import PostalMime, { type Address, type Email } from 'postal-mime';
import * as z from 'zod/mini';
import { type RawMailReader, S3RawMailStore } from '#adapters/mail/raw-mail-store.ts';
import type { Catalogue } from '#core/catalogue/types.ts';
import {
  addressOf,
  answerSubject,
  decideMail,
  MAX_RAW_MAIL_BYTES,
  type MailSettings,
  type ParsedMail,
  receiptProblem,
  type Screened,
  screenMail,
  tooLargeReply,
} from '#core/channels/email-message.ts';
import { type IntakeDeps, type IntakeResult, receiveInbound } from '#core/intake/receive-inbound.ts';
import { renderAnswer } from '#core/notify/answers.ts';
import type { Clock, Messenger, OutboundLedger } from '#core/ports.ts';
import { container, once, requireEnv } from '#shared/container.ts';
import { intakeDeps } from '#shared/intake.ts';
import { messenger } from '#shared/messaging.ts';
import { logger } from '#shared/powertools.ts';
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { parseInput } from '#shared/validation.ts';

/**
 * The record SES's Lambda action delivers (Event invocation). It carries the headers and SES's verdicts
 * but never the body: the S3 action before it stored the raw message under objectKeyPrefix + messageId.
 */
const verdict = z.optional(z.object({ status: z.string() }));
const sesRecord = z.object({
  eventSource: z.literal('aws:ses'),
  ses: z.object({
    mail: z.object({
      // SES ids are letters, digits and dashes; anything else must not reach an S3 key.
      messageId: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9-]+$/)),
      timestamp: z.string(),
      source: z.string(),
      headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
      commonHeaders: z.object({
        from: z.optional(z.array(z.string())),
        subject: z.optional(z.string()),
      }),
    }),
    receipt: z.object({
      recipients: z.array(z.string()),
      spamVerdict: verdict,
      virusVerdict: verdict,
      dmarcVerdict: verdict,
      dmarcPolicy: z.optional(z.string()),
    }),
  }),
});
type SesRecord = z.infer<typeof sesRecord>;

export type EmailInboundDeps = {
  intake: IntakeDeps;
  rawMail: RawMailReader;
  messenger: Messenger;
  outbound: OutboundLedger;
  clock: Clock;
  config: Pick<RuntimeConfig, 'municipality' | 'referencePrefix' | 'email'>;
};

/** What became of one received e-mail. */
export type EmailOutcome =
  | Screened
  | { kind: 'dropped'; reason: string }
  | { kind: 'too_large'; bytes: number; replied: boolean }
  | { kind: 'intake'; result: IntakeResult };

const settingsOf = (config: EmailInboundDeps['config']): MailSettings => ({
  ourAddress: config.email.from,
  ourDomain: config.email.domain,
  referencePrefix: config.referencePrefix,
});

/** Intake's status/help answers, by e-mail to the sender, with a subject of their own. */
export function answerByEmail(deps: {
  messenger: Messenger;
  config: Pick<RuntimeConfig, 'municipality' | 'referencePrefix'>;
  catalogue: Pick<Catalogue, 'departments'>;
}): IntakeDeps['answer'] {
  return async (question, answer, language) => {
    const { municipality, referencePrefix } = deps.config;
    const rendered = renderAnswer(
      answer,
      { municipality, referencePrefix, catalogue: deps.catalogue },
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
    await deps.messenger.send(
      { channel: 'email', to: question.from.value },
      { subject, text: rendered.text },
      reference ? { reference } : {},
    );
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

/** postal-mime's result (and SES's envelope data) as the domain's ParsedMail. */
export function toParsedMail(email: Email, raw: Uint8Array, ses: SesRecord['ses']): ParsedMail {
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
  const ledgerId = `email-too-large-${ses.mail.messageId}`;
  if ((await deps.outbound.begin(ledgerId, deps.clock.now())) === 'already_sent') {
    return { kind: 'too_large', bytes, replied: false };
  }
  const sent = await deps.messenger.send(
    { channel: 'email', to: from },
    tooLargeReply(deps.config.municipality),
    {},
  );
  await deps.outbound.sent(ledgerId, sent.messageId);
  return { kind: 'too_large', bytes, replied: true };
}

/**
 * One received e-mail: SES's verdicts, the raw message from S3 (size-guarded), MIME parsing, machine-mail
 * screening, then the one intake every channel shares (idempotent on the SES message id).
 */
export async function receiveEmail(record: unknown, deps: EmailInboundDeps): Promise<EmailOutcome> {
  const { ses } = parseInput(sesRecord, record);
  const problem = receiptProblem(ses.receipt);
  if (problem) return { kind: 'dropped', reason: problem };

  const stored = await deps.rawMail.read(ses.mail.messageId, MAX_RAW_MAIL_BYTES);
  if (stored.kind === 'too_large') return answerTooLarge(ses, stored.bytes, deps);

  const email = await PostalMime.parse(stored.raw);
  const decision = decideMail(toParsedMail(email, stored.raw, ses), settingsOf(deps.config));
  if (decision.kind !== 'inbound') return decision;
  return { kind: 'intake', result: await receiveInbound(decision.inbound, deps.intake) };
}

/** The raw-mail bucket and the S3 action's key prefix, set by the MailReceiving construct. */
const rawMailStore = once(() =>
  S3RawMailStore.create(requireEnv('RAW_MAIL_BUCKET'), process.env.RAW_MAIL_PREFIX ?? ''),
);

export const handler = middy<SESEvent, void, Error, Context>().handler(async (event) => {
  const c = container();
  const send = { messenger: messenger(), config: c.config, catalogue: c.catalogue };
  const deps: EmailInboundDeps = {
    ...send,
    intake: intakeDeps(answerByEmail(send)),
    rawMail: rawMailStore(),
    outbound: c.outbound,
    clock: c.clock,
  };
  for (const record of event.Records) {
    const outcome = await receiveEmail(record, deps);
    // No addresses or subjects in logs: the SES message id finds the raw copy when one is needed.
    const messageId = record.ses?.mail?.messageId;
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
