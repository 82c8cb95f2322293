/**
 * Case changes as analytics records (tables.ts): flat, typed, versioned, and free of personal data. The
 * citizen appears only as a keyed hash (the key stays with the caller), free text never leaves the case
 * table, and locations are reduced to the wilayat.
 */
import type { Case, CaseEvent } from '../case/case.ts';
import type { ContactAnalysis } from '../hotline/contact-analysis.ts';
import { type BusinessCalendar, localDate } from '../sla/business-calendar.ts';
import { ANALYTICS_TABLES, type RowOf } from './tables.ts';

/** A keyed one-way hash of a contact id (HMAC in the adapter), stable for one deployment. */
export type CitizenKey = (contactId: string) => string;

const role = (actor: string): 'citizen' | 'system' | 'staff' =>
  actor === 'citizen' || actor === 'system' ? actor : 'staff';

const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function caseRow(c: Case, citizenKey: CitizenKey, calendar: BusinessCalendar): RowOf<'cases'> {
  return {
    schema_version: ANALYTICS_TABLES.cases.version,
    reference: c.reference,
    version: c.version,
    type: c.type,
    category_code: c.categoryCode,
    department_code: c.departmentCode,
    wilayat_code: c.location?.wilayatCode ?? null,
    origin_channel: c.originChannel,
    reply_channel: c.replyChannel,
    language: c.language,
    priority: c.priority,
    status: c.status,
    tier: c.tier,
    created_at: c.createdAt,
    created_day: localDate(new Date(c.createdAt), calendar),
    updated_at: c.updatedAt,
    due_at: c.dueAt,
    resolved_at: c.resolvedAt ?? null,
    closed_at: c.closedAt ?? null,
    merged_into: c.mergedInto ?? null,
    classifier_confidence: c.classification.confidence,
    needs_triage: c.classification.needsTriage,
    satisfaction: c.satisfaction?.rating ?? null,
    citizen_key: citizenKey(c.contactId),
    day: localDate(new Date(c.updatedAt), calendar),
  };
}

/** An event as a fact; `c` is the case it belongs to (for the dimensions the event itself does not carry). */
export function caseEventRow(
  e: CaseEvent,
  c: Pick<Case, 'categoryCode' | 'departmentCode' | 'location'>,
  calendar: BusinessCalendar,
): RowOf<'case_events'> {
  const data = e.data ?? {};
  return {
    schema_version: ANALYTICS_TABLES.case_events.version,
    reference: e.reference,
    event_id: e.id,
    occurred_at: e.at,
    kind: e.kind,
    actor_role: role(e.actor),
    channel: e.channel ?? null,
    status_from: e.kind === 'status' ? stringOr(data.from) : null,
    status_to: e.kind === 'status' ? stringOr(data.to) : null,
    tier_from: e.kind === 'tier' ? numberOr(data.from) : null,
    tier_to: e.kind === 'tier' ? numberOr(data.to) : null,
    cause: stringOr(data.cause),
    rating: e.kind === 'survey' ? numberOr(data.rating) : null,
    category_code: c.categoryCode,
    department_code: c.departmentCode,
    wilayat_code: c.location?.wilayatCode ?? null,
    day: localDate(new Date(e.at), calendar),
  };
}

/** What a delivery or rating row names of its case: where it belongs. */
type CaseOwnership = Pick<Case, 'categoryCode' | 'departmentCode'>;

/** SES's words for what became of a message, as delivery results (bounces keep their kind as the reason). */
const REPORTED: Record<string, { result: string; reason: string | null }> = {
  delivered: { result: 'delivered', reason: null },
  bounced: { result: 'bounced', reason: 'permanent' },
  soft_bounced: { result: 'bounced', reason: 'transient' },
  complained: { result: 'complained', reason: null },
};

/**
 * A delivery fact from a timeline event, or null when the event is not one: each message we sent or held
 * back (`message_out` with its `deliveryStatus`), each failed attempt (a `note` with `deliveryStatus:
 * failed`), and each report of what became of an e-mail or fax (`delivery`). A call back counts as sent
 * when it is queued for an agent.
 */
export function deliveryRowOf(
  e: CaseEvent,
  c: CaseOwnership,
  calendar: BusinessCalendar,
): RowOf<'deliveries'> | null {
  const data = e.data ?? {};
  const status = stringOr(data.deliveryStatus);
  let outcome: { result: string; reason: string | null } | undefined;
  if (e.kind === 'message_out' && status) {
    if (status === 'sent' || status === 'callback_queued') outcome = { result: 'sent', reason: null };
    else if (status === 'suppressed') outcome = { result: 'suppressed', reason: stringOr(data.reason) };
  } else if (e.kind === 'note' && (status === 'failed' || status === 'suppressed')) {
    outcome = { result: status, reason: stringOr(data.reason) };
  } else if (e.kind === 'delivery' && status) {
    outcome = REPORTED[status];
  }
  if (!outcome) return null;
  return {
    schema_version: ANALYTICS_TABLES.deliveries.version,
    reference: e.reference,
    event_id: e.id,
    occurred_at: e.at,
    channel: e.channel ?? stringOr(data.channel),
    template: stringOr(data.template),
    result: outcome.result,
    reason: outcome.reason,
    sms_segments: e.kind === 'delivery' ? null : numberOr(data.segments),
    category_code: c.categoryCode,
    department_code: c.departmentCode,
    day: localDate(new Date(e.at), calendar),
  };
}

/** Where a rating came from: the hotline's or chat's survey, or the one-tap rating after a written answer. */
const RATING_SOURCES = new Set(['ivr_survey', 'sms', 'email', 'portal']);

/**
 * A rating fact from a `survey` event, or null. The agent is the case's assignee when the rating was
 * given, as a keyed hash (`key`, the same HMAC as the citizen's, under an `agent:` prefix so the two never
 * meet). A survey event names its source in `data.source`; without one it is the hotline's survey.
 */
export function ratingRowOf(
  e: CaseEvent,
  c: CaseOwnership & Pick<Case, 'assignee' | 'tier'>,
  key: CitizenKey,
  calendar: BusinessCalendar,
): RowOf<'ratings'> | null {
  const data = e.data ?? {};
  const rating = numberOr(data.rating);
  if (e.kind !== 'survey' || rating === null || !Number.isInteger(rating) || rating < 1 || rating > 5)
    return null;
  const source = stringOr(data.source);
  return {
    schema_version: ANALYTICS_TABLES.ratings.version,
    reference: e.reference,
    event_id: e.id,
    rated_at: e.at,
    source: source && RATING_SOURCES.has(source) ? source : 'ivr_survey',
    rating,
    channel: e.channel ?? null,
    agent_key: c.assignee ? key(`agent:${c.assignee}`) : null,
    tier: c.tier,
    category_code: c.categoryCode,
    department_code: c.departmentCode,
    day: localDate(new Date(e.at), calendar),
  };
}
/** A call Contact Lens analysed; `c` is the case it was linked to, when there is one. */
export function contactAnalysisRow(
  a: ContactAnalysis,
  c: Pick<Case, 'reference' | 'categoryCode' | 'departmentCode' | 'location'> | undefined,
  calendar: BusinessCalendar,
): RowOf<'contact_analysis'> {
  return {
    schema_version: ANALYTICS_TABLES.contact_analysis.version,
    contact_id: a.contactId,
    reference: c?.reference ?? null,
    analysed_at: a.analysedAt,
    language: a.language,
    duration_ms: a.durationMs,
    customer_sentiment: a.sentiment.customer,
    agent_sentiment: a.sentiment.agent,
    categories: a.categories.length ? a.categories.join('|') : null,
    category_count: a.categories.length,
    talk_time_ms: a.talkTimeMs.total,
    agent_talk_time_ms: a.talkTimeMs.agent,
    customer_talk_time_ms: a.talkTimeMs.customer,
    non_talk_time_ms: a.nonTalkTimeMs,
    interruptions: a.interruptions,
    category_code: c?.categoryCode ?? null,
    department_code: c?.departmentCode ?? null,
    wilayat_code: c?.location?.wilayatCode ?? null,
    day: localDate(new Date(a.analysedAt), calendar),
  };
}
