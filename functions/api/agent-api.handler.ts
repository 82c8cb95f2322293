import * as z from 'zod/mini';
import { allowedQueues, authorizeRoute, canSeeCase, staffFromClaims } from '#core/auth/policy.ts';
import type { Staff } from '#core/auth/roles.ts';
import type { Case } from '#core/case/case.ts';
import { parseReference } from '#core/case/reference.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import { ForbiddenError, invalidField, NotFoundError } from '#core/errors.ts';
import type { Identity } from '#core/intake/inbound.ts';
import { AGENT_ACTION_KINDS, type AgentAction } from '#core/lifecycle/agent-actions.ts';
import { actOnCase } from '#core/lifecycle/lifecycle.ts';
import { mergeCases } from '#core/lifecycle/merge.ts';
import { container } from '#shared/container.ts';
import { type HttpRequest, httpHandler, type Route } from '#shared/http.ts';
import { notify } from '#shared/messaging.ts';
import { msg, parseInput } from '#shared/validation.ts';
import { resumeDeps } from '#shared/workflows.ts';

const queueQuery = z.object({
  queue: z
    .string()
    .check(z.regex(/^(t1|t2|t3#[a-z_]+)$/, msg({ ar: 'طابور غير معروف.', en: 'Unknown queue.' }))),
  limit: z.optional(z.pipe(z.string(), z.transform(Number)).check(z.refine((n) => n >= 1 && n <= 100))),
  after: z.optional(z.string()),
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

/** Every agent route goes through the same check: who is calling, and may their role use this route. */
const guarded =
  (route: (req: HttpRequest, staff: Staff) => ReturnType<Route>): Route =>
  async (req) => {
    const staff = staffFromClaims(req.claims);
    authorizeRoute(staff, req.routeKey);
    return route(req, staff);
  };

const notFound = () => new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Case not found.' });

function referenceParam(req: HttpRequest) {
  const parsed = parseReference(req.params.reference ?? '', [container().config.referencePrefix]);
  if (!parsed.ok) throw notFound();
  return parsed.reference;
}

const citizenQuery = z.object({
  phone: z.optional(z.string().check(z.maxLength(30))),
  email: z.optional(
    z.email(msg({ ar: 'البريد الإلكتروني غير صحيح.', en: 'The e-mail address is not valid.' })),
  ),
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
    const page = await c.cases.listQueue(query.queue, query.limit ?? 50, query.after);
    return { status: 200, body: page };
  }),

  'GET /v1/cases/{reference}': guarded(async (req, staff) => {
    const found = await container().cases.getWithTimeline(referenceParam(req));
    // Another department's case answers exactly like a missing one: no hint that it exists.
    if (!found || !canSeeCase(staff, found.case)) throw notFound();
    return { status: 200, body: { case: forStaff(found.case), timeline: found.timeline } };
  }),

  ...actionRoutes,
});
