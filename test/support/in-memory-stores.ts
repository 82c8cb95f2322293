/**
 * In-memory implementations of the ports in functions/core/ports.ts, for behaviour tests of the core use
 * cases. They keep the documented semantics of the DynamoDB adapters (idempotent claims with a lease,
 * one contact per identity, optimistic versions, sparse queues) without any I/O. Values are copied in and
 * out, so a test cannot change stored state by mutating what it passed or got back.
 */

import { TABLE_SCHEMA } from '#adapters/dynamodb/table-schema.ts';
import type { Case, CaseEvent, Channel, Language } from '#core/case/case.ts';
import { isOpen } from '#core/case/case.ts';
import { ConflictError, StaleVersionError } from '#core/errors.ts';
import type { Identity, Inbound } from '#core/intake/inbound.ts';
import { inboundKey } from '#core/intake/inbound.ts';
// The queue a case sits in is defined once, by the DynamoDB key layout; the in-memory store must agree.
import { queueOf } from '#core/lifecycle/tiers.ts';
import type { Destination } from '#core/notify/choose-channel.ts';
import type { Rendered } from '#core/notify/templates.ts';
import type {
  CaseStore,
  Clock,
  ConnectTask,
  ConnectTaskStore,
  Contact,
  ContactCaseLinks,
  ContactStore,
  DueRange,
  InboundClaim,
  InboundOutcome,
  InboundStore,
  MailLog,
  Messenger,
  OutboundBegin,
  OutboundLedger,
  QueueEntry,
  SendOptions,
  SentMail,
  SmsOptOuts,
  StoredInbound,
  SuppressionList,
  SurveyTally,
  TimerOutcome,
  Timers,
  WorkflowSignals,
} from '#core/ports.ts';
import { emptyRatings, type SurveyDay } from '#core/stats/satisfaction.ts';

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryInboundStore implements InboundStore {
  readonly items = new Map<string, StoredInbound>();

  async claim(inbound: Inbound, now: Date, leaseSeconds: number): Promise<InboundClaim> {
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    const stored = this.items.get(inboundKey(inbound));
    if (!stored) {
      this.items.set(inboundKey(inbound), { ...copy(inbound), outcome: { kind: 'pending' }, leaseUntil });
      return { status: 'claimed' };
    }
    if (stored.outcome.kind !== 'pending') return { status: 'done', stored: copy(stored) };
    if (stored.leaseUntil && stored.leaseUntil > now.toISOString()) {
      return { status: 'in_progress', stored: copy(stored) };
    }
    // The worker holding the lease died: this delivery takes the message over.
    stored.leaseUntil = leaseUntil;
    return { status: 'claimed' };
  }

  async get(channel: Channel, externalId: string): Promise<StoredInbound | undefined> {
    const stored = this.items.get(inboundKey({ channel, externalId }));
    return stored ? copy(stored) : undefined;
  }

  async setOutcome(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    outcome: InboundOutcome,
    contactId?: string,
  ): Promise<void> {
    const stored = this.require(inbound);
    stored.outcome = copy(outcome);
    if (contactId) stored.contactId = contactId;
  }

  async bindReference(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    reference: string,
    at: string,
  ): Promise<{ reference: string; at: string }> {
    const stored = this.require(inbound);
    if (!stored.boundReference) {
      stored.boundReference = reference;
      stored.boundAt = at;
    }
    return { reference: stored.boundReference, at: stored.boundAt ?? at };
  }

  private require(inbound: Pick<Inbound, 'channel' | 'externalId'>): StoredInbound {
    const stored = this.items.get(inboundKey(inbound));
    if (!stored) throw new Error(`No inbound ${inboundKey(inbound)}`);
    return stored;
  }
}

const identityKey = (i: Identity) => `${i.kind}#${i.value}`;

export class InMemoryContactStore implements ContactStore {
  readonly contacts = new Map<string, Contact>();
  private readonly owners = new Map<string, string>();
  private created = 0;

  /** `newId` names new contacts; by default contact-1, contact-2, … */
  constructor(private readonly newId?: () => string) {}

  /** Seeds a contact (e.g. one with several identities); each identity must still be unowned. */
  add(contact: Contact): Contact {
    for (const identity of contact.identities) {
      if (this.owners.has(identityKey(identity))) throw new Error(`${identityKey(identity)} is taken`);
    }
    this.contacts.set(contact.contactId, copy(contact));
    for (const identity of contact.identities) this.owners.set(identityKey(identity), contact.contactId);
    return copy(contact);
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const contact = this.contacts.get(contactId);
    return contact ? copy(contact) : undefined;
  }

  async findByIdentity(identity: Identity): Promise<Contact | undefined> {
    const owner = this.owners.get(identityKey(identity));
    return owner ? this.get(owner) : undefined;
  }

  async link(contactId: string, identity: Identity): Promise<boolean> {
    const contact = this.contacts.get(contactId);
    const owner = this.owners.get(identityKey(identity));
    if (!contact || (owner && owner !== contactId)) return false;
    if (!owner) {
      this.owners.set(identityKey(identity), contactId);
      contact.identities.push(copy(identity));
    }
    return true;
  }

  async ensure(identity: Identity, language: Language, now: string): Promise<Contact> {
    const existing = await this.findByIdentity(identity);
    if (existing) return existing;
    // A concurrent ensure may have won meanwhile (DynamoDB's conditional put on the identity item).
    const winner = this.owners.get(identityKey(identity));
    if (winner) return copy(this.contacts.get(winner) as Contact);
    return this.add({
      contactId: this.newId?.() ?? `contact-${++this.created}`,
      identities: [identity],
      preferredLanguage: language,
      createdAt: now,
    });
  }
}

// The same summary fields the DynamoDB indexes project.
const QUEUE_ENTRY_FIELDS = TABLE_SCHEMA.projectedAttributes satisfies readonly (keyof QueueEntry)[];

function toQueueEntry(c: Case): QueueEntry {
  const entry: Record<string, unknown> = {};
  for (const field of QUEUE_ENTRY_FIELDS) if (c[field] !== undefined) entry[field] = c[field];
  return entry as QueueEntry;
}

/** Sort keys as the DynamoDB indexes build them: queue by due time, contact by creation time. */
const queueSortKey = (c: Case) => `${c.dueAt}#${c.reference}`;
const contactSortKey = (c: Case) => `${c.createdAt}#${c.reference}`;
/** Timeline items sort by time, then id, within the case's partition. */
const eventKey = (e: Pick<CaseEvent, 'reference' | 'at' | 'id'>) => `${e.reference}#${e.at}#${e.id}`;

export class InMemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, Case>();
  /** Keyed like the table's timeline items: an event written again with the same time and id overwrites. */
  readonly events = new Map<string, CaseEvent>();
  private readonly sequences = new Map<number, number>();

  async nextSequence(year: number): Promise<number> {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return next;
  }

  async create(caseItem: Case, events: CaseEvent[]): Promise<void> {
    await this.appendEvents(events);
    if (this.cases.has(caseItem.reference)) {
      throw new ConflictError({
        ar: 'يوجد بلاغ بهذا الرقم.',
        en: `Case ${caseItem.reference} already exists.`,
      });
    }
    this.cases.set(caseItem.reference, copy(caseItem));
  }

  async get(reference: string): Promise<Case | undefined> {
    const found = this.cases.get(reference);
    return found ? copy(found) : undefined;
  }

  async getWithTimeline(reference: string): Promise<{ case: Case; timeline: CaseEvent[] } | undefined> {
    const found = await this.get(reference);
    return found ? { case: found, timeline: this.timeline(reference) } : undefined;
  }

  async update(
    reference: string,
    expectedVersion: number,
    changes: Partial<Case>,
    events: CaseEvent[],
  ): Promise<Case> {
    const current = this.cases.get(reference);
    if (!current || current.version !== expectedVersion) {
      throw new StaleVersionError({
        ar: 'تغيّر البلاغ أثناء التحديث، أعد المحاولة.',
        en: `Case ${reference} changed meanwhile; reload and retry.`,
      });
    }
    await this.appendEvents(events);
    const next: Case = { ...current, ...copy(changes), reference, version: expectedVersion + 1 };
    this.cases.set(reference, next);
    return copy(next);
  }

  async appendEvents(events: CaseEvent[]): Promise<void> {
    for (const event of events) this.events.set(eventKey(event), copy(event));
  }

  /** Every event of a case, oldest first, including events written before a crash left no case item. */
  timeline(reference: string): CaseEvent[] {
    return [...this.events.entries()]
      .filter(([, e]) => e.reference === reference)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => copy(e));
  }

  /** Open cases of one queue (`t1`, `t2`, `t3#<dept>`), soonest due first; `after` is the previous `next`. */
  async listQueue(queue: string, limit: number, after?: string, due: DueRange = {}) {
    const ordered = [...this.cases.values()]
      .filter((c) => isOpen(c) && queueOf(c) === queue)
      .filter((c) => (!due.from || c.dueAt >= due.from) && (!due.before || c.dueAt < due.before))
      .sort((a, b) => compare(queueSortKey(a), queueSortKey(b)))
      .filter((c) => after === undefined || queueSortKey(c) > after);
    const page = ordered.slice(0, limit);
    const last = page.at(-1);
    const next = ordered.length > limit && last ? queueSortKey(last) : undefined;
    return { items: page.map(toQueueEntry), ...(next ? { next } : {}) };
  }

  /** A contact's cases in every status, newest first. */
  async listByContact(contactId: string, limit: number): Promise<QueueEntry[]> {
    return [...this.cases.values()]
      .filter((c) => c.contactId === contactId)
      .sort((a, b) => compare(contactSortKey(b), contactSortKey(a)))
      .slice(0, limit)
      .map(toQueueEntry);
  }

  async listByDepartmentSince(departmentCode: string, since: string, limit: number): Promise<QueueEntry[]> {
    return [...this.cases.values()]
      .filter((c) => c.departmentCode === departmentCode && c.createdAt >= since)
      .sort((a, b) => compare(b.createdAt, a.createdAt))
      .slice(0, limit)
      .map(toQueueEntry);
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class InMemoryOutboundLedger implements OutboundLedger {
  readonly entries = new Map<
    string,
    {
      state: 'sending' | 'sent' | 'failed';
      attemptAt: string;
      firstAttemptAt: string;
      attempts: number;
      sendingUntil?: string;
      providerMessageId?: string;
      details?: Record<string, string | number>;
    }
  >();

  async begin(messageId: string, now: Date, leaseSeconds = 15): Promise<OutboundBegin> {
    const entry = this.entries.get(messageId);
    if (entry?.providerMessageId) {
      return {
        status: 'already_sent',
        since: entry.firstAttemptAt,
        providerMessageId: entry.providerMessageId,
        details: copy(entry.details ?? {}),
      };
    }
    if (entry?.sendingUntil && entry.sendingUntil > now.toISOString()) return { status: 'in_progress' };
    const since = entry?.firstAttemptAt ?? now.toISOString();
    this.entries.set(messageId, {
      state: 'sending',
      attemptAt: now.toISOString(),
      firstAttemptAt: since,
      attempts: (entry?.attempts ?? 0) + 1,
      sendingUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
    });
    return { status: 'go', since, afterUnknownAttempt: entry?.state === 'sending' };
  }

  async sent(messageId: string, providerMessageId: string, details?: Record<string, string | number>) {
    const entry = this.entries.get(messageId);
    if (!entry) throw new Error(`sent() before begin() for ${messageId}`);
    entry.state = 'sent';
    entry.providerMessageId = providerMessageId;
    delete entry.sendingUntil;
    if (details) entry.details = copy(details);
  }

  async failed(messageId: string) {
    const entry = this.entries.get(messageId);
    if (!entry || entry.providerMessageId) return;
    entry.state = 'failed';
    delete entry.sendingUntil;
  }
}

/** STOP/START per phone, like the `smsOptedOutAt` attribute on the phone's identity item. */
export class InMemorySmsOptOuts implements SmsOptOuts {
  readonly optedOut = new Map<string, string>();

  async isOptedOut(phone: string) {
    return this.optedOut.has(phone);
  }

  async set(phone: string, optedOut: boolean, at: string) {
    if (optedOut) this.optedOut.set(phone, at);
    else this.optedOut.delete(phone);
  }
}

/** A clock that stands still until told to move. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-03-01T06:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(by: { seconds?: number; minutes?: number; hours?: number }): void {
    const ms = ((by.hours ?? 0) * 3600 + (by.minutes ?? 0) * 60 + (by.seconds ?? 0)) * 1000;
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type SentMessage = { to: Destination; message: Rendered; options: SendOptions };

/** Records what would have been sent; `failNext` makes the next sends throw, like a provider outage. */
export class RecordingMessenger implements Messenger {
  readonly sent: SentMessage[] = [];
  private failures: Error[] = [];

  failNext(error: Error = new Error('provider unavailable'), times = 1): void {
    this.failures.push(...Array.from({ length: times }, () => error));
  }

  async send(to: Destination, message: Rendered, options: SendOptions) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const { attachments, ...rest } = options;
    this.sent.push({ ...copy({ to, message, options: rest }), ...(attachments ? { attachments } : {}) });
    const messageId = `provider-${this.sent.length}`;
    // Like SES: e-mail gets a Message-ID made of the provider's id.
    return to.channel === 'sms'
      ? { messageId }
      : { messageId, messageIdHeader: `<${messageId}@eu-west-1.amazonses.com>` };
  }
}

export class InMemoryMailLog implements MailLog {
  readonly threads = new Map<string, string[]>();
  readonly sentMail = new Map<string, SentMail>();

  async thread(reference: string) {
    return [...(this.threads.get(reference) ?? [])];
  }

  async addToThread(reference: string, messageId: string) {
    const thread = this.threads.get(reference) ?? [];
    if (!thread.includes(messageId)) thread.push(messageId);
    this.threads.set(reference, thread);
  }

  async recordSent(mail: SentMail) {
    this.sentMail.set(mail.sesMessageId, { ...mail });
  }

  async findSent(sesMessageId: string) {
    const found = this.sentMail.get(sesMessageId);
    return found ? { ...found } : undefined;
  }
}

export class InMemorySuppressionList implements SuppressionList {
  readonly entries = new Map<string, { reason: string; at: string }>();

  async isSuppressed(address: string) {
    return this.entries.has(address.toLowerCase());
  }

  async suppress(address: string, reason: string, at: string) {
    this.entries.set(address.toLowerCase(), { reason, at });
  }
}

/** Timers that only remember what was scheduled and cancelled; tests fire them by hand. */
export class RecordingTimers implements Timers {
  readonly scheduled = new Map<string, { at: Date; taskToken: string; outcome: TimerOutcome }>();
  readonly cancelled: string[] = [];

  async schedule(name: string, at: Date, taskToken: string, outcome: TimerOutcome) {
    this.scheduled.set(name, { at, taskToken, outcome });
  }

  async cancel(name: string) {
    this.cancelled.push(name);
    this.scheduled.delete(name);
  }
}

/** Workflow signals that accept each token once, as Step Functions does. */
export class RecordingSignals implements WorkflowSignals {
  readonly resumed: { taskToken: string; output: Record<string, unknown> }[] = [];
  private readonly used = new Set<string>();

  /** Marks a token as already consumed (e.g. the SLA timer won the race). */
  expire(taskToken: string) {
    this.used.add(taskToken);
  }

  async resume(taskToken: string, output: Record<string, unknown>) {
    if (this.used.has(taskToken)) return false;
    this.used.add(taskToken);
    this.resumed.push({ taskToken, output });
    return true;
  }
}

/** Connect task → case, like the `CONNECTTASK#<contactId>` items: remembering again overwrites. */
export class InMemoryConnectTaskStore implements ConnectTaskStore {
  readonly tasks = new Map<string, ConnectTask>();

  async remember(task: ConnectTask) {
    this.tasks.set(task.contactId, copy(task));
  }

  async find(contactId: string) {
    const task = this.tasks.get(contactId);
    return task ? copy(task) : undefined;
  }
}

/** Contact → case, like the `CONTACTLINK#<contactId>` items: linking again overwrites. */
export class InMemoryContactCaseLinks implements ContactCaseLinks {
  readonly links = new Map<string, string>();

  async link(contactId: string, reference: string) {
    this.links.set(contactId, reference);
  }

  async find(contactId: string) {
    return this.links.get(contactId);
  }
}

/** Survey counters per day, as `STATS#SURVEY` items hold them. */
export class InMemorySurveyTally implements SurveyTally {
  private readonly counts = new Map<string, SurveyDay['ratings']>();

  async add(day: string, rating: 1 | 2 | 3 | 4 | 5): Promise<void> {
    const ratings = this.counts.get(day) ?? emptyRatings();
    ratings[`${rating}`] += 1;
    this.counts.set(day, ratings);
  }

  async days(days: readonly string[]): Promise<SurveyDay[]> {
    return days.map((day) => ({ day, ratings: { ...(this.counts.get(day) ?? emptyRatings()) } }));
  }
}
