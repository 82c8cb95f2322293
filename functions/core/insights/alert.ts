/**
 * Early-warning alerts as records (docs/decisions/0108): what a detector found, where, against what it
 * expected, the cases behind it, and whether a supervisor has acknowledged it. The id is derived from what
 * was found (kind, place, window), so running the same hour twice stores the same alert once.
 */
import { ConflictError, NotFoundError } from '../errors.ts';

export const ALERT_KINDS = [
  /** More reports of one kind in one place than comparable days had (spikes.ts). */
  'spike',
  /** The same category reported again in the same wilayat soon after a case there was resolved. */
  'repeat_place',
  /** One citizen contacting us three times or more about one case. */
  'repeat_citizen',
  /** A category whose reopen or SLA-breach rate climbed above its own baseline. */
  'rate_rise',
  /** A hotline menu where callers hang up far more than usual. */
  'ivr_dropoff',
  /** A hotline menu where callers press a key it does not offer, again and again. */
  'ivr_wrong_key',
  /** A queue where more callers give up waiting than usual. */
  'queue_abandonment',
  /** Complaints no category fits well that share words: a candidate new category. */
  'theme',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Where the problem is; only the dimensions the detector looks at are set. */
export type AlertPlace = {
  categoryCode?: string;
  wilayatCode?: string;
  departmentCode?: string;
  channel?: string;
  queue?: string;
  menuNode?: string;
  /** Rates: which one climbed (reopen_rate, breach_rate, dropoff_rate, wrong_key_rate, abandonment_rate). */
  metric?: string;
};

export type Alert = {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  /** The close of the hour the detector ran for (UTC). */
  detectedAt: string;
  /** The window the finding is about. */
  from: string;
  to: string;
  place: AlertPlace;
  /** What was seen and what was expected, in `unit`. */
  observed: number;
  expected: number;
  unit: 'cases' | 'contacts' | 'calls' | 'percent';
  /** Case references behind the alert (the panel links each), at most MAX_REFERENCES. */
  references: string[];
  /** Themes: the words the grouped texts share. */
  terms?: string[];
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  note?: string;
};

/** An alert names at most this many cases; the drill-down link shows them all. */
export const MAX_REFERENCES = 50;

/** A finding before it is stored: everything but its id, status and acknowledgement. */
export type Finding = Omit<Alert, 'id' | 'status' | 'acknowledgedAt' | 'acknowledgedBy' | 'note'>;

/** 64-bit FNV-1a, hex: short, stable across runtimes, no crypto needed for an identifier. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

const placeKey = (place: AlertPlace) =>
  Object.entries(place)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

/** The UTC hour of an ISO moment as ids and store keys write it: YYYYMMDDHH. */
export const alertHour = (iso: string) => iso.slice(0, 13).replace(/[-T:]/g, '');

/** What the finding is about beyond its kind: a theme's words, a case (repeat_citizen) or a place. */
function subjectKey(f: Pick<Finding, 'kind' | 'place' | 'terms' | 'references'>): string {
  if (f.kind === 'theme') return (f.terms ?? []).join(' ');
  // Two cases of one category and wilayat can cross the threshold in the same hour: the case tells them apart.
  if (f.kind === 'repeat_citizen') return `${placeKey(f.place)}&case=${f.references.join(',')}`;
  return placeKey(f.place);
}

/**
 * The same finding (kind, place, window end) always gets the same id. Ids sort by the hour found, so a
 * listing by id is newest-first when reversed.
 */
export function alertId(f: Pick<Finding, 'kind' | 'place' | 'to' | 'terms' | 'references'>): string {
  return `${alertHour(f.to)}-${f.kind}-${fnv1a64(`${f.kind}|${subjectKey(f)}`).slice(0, 12)}`;
}

export const toAlert = (f: Finding): Alert => ({
  ...f,
  references: f.references.slice(0, MAX_REFERENCES),
  id: alertId(f),
  status: 'open',
});

export type AlertPage = { alerts: Alert[]; next?: string };

export type AlertQuery = { status?: AlertStatus; kind?: AlertKind; limit: number; after?: string };

/** Where alerts are kept (DynamoDB in AWS and locally). */
export interface AlertStore {
  /** Stores an alert unless one with its id exists; true when it was new. */
  add(alert: Alert): Promise<boolean>;
  get(id: string): Promise<Alert | undefined>;
  /** Every alert found at or after a moment (ISO), whatever its status: the detectors' quiet periods. */
  recent(since: string): Promise<Alert[]>;
  /** Open alerts before acknowledged ones, each newest first; `after` is the previous page's cursor. */
  list(query: AlertQuery): Promise<AlertPage>;
  /** Marks it acknowledged unless it already is: false when it was (or is gone). */
  acknowledge(id: string, by: string, note: string, at: string): Promise<boolean>;
}

/** Acknowledges an alert: 404 when there is none, 409 when someone already did. */
export async function acknowledgeAlert(
  store: AlertStore,
  id: string,
  by: string,
  note: string,
  at: string,
): Promise<Alert> {
  const existing = await store.get(id);
  if (!existing) throw new NotFoundError({ ar: 'لا يوجد تنبيه بهذا المعرّف.', en: 'No alert has this id.' });
  const done = existing.status === 'open' && (await store.acknowledge(id, by, note, at));
  if (!done) {
    const now = (await store.get(id)) ?? existing;
    throw new ConflictError({
      ar: `أُقرّ بهذا التنبيه من قبل (${now.acknowledgedBy ?? ''}).`,
      en: `This alert was already acknowledged (by ${now.acknowledgedBy ?? 'someone'}).`,
    });
  }
  return { ...existing, status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by, note };
}
