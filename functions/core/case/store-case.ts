import type { Catalogue } from '../catalogue/types.ts';
import type { Inbound } from '../intake/inbound.ts';
import type { CaseStore, Clock, InboundStore } from '../ports.ts';
import { type BusinessCalendar, localDate } from '../sla/business-calendar.ts';
import type { Case, CaseEvent } from './case.ts';
import { DUPLICATE_WINDOW_DAYS, findDuplicate } from './duplicates.ts';
import { buildCase, type CaseDraft } from './open-case.ts';
import { formatReference } from './reference.ts';

export type StoreCaseDeps = {
  cases: CaseStore;
  inbound: InboundStore;
  clock: Clock;
  calendar: BusinessCalendar;
  catalogue: Catalogue;
};

/**
 * Stores the case for an inbound message exactly once. The reference is bound to the inbound message
 * first (a retry gets the same one back); the case item is written last and conditionally, so a retry
 * after a crash completes the case instead of opening a second one.
 */
export async function storeCase(
  args: { inbound: Inbound; contactId: string; draft: CaseDraft },
  deps: StoreCaseDeps,
): Promise<{ reference: string; created: boolean }> {
  const stored = await deps.inbound.get(args.inbound.channel, args.inbound.externalId);
  let bound = stored?.boundReference
    ? { reference: stored.boundReference, at: stored.boundAt ?? deps.clock.now().toISOString() }
    : undefined;
  if (!bound) {
    // The reference carries the local (Muscat) year, not the UTC one.
    const year = Number(localDate(deps.clock.now(), deps.calendar).slice(0, 4));
    const candidate = formatReference(year, await deps.cases.nextSequence(year));
    bound = await deps.inbound.bindReference(args.inbound, candidate, deps.clock.now().toISOString());
  }
  const { reference } = bound;
  if (await deps.cases.get(reference)) return { reference, created: false };
  // The bound time, not now: a retry after a crash rewrites the same events and index keys.
  const now = new Date(bound.at);
  const built = buildCase({ ...args, reference, now, calendar: deps.calendar, catalogue: deps.catalogue });
  const duplicateOf = await findRecentDuplicate(built.case, deps.cases);
  if (duplicateOf) {
    // Linked both ways: agents of either case see the other; the new one still gets its own answer.
    built.case.duplicateOf = duplicateOf;
    built.events.push(linkEvent(reference, duplicateOf, now, 'duplicate_of'));
    await deps.cases.appendEvents([linkEvent(duplicateOf, reference, now, 'duplicated_by')]);
  }
  await deps.cases.create(built.case, built.events);
  return { reference, created: true };
}

async function findRecentDuplicate(c: Case, cases: CaseStore) {
  if (!c.location) return undefined;
  const since = new Date(Date.parse(c.createdAt) - DUPLICATE_WINDOW_DAYS * 24 * 3600_000).toISOString();
  const recent = await cases.listByDepartmentSince(c.departmentCode, since, 200);
  return findDuplicate(
    c,
    recent.filter((r) => r.reference !== c.reference),
  );
}

const linkEvent = (reference: string, other: string, now: Date, relation: string): CaseEvent => ({
  reference,
  id: `link-${relation}-${other}`,
  at: now.toISOString(),
  kind: 'merge',
  actor: 'system',
  data: { relation, reference: other },
});
