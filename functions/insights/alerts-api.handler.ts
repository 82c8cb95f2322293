import * as z from 'zod/mini';
import { NotFoundError } from '#core/errors.ts';
import { ALERT_KINDS, ALERT_STATUSES, acknowledgeAlert } from '#core/insights/alert.ts';
import { container } from '#shared/container.ts';
import { httpHandler } from '#shared/http.ts';
import { alertStore } from '#shared/insights.ts';
import { guarded } from '#shared/staff-routes.ts';
import { integerParam, msg, parseInput } from '#shared/validation.ts';

const listQuery = z.object({
  status: z.optional(
    z.enum(
      ALERT_STATUSES,
      msg({ ar: 'الحالة open أو acknowledged.', en: 'status is open or acknowledged.' }),
    ),
  ),
  kind: z.optional(
    z.enum(
      ALERT_KINDS,
      msg({ ar: 'نوع التنبيه غير معروف.', en: `kind is one of ${ALERT_KINDS.join(', ')}.` }),
    ),
  ),
  limit: z.optional(
    integerParam({ min: 1, max: 100, message: { ar: 'الحد من ١ إلى ١٠٠.', en: 'limit is 1 to 100.' } }),
  ),
  after: z.optional(
    z
      .string()
      .check(z.maxLength(1024, msg({ ar: 'مؤشر الصفحة طويل جداً.', en: 'The page cursor is too long.' }))),
  ),
});

const noteRequired = msg({
  ar: 'الملاحظة مطلوبة (٣ أحرف على الأقل): ماذا فُعل أو لماذا لا يلزم شيء.',
  en: 'A note is required (at least 3 characters): what was done, or why nothing is needed.',
});
const acknowledgement = z.object({
  note: z
    .string(noteRequired)
    .check(
      z.trim(),
      z.minLength(3, noteRequired),
      z.maxLength(
        1000,
        msg({ ar: 'الملاحظة أطول من ١٠٠٠ حرف.', en: 'The note is longer than 1000 characters.' }),
      ),
    ),
});

/** Alert ids are `<YYYYMMDDHH>-<kind>-<12 hex>`; anything else cannot be one. */
const ALERT_ID = /^\d{10}-[a-z_]{4,20}-[0-9a-f]{12}$/;

/**
 * Early-warning alerts for supervisors and administrators (docs/decisions/0108): the list (open first,
 * newest first, by status and kind, paged) and acknowledging one with a note.
 */
export const handler = httpHandler({
  'GET /v1/insights/alerts': guarded(async (req) => {
    const query = parseInput(listQuery, req.query);
    const page = await alertStore().list({
      limit: query.limit ?? 25,
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.after ? { after: query.after } : {}),
    });
    return { status: 200, body: page };
  }),
  'GET /v1/insights/alerts/{id}': guarded(async (req) => {
    const id = req.params.id ?? '';
    const alert = ALERT_ID.test(id) ? await alertStore().get(id) : undefined;
    if (!alert) throw new NotFoundError({ ar: 'لا يوجد تنبيه بهذا المعرّف.', en: 'No alert has this id.' });
    return { status: 200, body: alert };
  }),
  'POST /v1/insights/alerts/{id}/acknowledge': guarded(async (req, staff) => {
    const { note } = parseInput(acknowledgement, req.body ?? {});
    const id = req.params.id ?? '';
    if (!ALERT_ID.test(id))
      throw new NotFoundError({ ar: 'لا يوجد تنبيه بهذا المعرّف.', en: 'No alert has this id.' });
    const alert = await acknowledgeAlert(
      alertStore(),
      id,
      staff.username,
      note,
      container().clock.now().toISOString(),
    );
    return { status: 200, body: alert };
  }),
});
