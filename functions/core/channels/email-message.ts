/**
 * Inbound e-mail, decided without I/O: the adapter parses the MIME message and hands over a ParsedMail;
 * this module says whether it is machine mail that must never open a case (auto-reply, mail loop,
 * bounce) or a citizen's message, and then builds the Inbound for intake: plain text only, the case
 * reference the mail names (plus-address or subject), quoted history removed from follow-ups.
 */
import type { Language } from '../case/case.ts';
import { displayReference, parseReference } from '../case/reference.ts';
import type { Bilingual } from '../errors.ts';
import type { Inbound } from '../intake/inbound.ts';
import type { Rendered } from '../notify/templates.ts';
import { detectLanguage, normalizeArabic } from '../text/arabic.ts';
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';
import { LOOP_HEADER, normalizeMessageId } from './email-thread.ts';
import { parseSmsCommand } from './sms-command.ts';

/** One received e-mail as the adapter parsed it (addresses bare, without display names). */
export type ParsedMail = {
  /** SES's id for the message: intake's external id and the raw copy's S3 key. */
  messageId: string;
  receivedAt: string;
  /** The From address; empty when the header is missing or is the null sender `<>`. */
  from: string;
  /** The SMTP envelope sender (SES `mail.source`, Return-Path); empty for the null sender of DSNs. */
  envelopeFrom?: string;
  to: string[];
  cc?: string[];
  /** Envelope recipients (SES `receipt.recipients`): also catches Bcc'd plus-addresses. */
  recipients?: string[];
  subject: string;
  /** The text/plain body, if the message had one. */
  text?: string;
  html?: string;
  /** Top-level headers by lower-case name (the first occurrence of repeated ones). */
  headers: Readonly<Record<string, string>>;
  inReplyTo?: string;
  references?: string;
  /** The message's own Message-ID header, normalized (`<…@…>`, email-thread.ts): our answers reply to it. */
  messageIdHeader?: string;
  /**
   * What intake is idempotent on (docs/decisions/0081): derived from the sender and the Message-ID, which
   * an MTA's retry or a client's resend keeps while SES gives every receipt a new id. Defaults to messageId.
   */
  intakeId?: string;
};

/**
 * The identity of a received e-mail for de-duplication: its sender's address and its normalized
 * Message-ID, or undefined when it has no Message-ID (then only SES's id can tell one receipt from the
 * next). The adapter hashes it into `ParsedMail.intakeId`.
 */
export function mailIdentity(from: string, messageIdHeader: string | undefined): string | undefined {
  const id = normalizeMessageId(messageIdHeader);
  return id ? `${addressOf(from)} ${id}` : undefined;
}

export type MailSettings = {
  /** Our sending address (config.email.from): mail from it is our own, coming back. */
  ourAddress: string;
  /** Our mail domain (config.email.domain): plus-addresses on it name a case. */
  ourDomain: string;
  referencePrefix: string;
};

/** Machine mail that must not open a case; the raw copy stays in S3 for anyone who needs it. */
export type Screened = { kind: 'auto_reply' | 'loop' | 'bounce'; reason: string };

export type MailDecision = Screened | { kind: 'inbound'; inbound: Inbound };

/** inboundSchema (functions/shared/schemas.ts) caps a message's text; longer mail is cut, the raw copy stays. */
export const MAX_TEXT_LENGTH = 5000;
const MAX_SUBJECT_LENGTH = 300;
/** Raw mail above this size opens no case; the sender is asked to send it again smaller. */
export const MAX_RAW_MAIL_BYTES = 10 * 1024 * 1024;

const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The bare, lower-cased address in `Name <a@b>` or `a@b`; '' when there is none (e.g. `<>`). */
export function addressOf(value: string | undefined): string {
  if (!value) return '';
  const angled = /<([^<>]*)>/.exec(value);
  const address = (angled ? (angled[1] ?? '') : value).trim().toLowerCase();
  return isDeliverableAddress(address) && EMAIL_ADDRESS.test(address) ? address : '';
}

/** RFC 5321 §4.5.3.1: a local part of at most 64 octets, a path of at most 256 (254 without the brackets). */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * Whether an address fits SMTP's limits: longer ones cannot be answered (and would not fit a DynamoDB key),
 * so mail from them is screened as an unusable sender instead of failing intake (issue 11, defect 8).
 */
export function isDeliverableAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return (
    at > 0 && octets(address) <= MAX_EMAIL_LENGTH && octets(address.slice(0, at)) <= MAX_LOCAL_PART_LENGTH
  );
}

const utf8 = new TextEncoder();
const octets = (text: string) => utf8.encode(text).length;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const localPartOf = (address: string) => address.slice(0, address.lastIndexOf('@'));

const isOurDomain = (domain: string, ours: string) => domain === ours || domain.endsWith(`.${ours}`);

/** RFC 3834 and the de-facto headers of vacation responders, list servers and Exchange. */
function autoReplyHeader(headers: ParsedMail['headers']) {
  const autoSubmitted = headers['auto-submitted']?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-autoreply-from']) {
    if (headers[name] !== undefined) return `${name} header`;
  }
  // Mailing-list traffic (RFC 2919) is never one citizen writing to us.
  if (headers['list-id'] !== undefined) return 'List-Id header';
  const precedence = headers.precedence?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') {
    return `Precedence: ${precedence}`;
  }
  if (headers['x-auto-response-suppress']?.trim()) return 'X-Auto-Response-Suppress header';
  return undefined;
}

/**
 * Subjects of vacation replies in Arabic and English, matched on normalizeArabic's folding (so "رد تلقائي"
 * and "رد تلقائى" both read "رد تلقايي"): Outlook, Gmail and Exchange in both languages.
 */
const AUTO_REPLY_SUBJECT =
  /^(?:automatic reply|auto[- ]?reply|auto[- ]?response|autoresponse|out of (?:the )?office|ooo\b|(?:ال)?رد (?:ال)?تلقايي|(?:ال)?رد (?:ال)?الي|خارج المكتب)/;

/**
 * Tells machine mail from a citizen's: a bounce (from MAILER-DAEMON/postmaster, or a multipart/report
 * delivery status), a loop (our own address or domain), or an auto-reply (RFC 3834 headers, bulk/list
 * precedence, a null sender, a vacation subject). Undefined means a person wrote it. Needs headers only,
 * so it also screens mail too large to download.
 */
export function screenMail(
  mail: Pick<ParsedMail, 'from' | 'envelopeFrom' | 'subject' | 'headers'>,
  settings: MailSettings,
): Screened | undefined {
  const from = addressOf(mail.from);
  const headers = mail.headers;
  if (from && /^(mailer-daemon|postmaster)$/i.test(localPartOf(from))) {
    return { kind: 'bounce', reason: `from ${localPartOf(from)}` };
  }
  const contentType = headers['content-type'] ?? '';
  if (/^\s*multipart\/report\b/i.test(contentType)) {
    const reportType = /report-type\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'unknown';
    // A read receipt (MDN) is automatic but no delivery failure.
    if (reportType === 'disposition-notification') return { kind: 'auto_reply', reason: 'read receipt' };
    return { kind: 'bounce', reason: `multipart/report; report-type=${reportType}` };
  }
  if (headers['x-failed-recipients'] !== undefined) return { kind: 'bounce', reason: 'X-Failed-Recipients' };

  // The header every mail we send carries (email-thread.ts): a forwarder or gateway may change From.
  if (headers[LOOP_HEADER.toLowerCase()] !== undefined)
    return { kind: 'loop', reason: `${LOOP_HEADER} header` };
  const ourAddress = addressOf(settings.ourAddress);
  const ourDomain = settings.ourDomain.toLowerCase();
  if (from && (from === ourAddress || isOurDomain(domainOf(from), ourDomain))) {
    return { kind: 'loop', reason: 'sent from our own domain' };
  }

  if (!from) return { kind: 'auto_reply', reason: 'null or unusable sender' };
  const envelope = mail.envelopeFrom?.trim();
  if (envelope !== undefined && (envelope === '' || envelope === '<>')) {
    return { kind: 'auto_reply', reason: 'null envelope sender' };
  }
  const header = autoReplyHeader(headers);
  if (header) return { kind: 'auto_reply', reason: header };
  if (AUTO_REPLY_SUBJECT.test(normalizeArabic(mail.subject))) {
    return { kind: 'auto_reply', reason: 'out-of-office subject' };
  }
  return undefined;
}

/** Reply/forward markers mail clients put before a subject, in English and Arabic. */
const SUBJECT_MARKERS =
  /^\s*(?:(?:re|fw|fwd|aw|tr|رد|إعادة توجيه|اعادة توجيه|توجيه)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;

/** The subject without "Re:"/"Fwd:"/"رد:" markers, whitespace collapsed. */
export function baseSubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').replace(SUBJECT_MARKERS, '').trim();
}

/**
 * The first valid case reference in a subject: `MCT-260000019`, `[MCT#260000019]`, `[260000019]`, or bare
 * digits, also Arabic-Indic (`٢٦٠٠٠٠٠١٩`). Damm's check digit rejects almost every other number; a
 * number glued to someone else's prefix (`INV-…`) is not ours.
 */
export function referenceInSubject(subject: string, prefix: string): string | undefined {
  const text = toLatinDigits(stripBidiMarks(subject.normalize('NFKC')));
  const ours = prefix.toUpperCase();
  for (const match of text.matchAll(/(?<!\d)\d{9,12}(?!\d)/g)) {
    const before = text.slice(0, match.index);
    const glued = /([A-Za-z]+)[-#:]?$/.exec(before)?.[1];
    if (glued && glued.toUpperCase() !== ours) continue;
    const spaced = /([A-Za-z]+)\s*[-#:]\s*$/.exec(before)?.[1];
    if (!glued && spaced && spaced.toUpperCase() !== ours && /^[A-Z]{2,5}$/.test(spaced)) continue;
    const parsed = parseReference(match[0], [prefix]);
    if (parsed.ok) return parsed.reference;
  }
  return undefined;
}

/** `<local>+<reference>@<our domain>` (also `+MCT-…` and `+case-…`) among the recipients. */
export function referenceInRecipients(addresses: readonly string[], settings: MailSettings) {
  const ourDomain = settings.ourDomain.toLowerCase();
  for (const value of addresses) {
    const address = addressOf(value);
    if (!address || domainOf(address) !== ourDomain) continue;
    const local = localPartOf(address);
    const plus = local.indexOf('+');
    if (plus < 0) continue;
    const parsed = parseReference(local.slice(plus + 1), [settings.referencePrefix, 'case']);
    if (parsed.ok) return parsed.reference;
  }
  return undefined;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  deg: '°',
  times: '×',
  divide: '÷',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Elements whose content is never text a person wrote. */
const INVISIBLE = /<(script|style|head|title|noscript|template|svg|object|iframe|xml)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAGS =
  /<\/?(?:p|div|h[1-6]|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|blockquote|section|article|header|footer|pre|hr|address|center)\b[^>]*>/gi;

/**
 * HTML to readable plain text: scripts, styles and comments dropped with their content, block elements
 * and `<br>` become line breaks, list items `- `, every other tag is removed, entities decoded. The
 * result is text, never markup (anything that looked like a tag is gone; `&lt;` decodes to a literal).
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(INVISIBLE, '')
    .replace(/<(script|style)\b[\s\S]*$/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<\/?(?:td|th)\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-zA-Z!?/][^>]*>/g, '')
    .replace(/\r\n?/g, '\n');
  return tidy(decodeEntities(text).replace(/\u00a0/g, ' '));
}

/** Collapses spaces within lines and runs of blank lines; trims. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Removes `<blockquote>` elements, nested ones included: the quoted history of a reply in HTML. */
export function removeBlockquotes(html: string): string {
  const tag = /<(\/?)blockquote\b[^>]*>/gi;
  let depth = 0;
  let kept = '';
  let from = 0;
  for (const match of html.matchAll(tag)) {
    const closing = match[1] === '/';
    if (!closing) {
      if (depth === 0) kept += html.slice(from, match.index);
      depth += 1;
    } else if (depth > 0) {
      depth -= 1;
      if (depth === 0) from = match.index + match[0].length;
    }
  }
  return depth > 0 ? kept : kept + html.slice(from);
}

/** Attribution lines and separators that start the quoted part of a reply, in Arabic and English. */
const QUOTE_STARTS: readonly RegExp[] = [
  /^on\b.{0,300}\bwrote:$/i,
  // Attributions end with a colon; an ordinary sentence starting "في …" and mentioning "كتب" does not.
  /^(?:في|فى)\s.{0,300}(?:كتب|كتبت|تمت كتابة ما يلي بواسطة).{0,200}:$/,
  /^-{2,}\s*(?:original message|الرسالة الأصلية|الرسالة الاصلية)\s*-{2,}$/i,
  /^-{2,}\s*(?:forwarded message|رسالة معاد توجيهها)\s*-{2,}$/i,
  /^_{10,}$/,
];
/** An Outlook header block: "From:" followed by "Sent:"/"Date:"/"To:" (Arabic Outlook: "من:" + "تاريخ الإرسال:"). */
const HEADER_FROM = /^(?:from|من)\s*:/i;
const HEADER_NEXT =
  /^(?:sent|date|to|subject|cc|تاريخ الإرسال|تاريخ الارسال|أرسل|ارسل|التاريخ|إلى|الى|الموضوع|نسخة)\s*:/i;

/**
 * The new part of a reply: cut at the first attribution ("On … wrote:", "في … كتب:"), "Original Message"
 * separator or Outlook header block, drop `>` lines and a trailing `-- ` signature. If nothing is left
 * (the citizen only quoted), the text is kept as it was so nothing the citizen sent is lost.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = stripBidiMarks(lines[i] ?? '').trim();
    const next = stripBidiMarks(lines[i + 1] ?? '').trim();
    if (line === '--') break;
    if (QUOTE_STARTS.some((re) => re.test(line))) break;
    // "On Mon, 2 Mar 2026 at 10:00, Nidaa <x@y>" with "wrote:" wrapped onto the next line.
    if (/^on\b/i.test(line) && /\bwrote:$/i.test(next)) break;
    if (/^(?:في|فى)\s/.test(line) && /(?:كتب|كتبت).{0,200}:$/.test(next)) break;
    if (HEADER_FROM.test(line) && HEADER_NEXT.test(next)) break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i] ?? '');
  }
  const stripped = tidy(kept.join('\n'));
  return stripped === '' ? tidy(text) : stripped;
}

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A short-code style command (`رط 260000019`, `status …`, `مساعدة`) in the subject or as the whole body. */
function commandOf(subject: string, body: string, prefix: string) {
  const inBody = body.includes('\n') || body.length > 40 ? undefined : parseSmsCommand(body, [prefix]);
  if (inBody && inBody.kind !== 'message') return inBody;
  const inSubject = parseSmsCommand(subject, [prefix]);
  if (inSubject.kind === 'message') return undefined;
  // A command subject over a real message is a message: the citizen's words must reach an agent.
  const bodyIsEmpty = body.trim() === '' || normalizeArabic(body) === normalizeArabic(subject);
  return bodyIsEmpty ? inSubject : undefined;
}

/**
 * Screens the mail, then builds the Inbound: the sender's lower-cased address as identity, the subject,
 * plain text (the HTML converted when there is no text part), the detected language, the reference the
 * mail names (plus-address, then subject) with quoted history stripped from such follow-ups, and a
 * status/help intent when the mail is only a short-code command.
 */
export function decideMail(
  mail: ParsedMail,
  settings: MailSettings,
  found: { threadReference?: string; fromFaxGateway?: boolean } = {},
): MailDecision {
  // A fax gateway is a machine by nature: its mail is judged by the document it carries, not screened.
  const screened = found.fromFaxGateway ? undefined : screenMail(mail, settings);
  if (screened) return screened;

  const subject = cap(baseSubject(mail.subject), MAX_SUBJECT_LENGTH);
  // Thread headers first (unguessable), then the plus-address, then the subject; intake accepts any of
  // them only from an identity of that case's citizen (docs/decisions/0045).
  const named =
    found.threadReference ??
    referenceInRecipients([...mail.to, ...(mail.cc ?? []), ...(mail.recipients ?? [])], settings) ??
    referenceInSubject(mail.subject, settings.referencePrefix);

  const plain = mail.text?.trim() ? mail.text : undefined;
  const html = mail.html && named ? removeBlockquotes(mail.html) : mail.html;
  const converted = plain !== undefined ? tidy(plain.replace(/\r\n?/g, '\n')) : html ? htmlToText(html) : '';
  const body = named ? stripQuotedReply(converted) : converted;
  const text = cap(body || subject, MAX_TEXT_LENGTH);

  const base = {
    channel: 'email',
    externalId: mail.intakeId ?? mail.messageId,
    from: { kind: 'email', value: addressOf(mail.from) },
    receivedAt: mail.receivedAt,
    text,
    ...(subject ? { subject } : {}),
    ...(mail.messageIdHeader ? { threadId: mail.messageIdHeader } : {}),
  } as const;
  const command = commandOf(subject, body, settings.referencePrefix);
  if (command?.kind === 'status') {
    return {
      kind: 'inbound',
      inbound: { ...base, intent: 'status', reference: command.reference, language: command.language },
    };
  }
  if (command?.kind === 'bad_reference') {
    return { kind: 'inbound', inbound: { ...base, intent: 'status', language: command.language } };
  }
  if (command?.kind === 'help') {
    return { kind: 'inbound', inbound: { ...base, intent: 'help', language: command.language } };
  }
  const language: Language = detectLanguage(`${subject}\n${text}`);
  return { kind: 'inbound', inbound: { ...base, language, ...(named ? { reference: named } : {}) } };
}

/**
 * SES's verdicts: a virus, spam, or a failed DMARC check of a domain that asks for quarantine/reject (a
 * forged sender could otherwise read a citizen's case status) opens no case.
 */
export function receiptProblem(receipt: {
  spamVerdict?: { status: string };
  virusVerdict?: { status: string };
  dmarcVerdict?: { status: string };
  dmarcPolicy?: string;
}): string | undefined {
  if (receipt.virusVerdict?.status === 'FAIL') return 'virus';
  if (receipt.spamVerdict?.status === 'FAIL') return 'spam';
  const policy = receipt.dmarcPolicy?.toLowerCase();
  if (receipt.dmarcVerdict?.status === 'FAIL' && (policy === 'reject' || policy === 'quarantine')) {
    return `dmarc ${policy}`;
  }
  return undefined;
}

/** Subjects for intake's immediate answers on e-mail (the SMS templates carry no subject). */
export function answerSubject(
  kind: 'status' | 'not_found' | 'help' | 'limited' | 'rated',
  municipality: Bilingual,
  language: Language,
  reference?: { reference: string; prefix: string },
): string {
  const shown = reference ? `\u2066${displayReference(reference.reference, reference.prefix)}\u2069` : '';
  const subjects: Record<typeof kind, Bilingual> = {
    status: { ar: `حالة البلاغ ${shown}`.trim(), en: `Status of request ${shown}`.trim() },
    not_found: { ar: 'لم نجد البلاغ المطلوب', en: 'Request not found' },
    help: { ar: 'كيف تراسلوننا', en: 'How to write to us' },
    limited: { ar: 'استعلامات كثيرة', en: 'Too many lookups' },
    rated: { ar: 'شكراً لتقييمكم', en: 'Thank you for your rating' },
  };
  return `${municipality[language]}: ${subjects[kind][language]}`;
}

/** The bilingual (Arabic first) answer to mail above MAX_RAW_MAIL_BYTES: no case, please resend smaller. */
export function tooLargeReply(municipality: Bilingual, limitBytes = MAX_RAW_MAIL_BYTES): Rendered {
  const mb = Math.round(limitBytes / (1024 * 1024));
  return {
    subject: `${municipality.ar}: رسالتكم أكبر من الحجم المسموح | ${municipality.en}: your message is too large`,
    text: [
      `عذراً، حجم رسالتكم يتجاوز ${mb} ميغابايت فلم نتمكن من تسجيلها بلاغاً.`,
      'يرجى إعادة إرسالها بمرفقات أصغر أو بعدد أقل من الصور، أو وصف المشكلة نصاً.',
      '',
      `Sorry, your message is larger than ${mb} MB, so we could not register it as a request.`,
      'Please send it again with smaller or fewer attachments, or describe the problem in text.',
    ].join('\n'),
  };
}
