import type { Case, CaseEvent, Channel, Language } from '../case/case.ts';
import { UnprocessableError } from '../errors.ts';
import type { RateOutcome, Rating } from '../lifecycle/rate-answer.ts';
import type {
  CaseStore,
  Clock,
  ContactStore,
  InboundOutcome,
  InboundStore,
  StoredInbound,
} from '../ports.ts';
import { cleanCitizenText } from '../text/citizen-text.ts';
import { stripBidiMarks, toLatinDigits } from '../text/digits.ts';
import { type Inbound, messageInData } from './inbound.ts';

const withData = (data: Record<string, unknown> | undefined) => (data ? { data } : {});

export type IntakeOutcome =
  | { kind: 'new_case'; reference: string }
  | { kind: 'follow_up'; reference: string }
  | { kind: 'answered'; reference?: string }
  | { kind: 'in_progress' }
  | { kind: 'rejected'; reason: string };

/** What intake decided for one inbound message. `duplicate` marks a redelivery of one already handled. */
export type IntakeResult = IntakeOutcome & { duplicate: boolean };

/**
 * An answer intake gives at once on the channel the question came from; the adapter renders and sends it.
 * `own`: the case is the sender's own, so the answer (sent to the sender's own phone or mailbox) may carry
 * their tracking link; anyone else hears the public status (docs/decisions/0085). `limited`: the sender
 * asked about too many references that are not theirs.
 */
export type Answer =
  | { kind: 'status'; case: Case; own: boolean }
  /** The citizen's rating of the answer to their latest case was taken (SMS "reply 1–5"). */
  | { kind: 'rated' }
  | { kind: 'not_found' }
  | { kind: 'help' }
  | { kind: 'limited' };

export type IntakeDeps = {
  inbound: InboundStore;
  contacts: ContactStore;
  cases: CaseStore;
  clock: Clock;
  /** Starts case-intake (classify → route → store → acknowledge) and returns the new reference. */
  openCase(input: { inbound: Inbound; contactId: string }): Promise<{ reference: string }>;
  /** A citizen's message about one of their cases (reply, follow-up): lifecycle/recordCitizenMessage. */
  onCitizenMessage(c: Case, message: CaseEvent): Promise<void>;
  /** Answers on the channel the message came from. */
  answer(inbound: Inbound, answer: Answer, language: Language): Promise<void>;
  /**
   * Counts a status lookup about a reference that is not the sender's own (per channel and sender) and
   * says whether it is still within the limit (docs/decisions/0085). Without it nothing is limited.
   */
  countPublicLookup?(inbound: Inbound): Promise<boolean>;
  /**
   * Rates the latest agent's answer on a case (functions/core/lifecycle/rate-answer.ts); without it an
   * SMS "5" is an ordinary message.
   */
  rateAnswer?(reference: string, rating: Rating, channel: Channel): Promise<RateOutcome>;
  /** Runs a channel's own command (intent `command`) once the message is stored and its sender known. */
  runCommand?(inbound: Inbound, contactId: string): Promise<InboundOutcome>;
};

/** How long one worker owns an inbound before a redelivery may take it over. */
export const INBOUND_LEASE_SECONDS = 60;

/**
 * The one entry for every channel: persist the raw message first (idempotent on channel + external id),
 * identify the citizen, then answer a status question, attach a follow-up to the citizen's case, or
 * open a new case.
 */
export async function receiveInbound(received: Inbound, deps: IntakeDeps): Promise<IntakeResult> {
  const inbound = cleanInbound(received);
  const claim = await deps.inbound.claim(inbound, deps.clock.now(), INBOUND_LEASE_SECONDS);
  if (claim.status !== 'claimed') refuseReusedKey(inbound, claim.stored);
  if (claim.status === 'done') return { ...fromOutcome(claim.stored), duplicate: true };
  if (claim.status === 'in_progress') return { kind: 'in_progress', duplicate: true };

  const language = inbound.language ?? 'ar';
  const contact = await deps.contacts.ensure(inbound.from, language, deps.clock.now().toISOString());
  for (const identity of inbound.alsoFrom ?? []) {
    if (!contact.identities.some((i) => i.kind === identity.kind && i.value === identity.value)) {
      await deps.contacts.link(contact.contactId, identity);
    }
  }
  const outcome = await decide(inbound, contact.contactId, language, deps);
  await deps.inbound.setOutcome(inbound, outcome, contact.contactId);
  return { ...fromStoredOutcome(outcome), duplicate: false };
}

/**
 * A second delivery under an id already used must be the same message: a different payload under a reused
 * Idempotency-Key is refused (422), never answered with the first sender's reference (issue 11, defect 5).
 */
function refuseReusedKey(inbound: Inbound, stored: StoredInbound) {
  if (!inbound.fingerprint || !stored.fingerprint || inbound.fingerprint === stored.fingerprint) return;
  throw new UnprocessableError({
    ar: 'مفتاح Idempotency-Key استُخدم من قبل لطلب مختلف. أنشئ مفتاحاً جديداً لكل طلب جديد.',
    en: 'This Idempotency-Key was already used for a different request. Use a new key for each new request.',
  });
}

async function decide(
  inbound: Inbound,
  contactId: string,
  language: Language,
  deps: IntakeDeps,
): Promise<InboundOutcome> {
  if (inbound.intent === 'help') {
    await deps.answer(inbound, { kind: 'help' }, language);
    return { kind: 'answered' };
  }
  if (inbound.intent === 'command') {
    if (!deps.runCommand) throw new Error(`No command runner for ${inbound.channel}`);
    return deps.runCommand(inbound, contactId);
  }
  if (inbound.intent === 'status') {
    const found = inbound.reference ? await deps.cases.get(inbound.reference) : undefined;
    // The sender's own case: the answer goes back to their own phone or mailbox, with their link.
    const own = found !== undefined && found.contactId === contactId;
    if (!own && deps.countPublicLookup && !(await deps.countPublicLookup(inbound))) {
      await deps.answer(inbound, { kind: 'limited' }, language);
      return { kind: 'answered' };
    }
    await deps.answer(
      inbound,
      found ? { kind: 'status', case: found, own } : { kind: 'not_found' },
      language,
    );
    return { kind: 'answered', ...(own ? { reference: found.reference } : {}) };
  }
  const rated = await rateByReply(inbound, contactId, deps);
  if (rated) {
    await deps.answer(inbound, { kind: 'rated' }, language);
    return { kind: 'answered', reference: rated };
  }
  const followed =
    inbound.intent === 'new_case' ? undefined : await findCaseToFollow(inbound, contactId, deps);
  if (followed) {
    await deps.onCitizenMessage(followed, {
      reference: followed.reference,
      id: `in-${inbound.channel}-${inbound.externalId}`,
      at: inbound.receivedAt,
      kind: 'message_in',
      actor: 'citizen',
      channel: inbound.channel,
      text: inbound.text,
      // A reply's photos and subject join the case too.
      ...withData(messageInData(inbound)),
    });
    return { kind: 'follow_up', reference: followed.reference };
  }
  const { reference } = await deps.openCase({ inbound, contactId });
  return { kind: 'new_case', reference };
}

/** An SMS that is only a digit 1–5 (Arabic-Indic accepted, as the resolution SMS asks for). */
export function ratingReply(text: string): Rating | undefined {
  const match = /^\s*([1-5])\s*[.!]?\s*$/.exec(toLatinDigits(stripBidiMarks(text)));
  return match ? (Number(match[1]) as Rating) : undefined;
}

/**
 * "Reply 1–5" after an answer by SMS (issue 13): the digit rates the answer of the sender's latest case,
 * once per answer, if that case is resolved; anything else (no answer yet, a case still open, already
 * rated) falls through to the usual handling. Returns the case rated.
 */
async function rateByReply(
  inbound: Inbound,
  contactId: string,
  deps: IntakeDeps,
): Promise<string | undefined> {
  const rating = inbound.channel === 'sms' && !inbound.intent ? ratingReply(inbound.text) : undefined;
  if (!rating || !deps.rateAnswer) return undefined;
  const [latest] = await deps.cases.listByContact(contactId, 1);
  if (!latest || (latest.status !== 'resolved' && latest.status !== 'closed')) return undefined;
  const outcome = await deps.rateAnswer(latest.reference, rating, 'sms');
  return outcome.kind === 'stored' || outcome.kind === 'already' ? latest.reference : undefined;
}

/**
 * A message is a follow-up when it names one of the citizen's cases (e-mail thread, "رط <ref> …"), or when
 * we just spoke to the citizen about their latest case: it waits for their answer, or was resolved and is
 * in its reopen window (a reply to "your request is resolved" means "it is not"). Anything else opens a
 * new case: attaching a new problem to an old case would hide it from the department that should act.
 */
async function findCaseToFollow(inbound: Inbound, contactId: string, deps: IntakeDeps) {
  if (inbound.reference) {
    const named = await deps.cases.get(inbound.reference);
    if (named && named.contactId === contactId && named.status !== 'closed') return named;
    return undefined;
  }
  const [latest] = await deps.cases.listByContact(contactId, 1);
  if (latest && (latest.status === 'waiting_citizen' || latest.status === 'resolved')) {
    return deps.cases.get(latest.reference);
  }
  return undefined;
}

/** The citizen's words without control characters or bidi overrides, on every channel (docs/decisions/0083). */
export function cleanInbound(inbound: Inbound): Inbound {
  const { location } = inbound;
  return {
    ...inbound,
    text: cleanCitizenText(inbound.text),
    ...(inbound.subject !== undefined ? { subject: cleanCitizenText(inbound.subject) } : {}),
    ...(location?.address !== undefined
      ? { location: { ...location, address: cleanCitizenText(location.address) } }
      : {}),
  };
}

function fromStoredOutcome(outcome: InboundOutcome): IntakeOutcome {
  switch (outcome.kind) {
    case 'pending':
      return { kind: 'in_progress' };
    case 'answered':
      return { kind: 'answered', ...(outcome.reference ? { reference: outcome.reference } : {}) };
    default:
      return outcome;
  }
}

const fromOutcome = (stored: StoredInbound) => fromStoredOutcome(stored.outcome);
