import * as z from 'zod/mini';
import { caseAttachmentKey } from '#core/attachments/policy.ts';
import { allowedQueues, canSeeCase } from '#core/auth/policy.ts';
import type { Staff } from '#core/auth/roles.ts';
import type { Case } from '#core/case/case.ts';
import { parseReference } from '#core/case/reference.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import { ForbiddenError, invalidField, NotFoundError } from '#core/errors.ts';
import type { Identity, Inbound } from '#core/intake/inbound.ts';
import { receiveInbound } from '#core/intake/receive-inbound.ts';
import { AGENT_ACTION_KINDS, type AgentAction } from '#core/lifecycle/agent-actions.ts';
import { actOnCase } from '#core/lifecycle/lifecycle.ts';
import { mergeCases } from '#core/lifecycle/merge.ts';
import { queueOf } from '#core/lifecycle/tiers.ts';
import type { DueRange } from '#core/ports.ts';
import { localHour, summarizeLive } from '#core/stats/live-counters.ts';
import { lastDays, summarizeSatisfaction } from '#core/stats/satisfaction.ts';
import {
  AT_RISK_BUSINESS_MINUTES,
  slaWindow,
  startOfLocalDay,
  summarizeWorkload,
} from '#core/stats/workload.ts';
import { attachmentStore } from '#shared/attachments.ts';
import { container } from '#shared/container.ts';
import { type HttpRequest, httpHandler } from '#shared/http.ts';
import { intakeDeps } from '#shared/intake.ts';
import { notify } from '#shared/messaging.ts';
import { guarded } from '#shared/staff-routes.ts';
import { emailAddress, integerParam, msg, parseInput } from '#shared/validation.ts';
import { resumeDeps } from '#shared/workflows.ts';

const queueQuery = z.object({
  queue: z
    .string()
    .check(z.regex(/^(t1|t2|t3#[a-z_]+)$/, msg({ ar: 'طابور غير معروف.', en: 'Unknown queue.' }))),
  limit: z.optional(
    integerParam({ min: 1, max: 100, message: { ar: 'limit عدد من 1 إلى 100.', en: 'limit is 1 to 100.' } }),
  ),
  after: z.optional(
    z
      .string()
      .check(z.maxLength(2048, msg({ ar: 'مؤشر الصفحة طويل جداً.', en: 'The page cursor is too long.' }))),
  ),
  /** Only the cases whose SLA has passed, or runs out within AT_RISK_BUSINESS_MINUTES of business time. */
  due: z.optional(
    z.enum(['breached', 'at_risk'], msg({ ar: 'قيمة due غير معروفة.', en: 'due is breached or at_risk.' })),
  ),
});

const text = (min: number, max: number, what: { ar: string; en: string }) => {
  const required = msg({
    ar: `${what.ar} مطلوب (${min} أحرف على الأقل).`,
    en: `${what.en} is required (at least ${min} characters).`,
  });
  // A missing field gets the same words as a too-short one, not zod's "expected string".
  return z
    .string(required)
    .check(
      z.trim(),
      z.minLength(min, required),
      z.maxLength(
        max,
        msg({ ar: `${what.ar} أطول من ${max} حرف.`, en: `${what.en} is longer than ${max} characters.` }),
      ),
    );
};
const reason = text(3, 500, { ar: 'السبب', en: 'A reason' });

/** A case an agent opens for the citizen on the line (voice or chat), idempotent on the Connect contact. */
const agentCase = z.object({
  channel: z.enum(
    ['voice', 'chat'],
    msg({ ar: 'القناة مكالمة أو محادثة.', en: 'channel is voice or chat.' }),
  ),
  contactId: z
    .string(msg({ ar: 'معرّف الاتصال مطلوب.', en: 'contactId (the Connect contact) is required.' }))
    .check(z.minLength(1), z.maxLength(128)),
  phone: z
    .string(msg({ ar: 'رقم هاتف المتصل مطلوب.', en: 'The caller’s phone is required.' }))
    .check(z.maxLength(40)),
  text: text(10, 2000, { ar: 'وصف البلاغ', en: 'The description' }),
  categoryCode: z.optional(z.string().check(z.maxLength(64))),
  language: z.optional(z.enum(['ar', 'en'])),
});

/** The body each action takes; reasons are required for every tier move and reopen. */
const ACTION_BODIES = {
  claim: z.object({}),
  note: z.object({ text: text(1, 2000, { ar: 'نص الملاحظة', en: 'The note' }) }),
  reply: z.object({
    text: text(1, 1000, { ar: 'نص الرد', en: 'The reply' }),
    awaitAnswer: z.optional(z.boolean()),
  }),
  escalate: z.object({ reason }),
  deescalate: z.object({ reason }),
  resolve: z.object({ answer: text(3, 2000, { ar: 'الرد على المواطن', en: 'The answer to the citizen' }) }),
  reopen: z.object({ reason }),
  recategorize: z.object({ categoryCode: z.string(), reason }),
  // The primary's reference as an agent types it: with or without prefix, any digits; checked below.
  merge: z.object({
    into: z.string(
      msg({ ar: 'رقم البلاغ المراد الضم إليه مطلوب.', en: 'The case to merge into is required.' }),
    ),
    reason,
  }),
} satisfies Record<AgentAction['kind'], z.ZodMiniType>;

/** How long an attachment's view link works: long enough to look, short enough not to be shared. */
const ATTACHMENT_VIEW_SECONDS = 300;

/** `GET /v1/stats?days=N`: the last N local days (1–90, today included; Arabic-Indic digits accepted). */
const statsQuery = z.object({
  days: z.optional(
    integerParam({
      min: 1,
      max: 90,
      message: { ar: 'days عدد أيام من 1 إلى 90.', en: 'days is a number of days from 1 to 90.' },
    }),
  ),
});

const statsQueues = () => {
  const codes = container().catalogue.departments.map((d) => d.code);
  return ['t1', 't2', ...codes.map((d) => queueOf({ tier: 3, departmentCode: d }))];
};

/** Open cases whose deadline falls within the at-risk window: only those are read, by the queue index. */
async function atRiskCount(now: Date): Promise<number> {
  const c = container();
  const window = slaWindow(now, c.calendar);
  const due = { from: window.breachedBefore, before: window.atRiskUntil };
  const pages = await Promise.all(
    statsQueues().map((q) => allPages((after) => c.cases.listQueue(q, 100, after, due))),
  );
  return pages.flat().length;
}

/** The workload read from the case table itself (every open case, today's cases): before counters exist. */
async function workloadSnapshot(now: Date) {
  const c = container();
  const since = startOfLocalDay(now, c.calendar);
  const codes = c.catalogue.departments.map((d) => d.code);
  const [open, today] = await Promise.all([
    Promise.all(statsQueues().map((q) => allPages((after) => c.cases.listQueue(q, 100, after)))),
    Promise.all(codes.map((d) => c.cases.listByDepartmentSince(d, since, STATS_DAY_LIMIT))),
  ]);
  return summarizeWorkload(open.flat(), today.flat(), now, c.calendar);
}

/** A department's cases of one day counted at most: far above a municipality's daily volume. */
const STATS_DAY_LIMIT = 1000;

/** Every page of a paged read (open cases of one queue: bounded by the open work, not the table). */
async function allPages<T>(read: (after?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await read(after);
    items.push(...page.items);
    after = page.next;
  } while (after);
  return items;
}

const notFound = () => new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Case not found.' });

function referenceParam(req: HttpRequest) {
  const parsed = parseReference(req.params.reference ?? '', [container().config.referencePrefix]);
  if (!parsed.ok) throw notFound();
  return parsed.reference;
}

const citizenQuery = z.object({
  phone: z.optional(z.string().check(z.maxLength(30))),
  email: z.optional(emailAddress()),
});

/** A citizen's cases by phone (any Omani or international form) or e-mail, newest first, within what the caller may see. */
async function findByCitizen(req: HttpRequest, staff: Staff) {
  const c = container();
  const query = parseInput(citizenQuery, req.query);
  let identity: Identity;
  if (query.phone) {
    const phone = normalizePhone(query.phone);
    if (!phone.ok) {
      throw invalidField('phone', {
        ar: 'رقم الهاتف غير صحيح.',
        en: `The phone number is not valid (${phone.reason}).`,
      });
    }
    identity = { kind: 'phone', value: phone.e164 };
  } else {
    identity = { kind: 'email', value: (query.email ?? '').toLowerCase() };
  }
  const contact = await c.contacts.findByIdentity(identity);
  if (!contact) return [];
  const cases = await c.cases.listByContact(contact.contactId, 50);
  return cases.filter((x) => canSeeCase(staff, x));
}

function mergeTarget(into: string) {
  const parsed = parseReference(into, [container().config.referencePrefix]);
  if (!parsed.ok)
    throw invalidField('into', {
      ar: 'رقم البلاغ المراد الضم إليه غير صحيح.',
      en: 'The reference of the case to merge into is not valid.',
    });
  return parsed.reference;
}

/** The workflow's task token is an internal secret: never part of an API response. */
const forStaff = ({ workflow: _workflow, ...c }: Case) => c;

const actionRoutes = Object.fromEntries(
  AGENT_ACTION_KINDS.map((kind) => [
    `POST /v1/cases/{reference}/${kind}`,
    guarded(async (req, staff) => {
      const action = { kind, ...parseInput(ACTION_BODIES[kind], req.body ?? {}) } as AgentAction;
      const deps = { ...resumeDeps(), notify };
      const updated =
        action.kind === 'merge'
          ? await mergeCases(referenceParam(req), { ...action, into: mergeTarget(action.into) }, staff, deps)
          : await actOnCase(referenceParam(req), action, staff, deps);
      return { status: 200, body: forStaff(updated) };
    }),
  ]),
);

export const handler = httpHandler({
  'GET /v1/cases': guarded(async (req, staff) => {
    const c = container();
    if (req.query.phone || req.query.email)
      return { status: 200, body: { items: await findByCitizen(req, staff) } };
    const query = parseInput(queueQuery, req.query);
    const queues = allowedQueues(
      staff,
      c.catalogue.departments.map((d) => d.code),
    );
    if (!queues.includes(query.queue)) {
      throw new ForbiddenError({ ar: 'لا يمكنك عرض هذا الطابور.', en: 'You may not view this queue.' });
    }
    const window = slaWindow(c.clock.now(), c.calendar);
    const due: DueRange | undefined =
      query.due === 'breached'
        ? { before: window.breachedBefore }
        : query.due === 'at_risk'
          ? { from: window.breachedBefore, before: window.atRiskUntil }
          : undefined;
    const page = await c.cases.listQueue(query.queue, query.limit ?? 50, query.after, due);
    return { status: 200, body: page };
  }),

  'POST /v1/cases': guarded(async (req, staff) => {
    const c = container();
    const body = parseInput(agentCase, req.body ?? {});
    const phone = normalizePhone(body.phone);
    if (!phone.ok)
      throw invalidField('phone', { ar: 'رقم الهاتف غير صحيح.', en: 'The phone number is not valid.' });
    if (body.categoryCode && !c.catalogue.categories.some((cat) => cat.code === body.categoryCode)) {
      throw invalidField('categoryCode', {
        ar: 'الفئة غير معروفة.',
        en: `Unknown category "${body.categoryCode}".`,
      });
    }
    const inbound: Inbound = {
      channel: body.channel,
      // One Connect contact opens one case however often the agent presses "create".
      externalId: `agent-${body.contactId}`,
      from: { kind: 'phone', value: phone.e164 },
      receivedAt: c.clock.now().toISOString(),
      text: body.text,
      language: body.language ?? req.language,
      // The agent decided this is a new problem: it never joins the caller's latest case.
      intent: 'new_case',
      ...(body.categoryCode ? { categoryCode: body.categoryCode } : {}),
    };
    // The caller hears the reference from the agent; intake still acknowledges it on their channel.
    const result = await receiveInbound(
      inbound,
      intakeDeps(async () => {}),
    );
    // A retry while the first attempt still runs: the agent may press again in a moment.
    if (result.kind !== 'new_case') {
      return { status: 202, body: { status: 'processing' }, headers: { 'retry-after': '2' } };
    }
    // The contact's transcript or recording joins this case when Connect delivers it.
    await c.contactLinks.link(body.contactId, result.reference, c.clock.now().toISOString());
    const found = await c.cases.get(result.reference);
    if (!found || !canSeeCase(staff, found)) throw notFound();
    return { status: 201, body: { case: forStaff(found) } };
  }),

  'GET /v1/cases/{reference}/attachments/{uploadId}': guarded(async (req, staff) => {
    const found = await container().cases.getWithTimeline(referenceParam(req));
    if (!found || !canSeeCase(staff, found.case)) throw notFound();
    // Only a file this case's timeline lists: an upload id alone opens nothing.
    const key = caseAttachmentKey(req.params.uploadId ?? '');
    const listed = found.timeline.some((e) => {
      const files = e.data?.attachments;
      return Array.isArray(files) && files.includes(key);
    });
    const stored = listed ? await attachmentStore().describe(key) : undefined;
    if (!stored) throw new NotFoundError({ ar: 'المرفق غير موجود.', en: 'Attachment not found.' });
    const url = await attachmentStore().viewUrl(key, ATTACHMENT_VIEW_SECONDS);
    return {
      status: 200,
      body: { url, contentType: stored.contentType, size: stored.size },
      headers: { 'cache-control': 'private, no-store' },
    };
  }),

  'GET /v1/me': guarded(async (_req, staff) => {
    const c = container();
    return {
      status: 200,
      body: {
        staff,
        queues: allowedQueues(
          staff,
          c.catalogue.departments.map((d) => d.code),
        ),
        // What the panel needs to label and place cases and to count SLAs down in business time.
        calendar: c.calendar,
        atRiskBusinessMinutes: AT_RISK_BUSINESS_MINUTES,
        referencePrefix: c.config.referencePrefix,
        // Public facts (names, SLAs, routing, wilayat centres): the panel labels cases, draws the map and
        // asks the same decideAction which actions this user may take on a case.
        catalogue: c.catalogue,
      },
    };
  }),

  'GET /v1/stats': guarded(async (req) => {
    const c = container();
    const now = c.clock.now();
    const { days } = parseInput(statsQuery, req.query);
    const dayList = lastDays(now, days ?? 7, c.calendar.utcOffsetMinutes);
    const hourKey = localHour(now, c.calendar);
    // The live counters (liveCounters, from the case table's stream): a handful of small reads, and the
    // cases due soon (one query per queue), all at once.
    const [counted, hour, backlog, surveyDays, atRisk] = await Promise.all([
      c.liveCounters.days(dayList.at(-1) as string, dayList[0] as string),
      c.liveCounters.hour(hourKey),
      c.liveCounters.backlog(),
      c.surveys.days(lastDays(now, 7, c.calendar.utcOffsetMinutes)),
      atRiskCount(now),
    ]);
    const byDay = new Map(counted.map((d) => [d.day, d.counts]));
    const live = summarizeLive(
      dayList.map((day) => ({ day, counts: byDay.get(day) ?? {} })),
      { hour: hourKey, counts: hour },
      backlog ?? {},
    );
    // Until the backfill counted the cases older than the stream (`countedFrom`), the snapshot is read.
    const snapshot = backlog ? undefined : await workloadSnapshot(now);
    return {
      status: 200,
      body: {
        at: now.toISOString(),
        open: {
          ...(snapshot?.open ?? {
            total: live.backlog.total,
            byTier: live.backlog.byTier,
            byDepartment: live.backlog.byDepartment,
          }),
          atRisk: snapshot?.open.atRisk ?? atRisk,
          // Deadlines that passed today: each escalation sets a new deadline, so an open case hardly
          // ever sits past its own; the breaches are counted as they happen instead.
          breached: live.breachesToday.total,
        },
        today: snapshot?.today ?? {
          since: startOfLocalDay(now, c.calendar),
          total: live.today.created,
          byChannel: live.today.byChannel,
          byCategory: live.today.byCategory,
        },
        thisHour: live.thisHour,
        breachesToday: live.breachesToday,
        days: live.days,
        // Post-call survey ratings (hotline and chat): today, and the last seven days.
        satisfaction: {
          today: summarizeSatisfaction(surveyDays.slice(0, 1)),
          last7Days: summarizeSatisfaction(surveyDays),
        },
      },
    };
  }),

  'GET /v1/cases/{reference}': guarded(async (req, staff) => {
    const found = await container().cases.getWithTimeline(referenceParam(req));
    // Another department's case answers exactly like a missing one: no hint that it exists.
    if (!found || !canSeeCase(staff, found.case)) throw notFound();
    return { status: 200, body: { case: forStaff(found.case), timeline: found.timeline } };
  }),

  ...actionRoutes,
});
