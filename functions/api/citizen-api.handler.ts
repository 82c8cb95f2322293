import * as z from 'zod/mini';
import { acceptUploads } from '#core/attachments/accept-uploads.ts';
import {
  ATTACHMENT_TYPES,
  MAX_BYTES,
  maxMegabytes,
  pendingKey,
  UPLOAD_TTL_SECONDS,
} from '#core/attachments/policy.ts';
import { parseReference } from '#core/case/reference.ts';
import { checkServiceArea } from '#core/catalogue/geo.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import { invalidField, NotFoundError } from '#core/errors.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { type IntakeOutcome, receiveInbound } from '#core/intake/receive-inbound.ts';
import { PROCEDURES, procedureByCode } from '#core/knowledge/procedures.ts';
import { findProcedures, proceduresForCategory } from '#core/knowledge/search.ts';
import type { Procedure } from '#core/knowledge/types.ts';
import type { InboundOutcome } from '#core/ports.ts';
import { attachmentStore } from '#shared/attachments.ts';
import { container } from '#shared/container.ts';
import { payloadFingerprint } from '#shared/fingerprint.ts';
import { type HttpRequest, httpHandler } from '#shared/http.ts';
import { intakeDeps } from '#shared/intake.ts';
import { countNewCase, guardNewCase } from '#shared/limits.ts';
import { emailAddress, msg, parseInput, phoneInput, uploadIdList } from '#shared/validation.ts';
import { RATING_ROUTES } from './answer-rating.ts';
import { NEARBY_ROUTES } from './nearby-requests.ts';
import { TRACKING_ROUTES } from './request-tracking.ts';

const DESCRIBE = msg({
  ar: 'صف المشكلة في 10 أحرف على الأقل.',
  en: 'Describe the problem in at least 10 characters.',
});
const REACH_YOU = {
  ar: 'أدخل رقم هاتف أو بريداً إلكترونياً لنرسل لك المستجدات.',
  en: 'Give a phone number or e-mail so we can send you updates.',
};

const newRequest = z.object({
  // Missing fields get the same words as wrong ones, not zod's "expected string".
  text: z
    .string(DESCRIBE)
    .check(
      z.trim(),
      z.minLength(10, DESCRIBE),
      z.maxLength(
        2000,
        msg({ ar: 'الوصف أطول من 2000 حرف.', en: 'The description is longer than 2000 characters.' }),
      ),
    ),
  categoryCode: z.optional(z.string().check(z.maxLength(64))),
  /** A follow-up on one of the citizen's own requests (it joins that case; a resolved one reopens). */
  reference: z.optional(z.string().check(z.maxLength(40))),
  language: z.optional(z.enum(['ar', 'en'])),
  contact: z.object({ phone: z.optional(phoneInput()), email: z.optional(emailAddress()) }, msg(REACH_YOU)),
  /** How the citizen wants answers: by SMS, e-mail, or a call back (`voice`, a landline will do). */
  replyChannel: z.optional(
    z.enum(
      ['sms', 'email', 'voice'],
      msg({ ar: 'طريقة الرد: sms أو email أو voice.', en: 'replyChannel must be sms, email or voice.' }),
    ),
  ),
  location: z.optional(
    z.object({ lat: z.number(), lng: z.number(), address: z.optional(z.string().check(z.maxLength(300))) }),
  ),
  /** Upload ids from POST /v1/uploads, each checked before intake (docs/decisions/0013). */
  attachments: z.optional(uploadIdList()),
});

const newUpload = z.object({
  contentType: z.enum(
    ATTACHMENT_TYPES,
    msg({
      ar: 'نوع الملف غير مقبول: أرسل صور JPEG أو PNG أو WebP أو ملفات PDF.',
      en: 'This file type is not accepted: send JPEG, PNG or WebP photos or PDF files.',
    }),
  ),
  size: z.number().check(z.int(), z.positive(msg({ ar: 'الملف فارغ.', en: 'The file is empty.' }))),
});

const idempotencyKey = z.string().check(
  z.regex(
    /^[A-Za-z0-9_-]{8,128}$/,
    msg({
      ar: 'ترويسة Idempotency-Key مطلوبة (8-128 حرفاً).',
      en: 'An Idempotency-Key header (8-128 characters) is required.',
    }),
  ),
);

const procedureQuery = z.object({
  q: z.optional(
    z
      .string()
      .check(
        z.maxLength(
          200,
          msg({ ar: 'نص البحث أطول من 200 حرف.', en: 'The search text is longer than 200 characters.' }),
        ),
      ),
  ),
  category: z.optional(z.string()),
});

/** Categories and procedures change rarely and are the same for everyone: clients may keep them 5 minutes. */
const PUBLIC_CACHE = { 'cache-control': 'public, max-age=300' };

/** What a list shows of a procedure; the detail route gives the rest. */
const procedureSummary = (p: Procedure) => ({
  code: p.code,
  categoryCodes: p.categoryCodes,
  title: p.title,
  summary: p.summary,
  fees: p.fees,
  expectedTime: p.expectedTime,
});

/** Everything citizens may read: not the internal review date nor the search keywords. */
const procedureDetail = ({ reviewBy: _reviewBy, keywords: _keywords, ...shown }: Procedure) => shown;

const invalid = (path: string, ar: string, en: string) => invalidField(path, { ar, en });

/** A reference as citizens type it (prefix, Arabic-Indic digits, dashes), or a bilingual 400. */
function referenceOrInvalid(raw: string): string {
  const parsed = parseReference(raw, [container().config.referencePrefix]);
  if (!parsed.ok) {
    throw invalid(
      'reference',
      'رقم البلاغ غير صحيح، تأكد من الأرقام.',
      'The reference is not valid: check its digits.',
    );
  }
  return parsed.reference;
}

/**
 * Validates a web request into an Inbound and the uploads to attach; every check happens before
 * anything is written.
 */
function toInbound(req: HttpRequest, now: Date): { inbound: Inbound; uploadIds: string[] } {
  const c = container();
  const key = parseInput(idempotencyKey, req.headers['idempotency-key']);
  const body = parseInput(newRequest, req.body);
  if (body.categoryCode && !c.catalogue.categories.some((cat) => cat.code === body.categoryCode)) {
    throw invalid('categoryCode', 'الفئة غير معروفة.', `Unknown category "${body.categoryCode}".`);
  }
  if (
    body.location &&
    checkServiceArea(body.location, c.catalogue.serviceArea, c.catalogue.wilayats) !== 'inside'
  ) {
    throw invalid(
      'location',
      'الموقع خارج نطاق خدمة البلدية.',
      'The location is outside the municipality’s service area.',
    );
  }
  const email = body.contact.email?.toLowerCase();
  let from: Inbound['from'];
  if (body.contact.phone) {
    const phone = normalizePhone(body.contact.phone);
    if (!phone.ok) throw invalid('contact.phone', 'رقم الهاتف غير صحيح.', 'The phone number is not valid.');
    from = { kind: 'phone', value: phone.e164 };
  } else if (email) {
    from = { kind: 'email', value: email };
  } else {
    throw invalidField('contact', REACH_YOU);
  }
  if (body.replyChannel && !(body.replyChannel === 'email' ? email : body.contact.phone)) {
    throw invalid(
      'replyChannel',
      body.replyChannel === 'email'
        ? 'أدخل بريدك الإلكتروني ليصلك الرد عليه.'
        : 'أدخل رقم هاتفك ليصلك الرد عليه.',
      `Give ${body.replyChannel === 'email' ? 'an e-mail address' : 'a phone number'} to be answered that way.`,
    );
  }
  // Given both, the phone identifies the citizen and the e-mail is linked to them as a second way to reply.
  const alsoFrom: Inbound['from'][] = from.kind === 'phone' && email ? [{ kind: 'email', value: email }] : [];
  // A reference that does not parse is refused; one that is not the citizen's own opens a new case (intake).
  const followUp = body.reference ? referenceOrInvalid(body.reference) : undefined;
  const inbound: Inbound = {
    channel: 'web',
    externalId: key,
    // The key is bound to this payload: the same key with another body is refused, not answered (422).
    fingerprint: payloadFingerprint(req.body),
    from,
    receivedAt: now.toISOString(),
    text: body.text,
    language: body.language ?? req.language,
    ...(body.categoryCode ? { categoryCode: body.categoryCode } : {}),
    ...(body.replyChannel ? { replyChannel: body.replyChannel } : {}),
    ...(body.location ? { location: body.location } : {}),
    ...(followUp ? { reference: followUp } : {}),
    ...(alsoFrom.length ? { alsoFrom } : {}),
  };
  return { inbound, uploadIds: body.attachments ?? [] };
}

const referenceOf = (outcome: InboundOutcome | IntakeOutcome) =>
  outcome.kind === 'new_case' || outcome.kind === 'follow_up' ? outcome.reference : undefined;

/** A browser retrying the same Idempotency-Key while the first request runs waits for its answer (≤ ~3 s). */
async function awaitFirstAttempt(inbound: Inbound): Promise<string | undefined> {
  for (const delay of [50, 100, 200, 400, 800, 1500]) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const stored = await container().inbound.get(inbound.channel, inbound.externalId);
    const reference = stored && referenceOf(stored.outcome);
    if (reference) return reference;
  }
  return undefined;
}

export const handler = httpHandler({
  ...NEARBY_ROUTES,

  'GET /v1/categories': async () => {
    const { catalogue } = container();
    // Keywords too: the portal's category search matches what citizens call things ("حفرة", "bin").
    const categories = catalogue.categories.map((c) => ({
      code: c.code,
      name: c.name,
      type: c.caseType,
      keywords: c.keywords,
    }));
    return { status: 200, body: { categories }, headers: PUBLIC_CACHE };
  },

  'GET /v1/procedures': async (req) => {
    const { catalogue } = container();
    const { q, category } = parseInput(procedureQuery, req.query);
    if (category !== undefined && !catalogue.categories.some((c) => c.code === category)) {
      throw invalid('category', 'الفئة غير معروفة.', `Unknown category "${category}".`);
    }
    const inCategory = category === undefined ? PROCEDURES : proceduresForCategory(category, PROCEDURES);
    // No search text (or only spaces) lists them all, in knowledge-base order.
    const found = q?.trim() ? findProcedures(q, inCategory, undefined, catalogue.categories) : inCategory;
    return { status: 200, body: { procedures: found.map(procedureSummary) }, headers: PUBLIC_CACHE };
  },

  'GET /v1/procedures/{code}': async (req) => {
    const procedure = procedureByCode(req.params.code ?? '', PROCEDURES);
    if (!procedure) {
      throw new NotFoundError({ ar: 'لا يوجد إجراء بهذا الرمز.', en: 'No procedure has this code.' });
    }
    return { status: 200, body: procedureDetail(procedure), headers: PUBLIC_CACHE };
  },

  /**
   * A presigned POST for one photo or document: the browser (or app) sends the file straight to S3,
   * then lists the upload id in POST /v1/requests.
   */
  'POST /v1/uploads': async (req) => {
    const { contentType, size } = parseInput(newUpload, req.body);
    const maxBytes = MAX_BYTES[contentType];
    if (size > maxBytes) {
      const mb = maxMegabytes(contentType);
      throw invalid('size', `حجم الملف أكبر من ${mb} ميغابايت.`, `The file is larger than ${mb} MB.`);
    }
    const uploadId = crypto.randomUUID();
    // The policy is bound to the declared size: S3 refuses a bigger file (EntityTooLarge) before storing it.
    const form = await attachmentStore().createUpload({
      key: pendingKey(uploadId),
      contentType,
      maxBytes: size,
      expiresInSeconds: UPLOAD_TTL_SECONDS,
    });
    return {
      status: 201,
      body: { uploadId, url: form.url, fields: form.fields, expiresAt: form.expiresAt, maxBytes: size },
    };
  },

  'POST /v1/requests': async (req) => {
    const c = container();
    const { inbound, uploadIds } = toInbound(req, c.clock.now());
    // One phone or e-mail cannot flood a queue (docs/decisions/0092).
    await guardNewCase(inbound);
    // Uploads are verified (and JPEG metadata removed) before intake: a refused file opens no case.
    if (uploadIds.length > 0) inbound.attachmentKeys = await acceptUploads(uploadIds, attachmentStore());
    // The web answers in the HTTP response itself: intake never needs to send anything back.
    const result = await receiveInbound(
      inbound,
      intakeDeps(async () => {}),
    );
    await countNewCase(inbound, result);
    const reference = result.kind === 'in_progress' ? await awaitFirstAttempt(inbound) : referenceOf(result);
    // A retry whose first attempt is still running after the wait gets 202: retrying later is safe.
    if (!reference) return { status: 202, body: { status: 'processing' }, headers: { 'retry-after': '2' } };
    return { status: 201, body: { reference } };
  },

  // Tracking: public status, the citizen's view, updates, reopening, one-time codes (request-tracking.ts).
  ...TRACKING_ROUTES,
  ...RATING_ROUTES,
});
