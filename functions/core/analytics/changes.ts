/**
 * From a change of the case table (a stream record's new image, unmarshalled) to analytics rows, grouped by
 * table (docs/decisions/0102). Only the items an entity in ENTITY_ROWS names become rows: cases and their
 * timeline events today; identities, counters, rate windows, mail threads… give nothing. A removed item
 * (TTL, a rolled-back event) gives nothing either: the lake keeps facts, and a row once written stays.
 */
import type { Case, CaseEvent } from '../case/case.ts';
import type { BusinessCalendar } from '../sla/business-calendar.ts';
import { type CitizenKey, caseEventRow, caseRow, deliveryRowOf, ratingRowOf } from './records.ts';
import type { RowOf, TableName } from './tables.ts';

/** Rows for some tables, each row carrying its partition day. */
export type AnalyticsRows = { [N in TableName]?: RowOf<N>[] };

/**
 * The attributes an event's case is read for (a projection of the case item): the dimensions the event
 * itself does not carry, and who holds the case (a rating is the assignee's).
 */
export const CASE_DIMENSION_ATTRIBUTES = [
  'categoryCode',
  'departmentCode',
  'location',
  'assignee',
  'tier',
] as const satisfies readonly (keyof Case)[];

/** What an event's rows take from its case: the attributes above. */
export type CaseDimensions = Pick<Case, (typeof CASE_DIMENSION_ATTRIBUTES)[number]>;

export type ChangeContext = {
  citizenKey: CitizenKey;
  calendar: BusinessCalendar;
  /** The case an event belongs to, when known (from the same batch or read once per batch). */
  caseOf(reference: string): CaseDimensions | undefined;
};

/** An item's rows, or `needsCase` when they depend on a case not known yet (the batch is retried). */
export type ChangeOutcome = { rows: AnalyticsRows } | { needsCase: string };

type StoredItem = Record<string, unknown>;

const isCase = (item: StoredItem): item is StoredItem & Case =>
  typeof item.reference === 'string' && typeof item.version === 'number';
const isEvent = (item: StoredItem): item is StoredItem & CaseEvent =>
  typeof item.reference === 'string' && typeof item.id === 'string' && typeof item.at === 'string';

/**
 * The transform of each stored entity (the `entity` tag of functions/adapters/dynamodb/keys.ts `records`).
 * A new fact from the case table is one line here.
 */
const ENTITY_ROWS: Record<string, (item: StoredItem, ctx: ChangeContext) => ChangeOutcome> = {
  case: (item, ctx) =>
    isCase(item) ? { rows: { cases: [caseRow(item, ctx.citizenKey, ctx.calendar)] } } : none,
  event: (item, ctx) => {
    if (!isEvent(item)) return none;
    const c = ctx.caseOf(item.reference);
    if (!c) return { needsCase: item.reference };
    const delivery = deliveryRowOf(item, c, ctx.calendar);
    const rating = ratingRowOf(item, c, ctx.citizenKey, ctx.calendar);
    return {
      rows: {
        case_events: [caseEventRow(item, c, ctx.calendar)],
        ...(delivery ? { deliveries: [delivery] } : {}),
        ...(rating ? { ratings: [rating] } : {}),
      },
    };
  },
};

const none: ChangeOutcome = { rows: {} };

/** The rows one change gives: `newImage` undefined for a removal. */
export function rowsOfChange(newImage: StoredItem | undefined, ctx: ChangeContext): ChangeOutcome {
  const transform =
    newImage && typeof newImage.entity === 'string' ? ENTITY_ROWS[newImage.entity] : undefined;
  return transform && newImage ? transform(newImage, ctx) : none;
}

/**
 * The cases a batch of new images needs for its events and does not carry itself: an event and its case
 * are often written together (a new case's first events, then the case), so most are in the batch.
 */
export function casesToRead(newImages: readonly (StoredItem | undefined)[]): string[] {
  const carried = new Set(newImages.filter((i) => i?.entity === 'case').map((i) => i?.reference));
  const wanted = newImages
    .filter((i) => i?.entity === 'event' && typeof i.reference === 'string' && !carried.has(i.reference))
    .map((i) => i?.reference as string);
  return [...new Set(wanted)];
}

/** The dimensions of each case whose item is in the batch, the newest image winning. */
export function casesCarried(newImages: readonly (StoredItem | undefined)[]): Map<string, CaseDimensions> {
  const cases = new Map<string, CaseDimensions>();
  for (const item of newImages) if (item?.entity === 'case' && isCase(item)) cases.set(item.reference, item);
  return cases;
}

/**
 * The positions of changes undone later in the same batch, their item's last change being its removal:
 * an event written for a case update that then lost its race is removed again
 * (functions/adapters/dynamodb/case-repository.ts) and is no fact. `key` identifies the item.
 */
export function undoneInBatch(changes: readonly { key: string; removed: boolean }[]): Set<number> {
  const removedAtLast = new Map<string, boolean>();
  const undone = new Set<number>();
  for (let i = changes.length - 1; i >= 0; i--) {
    const { key, removed } = changes[i] as { key: string; removed: boolean };
    if (!removedAtLast.has(key)) removedAtLast.set(key, removed);
    else if (!removed && removedAtLast.get(key)) undone.add(i);
  }
  return undone;
}
