import * as z from 'zod/mini';
import { allowedQueues, authorizeRoute, canSeeCase, staffFromClaims } from '#core/auth/policy.ts';
import { parseReference } from '#core/case/reference.ts';
import { ForbiddenError, NotFoundError } from '#core/errors.ts';
import { container } from '#shared/container.ts';
import { type HttpRequest, httpHandler, type Route } from '#shared/http.ts';
import { msg, parseInput } from '#shared/validation.ts';

const queueQuery = z.object({
  queue: z
    .string()
    .check(z.regex(/^(t1|t2|t3#[a-z_]+)$/, msg({ ar: 'طابور غير معروف.', en: 'Unknown queue.' }))),
  limit: z.optional(z.pipe(z.string(), z.transform(Number)).check(z.refine((n) => n >= 1 && n <= 100))),
  after: z.optional(z.string()),
});

/** Every agent route goes through the same check: who is calling, and may their role use this route. */
const guarded =
  (route: (req: HttpRequest, staff: ReturnType<typeof staffFromClaims>) => ReturnType<Route>): Route =>
  async (req) => {
    const staff = staffFromClaims(req.claims);
    authorizeRoute(staff, req.routeKey);
    return route(req, staff);
  };

const notFound = () => new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Case not found.' });

export const handler = httpHandler({
  'GET /v1/cases': guarded(async (req, staff) => {
    const c = container();
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
    const c = container();
    const parsed = parseReference(req.params.reference ?? '', [c.config.referencePrefix]);
    if (!parsed.ok) throw notFound();
    const found = await c.cases.getWithTimeline(parsed.reference);
    // Another department's case answers exactly like a missing one: no hint that it exists.
    if (!found || !canSeeCase(staff, found.case)) throw notFound();
    return { status: 200, body: found };
  }),
});
