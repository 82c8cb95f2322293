/**
 * Citizens following their own requests (issue 12, "Track a request"; docs/decisions/0085 and 0086):
 * the public status of any reference, and with the case's access token (from the link in our messages, or
 * a one-time code) the citizen's view, new information and photos, and reopening. Mounted into the citizen
 * API next to its other routes.
 */
import * as z from 'zod/mini';
import { acceptUploads } from '#core/attachments/accept-uploads.ts';
import { type Case, type CaseEvent, isOpen } from '#core/case/case.ts';
import { parseReference } from '#core/case/reference.ts';
import { ConflictError, invalidField, NotFoundError, UnauthorizedError } from '#core/errors.ts';
import { recordCitizenMessage } from '#core/lifecycle/lifecycle.ts';
import { take } from '#core/limits/rate-limit.ts';
import { render } from '#core/notify/templates.ts';
import { ACCESS_CODE_DIGITS, sendAccessCode } from '#core/status/access-code.ts';
import { enforce, LIMITS, type LimitName, limitKey } from '#core/status/limits.ts';
import { citizenStatus, publicStatus, reopenWindow } from '#core/status/status-policy.ts';
import { toLatinDigits } from '#core/text/digits.ts';
import { attachmentStore } from '#shared/attachments.ts';
import { container } from '#shared/container.ts';
import type { HttpRequest, Route } from '#shared/http.ts';
import { messenger } from '#shared/messaging.ts';
import { logger } from '#shared/powertools.ts';
import { reportLimitReached } from '#shared/status-limits.ts';
import { trackingLinks } from '#shared/tracking.ts';
import { msg, parseInput, uploadIdList } from '#shared/validation.ts';
import { resumeDeps } from '#shared/workflows.ts';

/** The header that carries a case's access token (never a query parameter: those reach logs). */
export const ACCESS_TOKEN_HEADER = 'x-access-token';

/** How long a photo link in the citizen's view works. */
const FILE_VIEW_SECONDS = 300;

const NO_REQUEST = { ar: 'لا يوجد بلاغ بهذا الرقم.', en: 'No request has this reference.' };

/** Longer than any reference as typed (prefix, separators, Arabic-Indic digits); anything longer is refused. */
const MAX_REFERENCE_INPUT = 64;

/** A reference as citizens type it, from the path, or a bilingual 400. */
export function referenceParam(req: HttpRequest): string {
  const raw = req.params.reference ?? '';
  const parsed =
    raw.length <= MAX_REFERENCE_INPUT
      ? parseReference(raw, [container().config.referencePrefix])
      : { ok: false as const };
  if (!parsed.ok) {
    throw invalidField('reference', {
      ar: 'رقم البلاغ غير صحيح، تأكد من الأرقام.',
      en: 'The reference is not valid: check its digits.',
    });
  }
  return parsed.reference;
}

/**
 * A loopback address is this machine (local mode, tests): it is not limited per address unless it
 * forwards a viewer's address as CloudFront does. In AWS every request comes through CloudFront.
 */
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
const perAddress = (req: HttpRequest) =>
  !req.headers['cloudfront-viewer-address'] && LOOPBACK.test(req.sourceIp)
    ? undefined
    : `web:${req.sourceIp}`;

export async function limitedPerAddress(name: LimitName, req: HttpRequest) {
  const who = perAddress(req);
  if (who) await limited(name, who);
}

export const limited = (name: LimitName, who: string) =>
  enforce(container().rateCounter, name, who, container().clock.now(), (refused) =>
    reportLimitReached(refused, 'web'),
  );

/** Whether the request carries a valid access token for this reference. */
async function hasAccess(req: HttpRequest, reference: string): Promise<boolean> {
  const token = req.headers[ACCESS_TOKEN_HEADER];
  if (!token) return false;
  const tracking = await trackingLinks();
  return tracking?.verify(reference, token.trim()) ?? false;
}

export async function requireAccess(req: HttpRequest, reference: string) {
  if (await hasAccess(req, reference)) return;
  throw new UnauthorizedError({
    ar: 'رابط المتابعة غير صالح. افتحوا الرابط في رسالتنا أو اطلبوا رمزاً.',
    en: 'This tracking link is not valid. Open the link in our message or ask for a code.',
  });
}

async function loadCase(reference: string): Promise<Case> {
  const found = await container().cases.get(reference);
  if (!found) throw new NotFoundError(NO_REQUEST);
  return found;
}

const text = (max: number, tooLong: { ar: string; en: string }) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max, msg(tooLong)));

const update = z.object({
  text: z.optional(
    text(2000, { ar: 'النص أطول من 2000 حرف.', en: 'The text is longer than 2000 characters.' }),
  ),
  uploadIds: z.optional(uploadIdList()),
});

const REASON = { ar: 'اكتبوا سبب إعادة الفتح (3 أحرف على الأقل).', en: 'Say why (at least 3 characters).' };
const reopen = z.object({
  reason: z
    .string(msg(REASON))
    .check(
      z.trim(),
      z.minLength(3, msg(REASON)),
      z.maxLength(
        1000,
        msg({ ar: 'السبب أطول من 1000 حرف.', en: 'The reason is longer than 1000 characters.' }),
      ),
    ),
});

const CODE = { ar: `الرمز ${ACCESS_CODE_DIGITS} أرقام.`, en: `The code is ${ACCESS_CODE_DIGITS} digits.` };
const access = z.object({ code: z.string(msg(CODE)).check(z.maxLength(32, msg(CODE))) });

/** A citizen's words or files on their case: the timeline entry, and the case back at work if it waited. */
function citizenEvent(c: Case, now: Date, fields: Pick<CaseEvent, 'text' | 'data'>): CaseEvent {
  return {
    reference: c.reference,
    id: `in-web-${crypto.randomUUID()}`,
    at: now.toISOString(),
    kind: 'message_in',
    actor: 'citizen',
    channel: 'web',
    ...(fields.text ? { text: fields.text } : {}),
    ...(fields.data ? { data: fields.data } : {}),
  };
}

export const TRACKING_ROUTES: Record<string, Route> = {
  'GET /v1/requests/{reference}': async (req) => {
    const reference = referenceParam(req);
    const c = container();
    if (await hasAccess(req, reference)) {
      const found = await c.cases.getWithTimeline(reference);
      if (!found) throw new NotFoundError(NO_REQUEST);
      const view = citizenStatus(found.case, found.timeline, {
        catalogue: c.catalogue,
        reopenWindowDays: c.config.reopenWindowDays,
        now: c.clock.now(),
      });
      const { files, ...rest } = view;
      const photos = await Promise.all(
        files.map(async (f) => ({
          url: await attachmentStore().viewUrl(f.key, FILE_VIEW_SECONDS),
          addedBy: f.addedBy,
          at: f.at,
        })),
      );
      return { status: 200, body: { ...rest, photos } };
    }
    // Without proof: the public view, counted per address so walking references is slow and seen.
    await limitedPerAddress('publicLookups', req);
    return { status: 200, body: publicStatus(await loadCase(reference), c.catalogue) };
  },

  'POST /v1/requests/{reference}/updates': async (req) => {
    const reference = referenceParam(req);
    await requireAccess(req, reference);
    const body = parseInput(update, req.body ?? {});
    if (!body.text && !body.uploadIds?.length) {
      throw invalidField('text', {
        ar: 'أضيفوا نصاً أو صورة.',
        en: 'Add some text or a photo.',
      });
    }
    await limited('updatesPerReference', reference);
    const c = container();
    const found = await loadCase(reference);
    if (found.mergedInto || !isOpen(found)) {
      throw new ConflictError(
        found.status === 'resolved' && !found.mergedInto
          ? {
              ar: 'تمت معالجة هذا البلاغ. إن لم تُحل المشكلة فأعيدوا فتحه.',
              en: 'This request is resolved. If the problem is not solved, reopen it.',
            }
          : {
              ar: 'هذا البلاغ مغلق. قدّموا بلاغاً جديداً.',
              en: 'This request is closed. Please make a new request.',
            },
      );
    }
    // Files are verified (and JPEG metadata removed) before anything is written.
    const attachments = body.uploadIds?.length ? await acceptUploads(body.uploadIds, attachmentStore()) : [];
    const event = citizenEvent(found, c.clock.now(), {
      ...(body.text ? { text: body.text } : {}),
      ...(attachments.length ? { data: { attachments } } : {}),
    });
    await recordCitizenMessage(found, event, resumeDeps());
    const after = await loadCase(reference);
    return { status: 201, body: { reference, status: after.status } };
  },

  'POST /v1/requests/{reference}/reopen': async (req) => {
    const reference = referenceParam(req);
    await requireAccess(req, reference);
    const { reason } = parseInput(reopen, req.body);
    const c = container();
    const found = await loadCase(reference);
    if (!reopenWindow(found, c.config.reopenWindowDays, c.clock.now()).open) {
      throw new ConflictError(
        found.status === 'resolved' || found.status === 'closed'
          ? {
              ar: 'انتهت مدة إعادة فتح هذا البلاغ. قدّموا بلاغاً جديداً.',
              en: 'The time to reopen this request has passed. Please make a new request.',
            }
          : { ar: 'هذا البلاغ ما زال قيد المعالجة.', en: 'This request is still being handled.' },
      );
    }
    await limited('updatesPerReference', reference);
    // The domain's reopen rule: a citizen's word on a resolved case in its window reopens it at its tier.
    await recordCitizenMessage(
      found,
      citizenEvent(found, c.clock.now(), { text: reason, data: { reopen: true } }),
      resumeDeps(),
    );
    const after = await loadCase(reference);
    return { status: 200, body: { reference, status: after.status } };
  },

  'POST /v1/requests/{reference}/access-code': async (req) => {
    const reference = referenceParam(req);
    await limitedPerAddress('codesPerAddress', req);
    const c = container();
    // Past the per-request limit nothing more is sent, and the answer is still the same.
    const { ok } = await take(
      c.rateCounter,
      limitKey('codesPerReference', reference),
      LIMITS.codesPerReference,
      c.clock.now(),
    );
    if (ok) {
      // A failed send answers like a sent one: an error only for existing requests would be an oracle.
      await sendAccessCode(reference, {
        ...c,
        codes: c.accessCodes,
        render: (found, code, channel) =>
          render(
            'accessCode',
            {
              municipality: c.config.municipality,
              referencePrefix: c.config.referencePrefix,
              case: found,
              accessCode: code,
            },
            found.language,
            channel,
          ),
        send: async (to, message, ref) => {
          await messenger().send(to, message, { reference: ref, automatic: true });
        },
      }).catch((error: unknown) => logger.error('access code not sent', { error: error as Error }));
    } else {
      reportLimitReached('codesPerReference', 'web');
    }
    // The same answer whether or not the request exists or has a contact: no oracle.
    return {
      status: 202,
      body: {
        status: 'accepted',
        messages: {
          ar: 'إن كان لهذا البلاغ هاتف أو بريد مسجل فقد أرسلنا إليه رمزاً صالحاً 10 دقائق.',
          en: 'If this request has a phone or e-mail on file, we sent it a code valid for 10 minutes.',
        },
      },
    };
  },

  'POST /v1/requests/{reference}/access': async (req) => {
    const reference = referenceParam(req);
    const { code } = parseInput(access, req.body);
    const digits = toLatinDigits(code).replace(/\s/g, '');
    await limitedPerAddress('codeAttemptsPerAddress', req);
    await limited('codeAttemptsPerReference', reference);
    const c = container();
    const tracking = await trackingLinks();
    const ok =
      tracking !== undefined &&
      new RegExp(`^\\d{${ACCESS_CODE_DIGITS}}$`).test(digits) &&
      (await c.accessCodes.redeem(reference, digits, c.clock.now()));
    if (!ok || !tracking) {
      throw invalidField('code', {
        ar: 'الرمز غير صحيح أو انتهت صلاحيته.',
        en: 'The code is wrong or has expired.',
      });
    }
    return { status: 200, body: { reference, token: tracking.tokenFor(reference) } };
  },
};
