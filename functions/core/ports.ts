import type { Case, CaseEvent, Channel, Language, Tier } from './case/case.ts';
import type { Identity, Inbound } from './intake/inbound.ts';
import type { TextDestination } from './notify/choose-channel.ts';
import type { Rendered } from './notify/templates.ts';
import type { SurveyDay } from './stats/satisfaction.ts';
import type { Plate, VehicleLookup } from './vehicles/vehicle.ts';

/**
 * The interfaces the domain needs from the outside world. Adapters implement them with AWS (DynamoDB,
 * SES, SNS, Connect, Step Functions) in Lambda, and with emulators or an outbox in local mode.
 */

export type Contact = {
  contactId: string;
  identities: Identity[];
  preferredLanguage: Language;
  preferredChannel?: Channel;
  createdAt: string;
};

/** The outcome recorded on an inbound message once intake has decided what it was. */
export type InboundOutcome =
  | { kind: 'pending' }
  | { kind: 'answered'; reference?: string }
  | { kind: 'follow_up'; reference: string }
  | { kind: 'new_case'; reference: string }
  | { kind: 'rejected'; reason: string };

export type StoredInbound = Inbound & {
  outcome: InboundOutcome;
  contactId?: string;
  leaseUntil?: string;
  boundReference?: string;
  /** When the bound case was created (its createdAt); absent on items written before 0084. */
  boundAt?: string;
};

/** Result of trying to take an inbound message for processing. */
export type InboundClaim =
  | { status: 'claimed' }
  | { status: 'done'; stored: StoredInbound }
  | { status: 'in_progress'; stored: StoredInbound };

export interface InboundStore {
  /**
   * Persists the raw inbound and takes it for processing. A second delivery of the same (channel,
   * externalId) gets `done` with the first outcome, or `in_progress` while another worker holds the lease;
   * after the lease runs out (that worker died) the next delivery claims it again, so nothing is lost.
   */
  claim(inbound: Inbound, now: Date, leaseSeconds: number): Promise<InboundClaim>;
  get(channel: Channel, externalId: string): Promise<StoredInbound | undefined>;
  setOutcome(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    outcome: InboundOutcome,
    contactId?: string,
  ): Promise<void>;
  /**
   * Binds a new case reference to the inbound once, with the time the case is created at; returns the
   * binding that won, so a retry rebuilds the case with the same reference and the same times (its
   * timeline events and index keys are then written again, not written twice).
   */
  bindReference(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    reference: string,
    at: string,
  ): Promise<{ reference: string; at: string }>;
}

export interface ContactStore {
  get(contactId: string): Promise<Contact | undefined>;
  findByIdentity(identity: Identity): Promise<Contact | undefined>;
  /** Finds or creates the contact for an identity; safe under concurrency (one identity, one contact). */
  ensure(identity: Identity, language: Language, now: string): Promise<Contact>;
  /**
   * Adds another identity (an e-mail next to a phone) to a contact. An identity another citizen already
   * owns stays theirs: contacts are never merged automatically. Returns whether it was linked.
   */
  link(contactId: string, identity: Identity): Promise<boolean>;
}

export type QueueEntry = Pick<
  Case,
  | 'reference'
  | 'status'
  | 'tier'
  | 'priority'
  | 'categoryCode'
  | 'departmentCode'
  | 'dueAt'
  | 'createdAt'
  | 'originChannel'
  | 'assignee'
  | 'contactId'
  | 'location'
>;

/** A range of SLA deadlines (ISO instants): `from` inclusive, `before` exclusive. */
export type DueRange = { from?: string; before?: string };

export interface CaseStore {
  nextSequence(year: number): Promise<number>;
  /** Writes the timeline first and the case item last, conditionally: the case item is the commit point. */
  create(caseItem: Case, events: CaseEvent[]): Promise<void>;
  get(reference: string): Promise<Case | undefined>;
  getWithTimeline(reference: string): Promise<{ case: Case; timeline: CaseEvent[] } | undefined>;
  /** Applies changes if the stored version is still `expectedVersion`; else ConflictError. */
  update(
    reference: string,
    expectedVersion: number,
    changes: Partial<Case>,
    events: CaseEvent[],
  ): Promise<Case>;
  appendEvents(events: CaseEvent[]): Promise<void>;
  /** A queue's open cases, soonest deadline first; `due` narrows it to deadlines in [from, before). */
  listQueue(
    queue: string,
    limit: number,
    after?: string,
    due?: DueRange,
  ): Promise<{ items: QueueEntry[]; next?: string }>;
  listByContact(contactId: string, limit: number): Promise<QueueEntry[]>;
  /** A department's cases created since `since` (ISO), newest first. */
  listByDepartmentSince(departmentCode: string, since: string, limit: number): Promise<QueueEntry[]>;
}

/** What the ledger says about one outbound message before it is sent (docs/decisions/0082). */
export type OutboundBegin =
  /**
   * Intent recorded (state `sending`, with a lease): send now, then report `sent` or `failed`. `since` is
   * the first attempt's time (what the timeline shows, the same for every attempt);
   * `afterUnknownAttempt`: an earlier attempt died without an outcome, so this one may be a duplicate.
   */
  | { status: 'go'; since: string; afterUnknownAttempt: boolean }
  /** The provider accepted it earlier: never again; what was recorded then, to record it again. */
  | {
      status: 'already_sent';
      since: string;
      providerMessageId: string;
      details: Record<string, string | number>;
    }
  /** Another attempt holds the lease and has not reported yet: try again later. */
  | { status: 'in_progress' };

/**
 * Remembers each outbound message by our own id, as a state machine: intent (`sending`, leased) → `sent`
 * | `failed`. A retried notification is sent once; an intent whose lease ran out with no outcome (the
 * sender died mid-send) is taken over and sent again: the one at-least-once window (docs/decisions/0082).
 */
export interface OutboundLedger {
  begin(messageId: string, now: Date, leaseSeconds?: number): Promise<OutboundBegin>;
  /** `details` are kept with the message for statistics (an SMS's segment count and encoding). */
  sent(
    messageId: string,
    providerMessageId: string,
    details?: Record<string, string | number>,
  ): Promise<void>;
  /** The provider refused the message or could not be reached: the lease is released for a retry. */
  failed(messageId: string, reason: string): Promise<void>;
}

/**
 * Phones whose owner texted STOP: no SMS goes to them until they text START. Kept on the phone's
 * identity item, so it holds for every case and every sender of SMS.
 */
export interface SmsOptOuts {
  isOptedOut(phone: string): Promise<boolean>;
  /** Records STOP (`optedOut: true`) or START for a phone that intake already knows. */
  set(phone: string, optedOut: boolean, at: string): Promise<void>;
}

/** The municipality's vehicle records (fines, permits), behind a connector: HTTP in AWS, a fixture locally. */
export interface VehicleRecords {
  lookup(plate: Plate): Promise<VehicleLookup>;
}

/** A file sent with a message (the PDF letter of a fax reply). */
export type OutgoingAttachment = { fileName: string; contentType: string; bytes: Uint8Array };

/** How an outbound e-mail is threaded and addressed (docs/decisions/0045). */
export type SendOptions = {
  reference?: string;
  /** The case's plus-address: replies name the case even when a client drops the thread headers. */
  replyTo?: string;
  inReplyTo?: string;
  references?: string;
  /** Machine-written (acknowledgements, answers): `Auto-Submitted: auto-replied`, so responders stay quiet. */
  automatic?: boolean;
  attachments?: readonly OutgoingAttachment[];
};

/**
 * Sends one rendered message (SMS through SNS, e-mail and fax-by-mail through SES); returns the
 * provider's message id and, for e-mail, the Message-ID header the recipient sees.
 */
export interface Messenger {
  send(
    to: TextDestination,
    message: Rendered,
    options: SendOptions,
  ): Promise<{ messageId: string; messageIdHeader?: string }>;
}

/** One e-mail we sent, found again by SES's message id (replies, delivery events, bounces). */
export type SentMail = {
  sesMessageId: string;
  reference: string;
  /** The message_out event on the case's timeline. */
  eventId: string;
  to: string;
  sentAt: string;
};

/** The e-mail side of each case: its thread of Message-IDs and the mail we sent. */
export interface MailLog {
  /** The Message-IDs of the case's e-mails, oldest first. */
  thread(reference: string): Promise<string[]>;
  addToThread(reference: string, messageId: string): Promise<void>;
  recordSent(mail: SentMail): Promise<void>;
  findSent(sesMessageId: string): Promise<SentMail | undefined>;
}

/** Addresses that bounced permanently or complained: nothing more is sent to them. */
export interface SuppressionList {
  isSuppressed(address: string): Promise<boolean>;
  suppress(address: string, reason: string, at: string): Promise<void>;
}

/** A Connect task that puts the case in front of the tier's agents (screen-pop with the case link). */
export type TierTask = {
  reference: string;
  tier: 1 | 2 | 3;
  departmentCode: string;
  name: string;
  description: string;
  clientToken: string;
};

/** A Connect task in the callback queue: an agent phones the citizen and reads them the message. */
export type CallbackTask = {
  reference: string;
  /** E.164: a landline will do, unlike SMS. */
  phone: string;
  language: Language;
  /** What the agent tells the citizen. */
  text: string;
  /** Our message id: a retried request returns the same task. */
  clientToken: string;
};

export interface ContactCenter {
  /** Opens the task in the tier's queue; returns its contact id, or undefined when no instance is configured. */
  openTask(task: TierTask): Promise<string | undefined>;
  /** Whether an instance is configured to call citizens back from. */
  readonly canCallBack: boolean;
  /** Queues a call back to the citizen; returns the task's contact id. */
  requestCallback(task: CallbackTask): Promise<string>;
}

/**
 * Which case a Connect task was opened for. Contact events name only the contact, so AwaitAgent remembers
 * the task's case and tier when it opens one (never the task token). `openedAt` equals the waiting
 * workflow's `since` for the task of the current wait, which is how later events tell it from older ones.
 */
export type ConnectTask = { contactId: string; reference: string; tier: Tier; openedAt: string };

export interface ConnectTaskStore {
  /** Remembers a task (a retried step overwrites it with the same contact); kept 30 days. */
  remember(task: ConnectTask): Promise<void>;
  find(contactId: string): Promise<ConnectTask | undefined>;
}

/** What a timer does to the waiting workflow when it fires. */
export type TimerOutcome =
  | { kind: 'fail'; error: 'SlaBreached'; cause: string }
  | { kind: 'succeed'; output: Record<string, unknown> };

/** One-shot timers that resume a waiting workflow (EventBridge Scheduler in AWS). */
export interface Timers {
  schedule(name: string, at: Date, taskToken: string, outcome: TimerOutcome): Promise<void>;
  cancel(name: string): Promise<void>;
}

/** Resumes a waiting workflow; `false` when the token is no longer valid (already resumed or timed out). */
export interface WorkflowSignals {
  resume(taskToken: string, output: Record<string, unknown>): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

/**
 * Which case a hotline or chat contact was about (a status it read out, a complaint it opened, the
 * caller's latest open case), so a chat transcript that arrives later joins that case's timeline.
 */
export interface ContactCaseLinks {
  link(contactId: string, reference: string, at: string): Promise<void>;
  find(contactId: string): Promise<string | undefined>;
}

/** Post-call survey counts per local day, for the supervisors' statistics (docs/data-model.md). */
export interface SurveyTally {
  /** Counts one rating on `day` (YYYY-MM-DD, Asia/Muscat). */
  add(day: string, rating: 1 | 2 | 3 | 4 | 5): Promise<void>;
  days(days: readonly string[]): Promise<SurveyDay[]>;
}
