/**
 * Amazon Connect contact records (CTRs) as analytics records: one `contacts` row per record and one
 * `ivr_steps` row per menu the caller answered. Only the CTR fields a figure needs are read (Connect's
 * data model: ContactId, Channel, InitiationMethod, Queue, Agent, DisconnectReason, Attributes…); the
 * customer's number, the agent's name and every free-text attribute stay out. The IVR path is not a CTR
 * field: the flows keep it in the contact attribute `nidaaPath` (docs/decisions/0104), which the CTR
 * carries with the other attributes.
 */
import { type BusinessCalendar, localDate } from '../sla/business-calendar.ts';
import { toLatinDigits } from '../text/digits.ts';
import { ANALYTICS_TABLES, type RowOf } from './tables.ts';

/** The parts of a contact record Nidaa reads (Connect's names; every one may be absent or null). */
export type ContactRecord = {
  ContactId: string;
  InitialContactId?: string | null;
  Channel?: string | null;
  InitiationMethod?: string | null;
  InitiationTimestamp?: string | null;
  ConnectedToSystemTimestamp?: string | null;
  DisconnectTimestamp?: string | null;
  DisconnectReason?: string | null;
  Queue?: {
    Name?: string | null;
    EnqueueTimestamp?: string | null;
    DequeueTimestamp?: string | null;
    Duration?: number | null;
  } | null;
  Agent?: {
    ConnectedToAgentTimestamp?: string | null;
    AgentInteractionDuration?: number | null;
    CustomerHoldDuration?: number | null;
    AfterContactWorkDuration?: number | null;
  } | null;
  Attributes?: Record<string, string> | null;
};

/** The contact attribute holding the compact IVR path, and its separators: `node:input|node:input`. */
export const IVR_PATH_ATTRIBUTE = 'nidaaPath';
const STEP_SEPARATOR = '|';
/** What a step's input may be; anything else in the attribute is read as `invalid`. */
const INPUT = /^(?:[0-9*#]{1,3}|entered|timeout|invalid|hangup)$/;

export type IvrStep = { node: string; input: string };

/**
 * The menu a caller is in, set as the menu is heard and set back to `none` once it is answered: Connect
 * cannot append to `nidaaPath` when the caller hangs up, so a CTR whose `nidaaWaiting` names a menu means
 * the call ended there (`<menu>:hangup`, added when the path is read).
 */
export const IVR_WAITING_ATTRIBUTE = 'nidaaWaiting';
export const NOT_WAITING = 'none';
/** At most this many steps are kept, the latest ones (where the call ended matters most): under 5 KB. */
export const MAX_IVR_STEPS = 60;

/**
 * What a menu answer records as input: a key as pressed (Arabic-Indic digits read as 0–9); `timeout` for
 * silence (Store customer input keeps "Timeout"); `invalid`; anything longer, a number typed (a
 * reference), as `entered`, so it never reaches the store.
 */
export function stepInput(raw: string | undefined): string {
  const value = toLatinDigits((raw ?? '').trim()).replace(/#$/, '');
  if (value === '' || value.toLowerCase() === 'timeout') return 'timeout';
  if (value === 'invalid' || value === 'hangup') return value;
  return /^[0-9*#]$/.test(value) ? value : 'entered';
}

/** The path with one more step, the oldest steps dropped beyond MAX_IVR_STEPS. */
export function extendIvrPath(path: string | undefined, node: string, rawInput: string | undefined): string {
  const steps = [...parseIvrPath(path), { node, input: stepInput(rawInput) }];
  return formatIvrPath(steps.slice(-MAX_IVR_STEPS));
}

/** The path a contact's attributes hold, with the menu it hung up in (if any) as its last step. */
export function ivrPathOf(attributes: Record<string, string> | null | undefined): IvrStep[] {
  const steps = parseIvrPath(attributes?.[IVR_PATH_ATTRIBUTE]);
  const waiting = attributes?.[IVR_WAITING_ATTRIBUTE];
  return waiting && waiting !== NOT_WAITING
    ? [...steps, { node: nodeName(waiting), input: 'hangup' }]
    : steps;
}

/** The path as the attribute holds it (menus' names made safe: lower case, words joined by `_`). */
export function formatIvrPath(steps: readonly IvrStep[]): string {
  return steps.map((s) => `${nodeName(s.node)}:${s.input}`).join(STEP_SEPARATOR);
}

export const nodeName = (node: string) =>
  node
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 64) || 'unknown';

export function parseIvrPath(value: string | undefined): IvrStep[] {
  if (!value) return [];
  return value
    .split(STEP_SEPARATOR)
    .filter((part) => part.includes(':'))
    .map((part) => {
      const at = part.lastIndexOf(':');
      const input = part.slice(at + 1);
      return { node: nodeName(part.slice(0, at)), input: INPUT.test(input) ? input : 'invalid' };
    });
}

/** Attributes that show the caller was served in the IVR: a status heard, a procedure read, a case filed. */
const SERVED_ATTRIBUTES = ['reference', 'nidaaHeardReference', 'nidaaProcedure'] as const;
/** The ways a waiting customer leaves a queue on their own (Connect's DisconnectReason values). */
const CUSTOMER_LEFT = new Set(['CUSTOMER_DISCONNECT', 'TELECOM_PROBLEM']);

const seconds = (n: number | null | undefined) => (typeof n === 'number' ? Math.round(n) : null);
const text = (s: string | null | undefined) => (typeof s === 'string' && s !== '' ? s : null);
/** Connect's timestamps are ISO 8601 in UTC (`2026-03-01T06:00:00Z`); stored normalised to toISOString's form. */
const instant = (s: string | null | undefined) =>
  typeof s === 'string' && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : null;

type IvrOutcome = 'agent' | 'self_service' | 'dropped';

function ivrOutcomeOf(r: ContactRecord, offered: boolean, path: readonly IvrStep[]): IvrOutcome | null {
  const inbound = r.InitiationMethod === 'INBOUND' || r.InitiationMethod === 'API';
  if (!inbound || (r.Channel !== 'VOICE' && r.Channel !== 'CHAT')) return null;
  if (offered) return 'agent';
  const attributes = r.Attributes ?? {};
  if (SERVED_ATTRIBUTES.some((a) => text(attributes[a]))) return 'self_service';
  // Rated in the survey after an answer: served too; a path that ends by hanging up in a menu is a drop.
  const last = path[path.length - 1];
  if (last?.node.includes('survey') || last?.node === 'after_menu') return 'self_service';
  return 'dropped';
}

/**
 * One contact record as a `contacts` row; its day is the local day the contact began. `path` is the
 * record's IVR path when the caller has already read it.
 */
export function contactRowOf(
  r: ContactRecord,
  calendar: BusinessCalendar,
  path: readonly IvrStep[] = ivrPathOf(r.Attributes),
): RowOf<'contacts'> {
  const attributes = r.Attributes ?? {};
  const initiatedAt = instant(r.InitiationTimestamp) ?? instant(r.ConnectedToSystemTimestamp);
  const enqueuedAt = instant(r.Queue?.EnqueueTimestamp);
  const answeredAt = instant(r.Agent?.ConnectedToAgentTimestamp);
  const offered = enqueuedAt !== null;
  const answered = answeredAt !== null;
  const interaction = seconds(r.Agent?.AgentInteractionDuration);
  const callback =
    r.InitiationMethod === 'CALLBACK' || (r.Channel === 'TASK' && attributes.nidaaIntent === 'callback');
  const disconnectedAt = instant(r.DisconnectTimestamp);
  return {
    schema_version: ANALYTICS_TABLES.contacts.version,
    contact_id: r.ContactId,
    initial_contact_id: text(r.InitialContactId),
    channel: text(r.Channel),
    initiation_method: text(r.InitiationMethod),
    queue_name: text(r.Queue?.Name),
    initiated_at: initiatedAt,
    enqueued_at: enqueuedAt,
    answered_at: answeredAt,
    disconnected_at: disconnectedAt,
    queue_wait_seconds: seconds(r.Queue?.Duration),
    interaction_seconds: interaction,
    hold_seconds: seconds(r.Agent?.CustomerHoldDuration),
    after_contact_work_seconds: seconds(r.Agent?.AfterContactWorkDuration),
    disconnect_reason: text(r.DisconnectReason),
    offered,
    answered,
    abandoned: offered && !answered && CUSTOMER_LEFT.has(r.DisconnectReason ?? ''),
    callback,
    callback_kept: callback ? answered && (interaction ?? 0) > 0 : null,
    language: attributes.nidaaLanguage === 'en' ? 'en' : attributes.nidaaLanguage === 'ar' ? 'ar' : null,
    reference: /^\d{6,12}$/.test(attributes.reference ?? '') ? (attributes.reference as string) : null,
    ivr_outcome: ivrOutcomeOf(r, offered, path),
    day: localDate(new Date(initiatedAt ?? disconnectedAt ?? 0), calendar),
  };
}

/**
 * The menus of a contact's IVR path, in order. The last one is a drop (`ended_here`) when the contact
 * ended in the IVR without being served or reaching a queue.
 */
export function ivrStepRowsOf(
  r: ContactRecord,
  contact: Pick<RowOf<'contacts'>, 'ivr_outcome' | 'channel' | 'language' | 'day'>,
  steps: readonly IvrStep[] = ivrPathOf(r.Attributes),
): RowOf<'ivr_steps'>[] {
  return steps.map((s, i) => ({
    schema_version: ANALYTICS_TABLES.ivr_steps.version,
    contact_id: r.ContactId,
    step: i + 1,
    node: s.node,
    input: s.input,
    ended_here: i === steps.length - 1 && contact.ivr_outcome === 'dropped',
    channel: contact.channel,
    language: contact.language,
    day: contact.day,
  }));
}

/**
 * The records of one Firehose object: Firehose concatenates the JSON records it receives, with no
 * separator (or with newlines, if a processor added them), so the text is read as a run of JSON values.
 * A record without a ContactId is skipped, and so is the rest of a truncated object.
 */
export function splitContactRecords(body: string): ContactRecord[] {
  const records: ContactRecord[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        try {
          const value = JSON.parse(body.slice(start, i + 1)) as Partial<ContactRecord>;
          if (typeof value.ContactId === 'string' && value.ContactId !== '')
            records.push(value as ContactRecord);
        } catch {
          // Not a record: skipped; the others in the object still count.
        }
      }
    }
  }
  return records;
}

/**
 * The rows of one stored batch of contact records. A record with no initiation, connection or disconnect
 * time has no day: it is skipped (counted in `undated`) rather than filed under 1970.
 */
export function rowsOfContactRecords(
  body: string,
  calendar: BusinessCalendar,
): { contacts: RowOf<'contacts'>[]; ivrSteps: RowOf<'ivr_steps'>[]; undated: number } {
  const contacts: RowOf<'contacts'>[] = [];
  const ivrSteps: RowOf<'ivr_steps'>[] = [];
  let undated = 0;
  for (const r of splitContactRecords(body)) {
    const path = ivrPathOf(r.Attributes);
    const contact = contactRowOf(r, calendar, path);
    if (contact.initiated_at === null && contact.disconnected_at === null) {
      undated++;
      continue;
    }
    contacts.push(contact);
    ivrSteps.push(...ivrStepRowsOf(r, contact, path));
  }
  return { contacts, ivrSteps, undated };
}
