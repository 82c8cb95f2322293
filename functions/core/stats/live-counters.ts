/**
 * The live figures' fast path (issue 13): what one stored change of a case adds to the counters kept in
 * the case table, so `GET /v1/stats` reads a few small items instead of every open case. Pure: the stream
 * adapter turns images into cases and applies the operations.
 *
 * Idempotent under stream retries: every count names the fact it counts (`created:<ref>`,
 * `breach:<ref>:<deadline>`…) and is added only if its bucket has not counted that fact yet. Only what
 * `GET /v1/stats` returns is counted; ratings are not: the post-call survey tally (surveys, written once
 * per contact as the rating is stored) is the one rating source of the figures, the one the panel shows.
 * The backlog is a set of references per department and tier: adding or removing a reference twice
 * changes nothing, and records of one case arrive in order (retries resume in order).
 */
import { type Case, isOpen } from '../case/case.ts';
import { type BusinessCalendar, localDate } from '../sla/business-calendar.ts';

/** Day buckets answer "the last days" for a year; hour buckets only "this hour" and the day's curve. */
export const DAY_BUCKET_TTL_DAYS = 400;
export const HOUR_BUCKET_TTL_DAYS = 3;

export type CountOp = {
  kind: 'count';
  bucket: 'day' | 'hour';
  /** YYYY-MM-DD, or YYYY-MM-DDTHH for hours (Asia/Muscat). */
  key: string;
  /** What is counted, once per bucket. */
  fact: string;
  counts: Record<string, number>;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
};

/** A case's place in the open backlog: `open_<department>_t<tier>`, or none once it is not open. */
export type BacklogOp = { kind: 'backlog'; reference: string; from?: string; to?: string };

export type CounterOp = CountOp | BacklogOp;

const DAY_S = 86_400;

/** The local hour (Asia/Muscat) of an instant, YYYY-MM-DDTHH. */
export function localHour(at: Date, calendar: BusinessCalendar): string {
  return new Date(at.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 13);
}

export const backlogField = (c: Pick<Case, 'departmentCode' | 'tier' | 'status'>) =>
  isOpen(c) ? `open_${c.departmentCode}_t${c.tier}` : undefined;

/** Attribute names from codes: letters, digits and underscores only. */
const safe = (code: string) => code.replace(/[^A-Za-z0-9_]/g, '_');

function count(
  bucket: CountOp['bucket'],
  at: string,
  fact: string,
  counts: Record<string, number>,
  calendar: BusinessCalendar,
): CountOp {
  const when = new Date(at);
  const key = bucket === 'day' ? localDate(when, calendar) : localHour(when, calendar);
  const days = bucket === 'day' ? DAY_BUCKET_TTL_DAYS : HOUR_BUCKET_TTL_DAYS;
  // Kept from the bucket's own time, so a replayed past day expires as that day would have.
  return {
    kind: 'count',
    bucket,
    key,
    fact,
    counts,
    expiresAt: Math.floor(when.getTime() / 1000) + days * DAY_S,
  };
}

/**
 * A deadline breached: the case was open at a deadline that had passed when it next changed (the SLA
 * timer moved it up a tier with a new deadline, or it was answered late). Counted once per deadline, so a
 * case breaching twice counts twice, and on the day the deadline passed.
 */
function breachOf(before: Case, after: Case): string | undefined {
  if (!isOpen(before) || before.dueAt > after.updatedAt) return undefined;
  const deadlineEnded = after.dueAt !== before.dueAt || !isOpen(after);
  return deadlineEnded ? before.dueAt : undefined;
}

/** What one change (old and new image of the case item; either may be missing) adds to the counters. */
export function counterOps(
  before: Case | undefined,
  after: Case | undefined,
  calendar: BusinessCalendar,
): CounterOp[] {
  const ops: CounterOp[] = [];
  const c = after ?? before;
  if (!c) return ops;
  const ref = c.reference;
  if (after && !before) {
    const fact = `created:${ref}`;
    ops.push(
      count(
        'day',
        after.createdAt,
        fact,
        {
          created: 1,
          [`ch_${safe(after.originChannel)}`]: 1,
          [`cat_${safe(after.categoryCode)}`]: 1,
        },
        calendar,
      ),
      count('hour', after.createdAt, fact, { created: 1 }, calendar),
    );
  }
  if (before && after) {
    const deadline = breachOf(before, after);
    if (deadline) {
      const fact = `breach:${ref}:${deadline}`;
      const counts = {
        breached: 1,
        [`breached_t${before.tier}`]: 1,
        [`breached_dept_${safe(before.departmentCode)}`]: 1,
      };
      ops.push(
        count('day', deadline, fact, counts, calendar),
        count('hour', deadline, fact, { breached: 1 }, calendar),
      );
    }
  }
  if (after?.resolvedAt && after.resolvedAt !== before?.resolvedAt) {
    const fact = `resolved:${ref}:${after.resolvedAt}`;
    ops.push(
      count('day', after.resolvedAt, fact, { resolved: 1 }, calendar),
      count('hour', after.resolvedAt, fact, { resolved: 1 }, calendar),
    );
  }
  const from = before ? backlogField(before) : undefined;
  const to = after ? backlogField(after) : undefined;
  if (from !== to)
    ops.push({ kind: 'backlog', reference: ref, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  return ops;
}

/** One day's counters as read back (attribute → number). */
export type DayCounts = { day: string; counts: Record<string, number> };

export type LiveStats = {
  today: {
    day: string;
    created: number;
    resolved: number;
    breached: number;
    byChannel: Record<string, number>;
    byCategory: Record<string, number>;
  };
  thisHour: { hour: string; created: number; resolved: number; breached: number };
  backlog: {
    total: number;
    byTier: Record<'1' | '2' | '3', number>;
    byDepartment: Record<string, Record<'1' | '2' | '3', number>>;
  };
  breachesToday: {
    total: number;
    byTier: Record<'1' | '2' | '3', number>;
    byDepartment: Record<string, number>;
  };
  days: {
    day: string;
    created: number;
    resolved: number;
    breached: number;
  }[];
};

const pick = (counts: Record<string, number>, prefix: string) =>
  Object.fromEntries(
    Object.entries(counts)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );

/** The counters read back as the supervisor's figures; `days` newest first, today first. */
export function summarizeLive(
  days: readonly DayCounts[],
  hour: { hour: string; counts: Record<string, number> },
  backlogSizes: Record<string, number>,
): LiveStats {
  const today = days[0] ?? { day: '', counts: {} };
  const n = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
  const byTier = { 1: 0, 2: 0, 3: 0 } as Record<'1' | '2' | '3', number>;
  const byDepartment: LiveStats['backlog']['byDepartment'] = {};
  let total = 0;
  for (const [field, size] of Object.entries(backlogSizes)) {
    const match = /^open_(.+)_t([123])$/.exec(field);
    if (!match || size === 0) continue;
    const [, dept = '', tier = '1'] = match;
    const t = tier as '1' | '2' | '3';
    byTier[t] += size;
    const d = byDepartment[dept] ?? { 1: 0, 2: 0, 3: 0 };
    d[t] += size;
    byDepartment[dept] = d;
    total += size;
  }
  return {
    today: {
      day: today.day,
      created: n(today.counts, 'created'),
      resolved: n(today.counts, 'resolved'),
      breached: n(today.counts, 'breached'),
      byChannel: pick(today.counts, 'ch_'),
      byCategory: pick(today.counts, 'cat_'),
    },
    thisHour: {
      hour: hour.hour,
      created: n(hour.counts, 'created'),
      resolved: n(hour.counts, 'resolved'),
      breached: n(hour.counts, 'breached'),
    },
    backlog: { total, byTier, byDepartment },
    breachesToday: {
      total: n(today.counts, 'breached'),
      byTier: {
        1: n(today.counts, 'breached_t1'),
        2: n(today.counts, 'breached_t2'),
        3: n(today.counts, 'breached_t3'),
      },
      byDepartment: pick(today.counts, 'breached_dept_'),
    },
    days: days.map(({ day, counts }) => ({
      day,
      created: n(counts, 'created'),
      resolved: n(counts, 'resolved'),
      breached: n(counts, 'breached'),
    })),
  };
}
