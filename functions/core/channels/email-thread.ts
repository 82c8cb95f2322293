/**
 * E-mail threading, without I/O (docs/decisions/0045): which Message-IDs a reply names, what our own
 * outbound mail carries so the citizen's client threads it, and the plus-address and subject tag that
 * name the case when a client drops the headers.
 *
 * SES replaces any Message-ID we set with its own, `<SES message id>@<region>.amazonses.com`, so our
 * outbound mail is recognised by that SES message id, which is recorded with every message we send.
 */
import { displayReference } from '../case/reference.ts';

/** The `<…>` ids in an In-Reply-To or References header, in order, without duplicates. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set(ids)];
}

/**
 * A Message-ID as RFC 5322 compares them (§3.6.4): `<id-left@id-right>`, comments and folding removed,
 * angle brackets added when a sender left them out, the domain part lower-cased (id-left is
 * case-sensitive and kept). Undefined when there is no usable id.
 */
export function normalizeMessageId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const unfolded = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const id = (/<([^<>\s]+)>/.exec(unfolded) ?? /^([^<>\s]+)$/.exec(unfolded))?.[1];
  if (!id || id.length > 995) return undefined;
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1) return undefined;
  return `<${id.slice(0, at)}@${id.slice(at + 1).toLowerCase()}>`;
}

/** The SES message id inside a Message-ID SES assigned (`<0100…@eu-west-1.amazonses.com>`), else undefined. */
export function sesIdOf(messageId: string): string | undefined {
  const match = /^<?([A-Za-z0-9-]{10,200})@([a-z0-9.-]+)>?$/.exec(messageId.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const domain = match[2].toLowerCase();
  return domain === 'amazonses.com' || domain.endsWith('.amazonses.com') ? match[1] : undefined;
}

/** The Message-ID SES gives a message it sent from `region` (us-east-1 uses the bare email subdomain). */
export function sesMessageIdHeader(sesMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `<${sesMessageId}@${host}>`;
}

/** SES takes header values of at most 995 characters: References keeps the root and the newest ids. */
const MAX_HEADER_VALUE = 995;

export type ThreadHeaders = { inReplyTo?: string; references?: string };

/**
 * In-Reply-To and References for the next message of a case's thread (oldest first): it answers the
 * newest message, and References lists the root and as many of the newest ids as fit (RFC 5322 §3.6.4).
 */
export function threadHeaders(thread: readonly string[]): ThreadHeaders {
  const last = thread.at(-1);
  if (!last) return {};
  const [root, ...rest] = thread;
  const kept: string[] = [];
  let length = (root ?? '').length;
  for (const id of [...rest].reverse()) {
    if (length + 1 + id.length > MAX_HEADER_VALUE) break;
    kept.unshift(id);
    length += 1 + id.length;
  }
  return { inReplyTo: last, references: [root, ...kept].join(' ') };
}

/** `nidaa+MCT-260000019@domain`: replies to it name the case even when the client drops every header. */
export function plusAddress(address: string, reference: string, prefix: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0];
  return `${local}+${displayReference(reference, prefix)}${address.slice(at)}`;
}

/**
 * The subject with the case's displayed reference, so a reply read on any client names the case: kept as
 * is when it already shows it (the templates do), else `[MCT-260000019]` is appended.
 */
export function subjectWithReference(subject: string, reference: string, prefix: string): string {
  const shown = displayReference(reference, prefix);
  return subject.includes(shown) ? subject : `${subject} [${shown}]`.trim();
}

/** A header we put on every e-mail we send: mail arriving with it is our own, come back (a loop). */
export const LOOP_HEADER = 'X-Nidaa-Loop';
