import type { Case, CaseEvent } from '#core/case/case.ts';
import { OPEN_STATUSES } from '#core/case/case.ts';
import type { Identity } from '#core/intake/inbound.ts';
import { queueOf } from '#core/lifecycle/tiers.ts';

/**
 * The sort-key prefix of timeline events. A case's partition holds other items too (the case itself, its
 * e-mail thread…): only keys with this prefix are timeline events.
 */
export const CASE_EVENT_SK_PREFIX = 'EVT#';

/** The sort-key prefix of alerts, which sort by the hour they were found. */
export const ALERT_SK_PREFIX = 'ALERT#';

/** Every key the table uses, built in one place (layouts documented in docs/data-model.md). */
export const keys = {
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'META' }),
  caseEvent: (e: Pick<CaseEvent, 'reference' | 'at' | 'id'>) => ({
    pk: `CASE#${e.reference}`,
    sk: `${CASE_EVENT_SK_PREFIX}${e.at}#${e.id}`,
  }),
  contact: (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'META' }),
  identity: (i: Identity) => ({ pk: `IDENT#${i.kind}#${i.value}`, sk: 'IDENT' }),
  inbound: (channel: string, externalId: string) => ({
    pk: `INBOUND#${channel}#${externalId}`,
    sk: 'INBOUND',
  }),
  counter: (name: string) => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  /** A webhook signature already accepted: the same signed request again is a replay (docs/decisions/0041). */
  seenSignature: (scope: string, signature: string) => ({ pk: `SEEN#${scope}#${signature}`, sk: 'SEEN' }),
  /** A Connect task's contact id → the case it was opened for (contact events carry only the contact). */
  connectTask: (contactId: string) => ({ pk: `CONNECTTASK#${contactId}`, sk: 'CONNECTTASK' }),
  /** Post-call survey ratings of one local day: counters r1…r5, added atomically. */
  surveyDay: (day: string) => ({ pk: 'STATS#SURVEY', sk: `DAY#${day}` }),
  /** Live counters of one local day / hour (liveCounters, docs/decisions/0114): one query reads a range. */
  liveDay: (day: string) => ({ pk: 'STATS#LIVE#DAY', sk: day }),
  liveHour: (hour: string) => ({ pk: 'STATS#LIVE#HOUR', sk: hour }),
  /** What one day / hour bucket already counted (its facts), apart from its counts. */
  liveFacts: (bucket: 'day' | 'hour', key: string) => ({ pk: 'STATS#LIVE#FACTS', sk: `${bucket}#${key}` }),
  /** The open backlog: a string set of references per department and tier. */
  liveBacklog: () => ({ pk: 'STATS#LIVE#BACKLOG', sk: 'OPEN' }),
  /** A hotline or chat contact → the case it was about (chat transcripts join that case). */
  contactLink: (contactId: string) => ({ pk: `CONTACTLINK#${contactId}`, sk: 'CONTACTLINK' }),
  /** A case's e-mail thread: the Message-IDs of its mail, oldest first. */
  mailThread: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'MAILTHREAD' }),
  /** An e-mail we sent, by SES message id → its case and timeline event (replies, delivery events). */
  sentMail: (sesMessageId: string) => ({ pk: `SENTMAIL#${sesMessageId}`, sk: 'SENTMAIL' }),
  /** An address nothing more is sent to (permanent bounce, complaint). */
  /** A request's current one-time access code (hashed), until used or expired (docs/decisions/0085). */
  accessCode: (reference: string) => ({ pk: `ACCESSCODE#${reference}`, sk: 'ACCESSCODE' }),
  suppressed: (address: string) => ({ pk: `SUPPRESSED#${address.toLowerCase()}`, sk: 'SUPPRESSED' }),
  /** An app maker's API key (hash only), all in one partition: an administrator lists tens, not millions. */
  apiKey: (id: string) => ({ pk: 'APIKEYS', sk: `KEY#${id}` }),
  /** One fixed window of a rate counter (per API key, per contact), expiring after the window. */
  rateWindow: (counter: string, windowStart: string) => ({ pk: `RATE#${counter}`, sk: windowStart }),
  /**
   * An early-warning alert (docs/decisions/0108), all in one partition: tens a week, listed newest first.
   * Ids begin with the hour found, so the sort key orders them in time.
   */
  alert: (id: string) => ({ pk: 'ALERTS', sk: `${ALERT_SK_PREFIX}${id}` }),
};

/** GSI attributes derived from the case; the queue index is sparse, so closed work leaves every queue. */
export function caseIndexKeys(c: Case) {
  const open = OPEN_STATUSES.includes(c.status);
  return {
    gsi1pk: open ? `QUEUE#${queueOf(c)}` : undefined,
    gsi1sk: open ? `${c.dueAt}#${c.reference}` : undefined,
    gsi2pk: `CONTACT#${c.contactId}`,
    gsi2sk: `${c.createdAt}#${c.reference}`,
    gsi3pk: `DEPT#${c.departmentCode}`,
    gsi3sk: `${c.createdAt}#${c.reference}`,
  };
}

/** The stored form of each item: keys, an `entity` tag, the attributes, and (for cases) the index keys. */
export const records = {
  case: (c: Case) => ({ ...keys.case(c.reference), entity: 'case', ...c, ...caseIndexKeys(c) }),
  caseEvent: (e: CaseEvent) => ({ ...keys.caseEvent(e), entity: 'event', ...e }),
};
