import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { UploadCheck } from '#core/attachments/accept-uploads.ts';
import { checkUpload, refusalMessage } from '#core/attachments/accept-uploads.ts';
import { APP_MEDIA_PREFIX, caseAttachmentKey, MAX_ATTACHMENTS } from '#core/attachments/policy.ts';
import { sniffType } from '#core/attachments/sniff.ts';
import { authorizeRoute, staffFromClaims } from '#core/auth/policy.ts';
import { type Case, type CaseEvent, type CaseStatus, STATUS_LABELS } from '#core/case/case.ts';
import { checkServiceArea } from '#core/catalogue/geo.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import { type Bilingual, isNidaaError, NotFoundError } from '#core/errors.ts';
import type { Identity, Inbound } from '#core/intake/inbound.ts';
import { receiveInbound } from '#core/intake/receive-inbound.ts';
import { API_KEY_POSTS, apiKeyCounter, TOO_MANY_REQUESTS, take } from '#core/limits/rate-limit.ts';
import {
  type ApiKeyRecord,
  findApiKey,
  INVALID_API_KEY,
  listedApiKey,
  newApiKey,
} from '#core/open311/api-keys.ts';
import { Open311Error } from '#core/open311/errors.ts';
import {
  commaList,
  formatDateTime,
  type Open311Format,
  type Open311Params,
  parseDateTime,
  parseNumber,
  parsePositiveInt,
  readParams,
  splitExtension,
} from '#core/open311/params.ts';
import { matchesFilter, open311Status, publicRequest } from '#core/open311/requests.ts';
import {
  findService,
  type Open311Language,
  readAttributes,
  serviceDefinition,
  serviceList,
} from '#core/open311/services.ts';
import { type Open311Value, toJson, toXml } from '#core/open311/xml.ts';
import type { QueueEntry } from '#core/ports.ts';
import { detectLanguage } from '#core/text/arabic.ts';
import { attachmentStore } from '#shared/attachments.ts';
import { container } from '#shared/container.ts';
import { ENV, readEnv } from '#shared/env.ts';
import { type HttpRequest, httpHandler, pickLanguage } from '#shared/http.ts';
import { intakeDeps } from '#shared/intake.ts';
import { apiKeyStore, countNewCase, guardNewCase } from '#shared/limits.ts';
import { logger } from '#shared/powertools.ts';
import { msg, parseInput } from '#shared/validation.ts';

/**
 * Open311 GeoReport v2 for app makers (docs/open311.md, docs/decisions/0090): discovery, services and
 * their definitions, service requests (new ones are ordinary cases of the `app` channel, through the
 * same intake as every channel), and the `servicerequestupdates` feed. The administrators' API-key
 * routes live here too, next to the keys they issue.
 */

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When the published service list or definitions last changed (discovery's `changeset`). */
const CHANGESET = '2026-12-07 00:00';
/** The default window of GET requests and the longest one allowed, as the specification sets them. */
const MAX_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** Paging (the common extension): `page` from 1; at most 1,000 requests are ever listed, as the specification caps them. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_LISTED = 1000;
const MAX_IDS = 100;
/** GeoReport v2's description limit. */
const MAX_DESCRIPTION = 4000;

const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

type Call = {
  format: Open311Format;
  lang: Open311Language;
  params: Open311Params;
  media: File[];
  headers: Record<string, string>;
  baseUrl: string;
};

type Document = { status?: number; root: string; value: Open311Value; cache?: string };

function render(format: Open311Format, doc: Document): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: doc.status ?? 200,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'cache-control': doc.cache ?? 'no-store',
      ...SECURITY_HEADERS,
    },
    body: format === 'json' ? toJson(doc.value) : toXml(doc.root, doc.value),
  };
}

/** The specification's `errors` list, with its HTTP status (and Retry-After on a rate limit). */
function renderError(format: Open311Format, error: Open311Error, lang: Open311Language) {
  const res = render(format, {
    status: error.status,
    root: 'errors',
    value: [{ code: error.status, description: error.messages[lang] }],
  });
  if (error.retryAfterSeconds)
    res.headers = { ...res.headers, 'retry-after': String(error.retryAfterSeconds) };
  return res;
}

/** Shared domain errors (a refused photo, a rate limit, bad input) in GeoReport v2's terms. */
function asOpen311Error(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (isNidaaError(error)) {
    const fields = error.fields.map((f) => f.message);
    const messages: Bilingual = fields.length
      ? { ar: fields.map((f) => f.ar).join(' '), en: fields.map((f) => f.en).join(' ') }
      : error.messages;
    const retry = 'retryAfterSeconds' in error ? Number(error.retryAfterSeconds) : undefined;
    // 401/409/413 have no place in GeoReport v2: anything the client can fix is a 400.
    const status = [403, 404, 429, 503].includes(error.status)
      ? error.status
      : error.status >= 500
        ? 500
        : 400;
    return new Open311Error(status, messages, retry);
  }
  logger.error('unhandled error', { error: error as Error });
  return new Open311Error(500, {
    ar: 'حدث خطأ غير متوقع. حاول مرة أخرى.',
    en: 'Something went wrong. Please try again.',
  });
}

const notFound = (en: string, ar: string) => new Open311Error(404, { ar, en });

// ---------------------------------------------------------------------------------------------------
// Discovery and services

function discovery(call: Call): Document {
  const { config } = container();
  return {
    root: 'discovery',
    cache: 'public, max-age=3600',
    value: {
      changeset: CHANGESET,
      contact: `${config.municipality[call.lang]} — ${config.hotline} — ${config.email.from}`,
      key_service:
        call.lang === 'ar'
          ? 'يصدر مسؤول النظام في البلدية مفاتيح api_key لمطوري التطبيقات؛ راسلنا على العنوان أعلاه.'
          : 'The municipality’s administrator issues api_key keys to app makers; write to the address above.',
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${call.baseUrl}/open311/v2`,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// New service requests

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

function contactOf(call: Call, key: ApiKeyRecord): { from: Identity; alsoFrom: Identity[] } {
  const phoneText = call.params.get('phone');
  const email = call.params.get('email')?.toLowerCase();
  if (email && (email.length > 254 || !EMAIL.test(email))) {
    throw new Open311Error(400, { ar: 'البريد الإلكتروني غير صحيح.', en: 'email is not a valid address.' });
  }
  let phone: string | undefined;
  if (phoneText) {
    const normalized = normalizePhone(phoneText.slice(0, 40));
    if (!normalized.ok)
      throw new Open311Error(400, { ar: 'رقم الهاتف غير صحيح.', en: 'phone is not valid.' });
    phone = normalized.e164;
  }
  if (phone) {
    return {
      from: { kind: 'phone', value: phone },
      alsoFrom: email ? [{ kind: 'email', value: email }] : [],
    };
  }
  if (email) return { from: { kind: 'email', value: email }, alsoFrom: [] };
  // Anonymous: the app's device id, scoped to the key (ids are the app's own, not global).
  const device = call.params.get('device_id')?.slice(0, 128) ?? 'anonymous';
  return { from: { kind: 'device', value: `${key.id}:${device}` }, alsoFrom: [] };
}

function locationOf(call: Call) {
  const { catalogue } = container();
  const latText = call.params.get('lat');
  const longText = call.params.get('long');
  const address = call.params.get('address_string')?.slice(0, 300);
  const addressId = call.params.get('address_id')?.slice(0, 100);
  if ((latText === undefined) !== (longText === undefined)) {
    throw new Open311Error(400, {
      ar: 'أرسل lat وlong معاً.',
      en: 'lat and long must be sent together.',
    });
  }
  if (latText === undefined || longText === undefined) {
    if (!address && !addressId) {
      throw new Open311Error(400, {
        ar: 'الموقع مطلوب: lat وlong، أو address_string، أو address_id.',
        en: 'A location is required: lat and long, or address_string, or address_id.',
      });
    }
    return { address, addressId };
  }
  const point = { lat: parseNumber('lat', latText, -90, 90), lng: parseNumber('long', longText, -180, 180) };
  if (checkServiceArea(point, catalogue.serviceArea, catalogue.wilayats) !== 'inside') {
    throw new Open311Error(400, {
      ar: 'الموقع خارج نطاق خدمة البلدية.',
      en: 'The location is outside the municipality’s service area.',
    });
  }
  return { point, address, addressId };
}

/** A deterministic upload id per (key, client id, file), so a retried POST rewrites the same objects. */
async function mediaUploadId(seed: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)));
  const hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  // A UUID (version 8, "custom") after the prefix the function may write under (docs/decisions/0090).
  return `${APP_MEDIA_PREFIX}${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Checks every photo before anything is written, then stores them without their metadata. */
async function storeMedia(files: File[], seed: string): Promise<string[]> {
  if (files.length > MAX_ATTACHMENTS) {
    throw new Open311Error(400, {
      ar: `يمكن إرفاق ${MAX_ATTACHMENTS} ملفات على الأكثر.`,
      en: `At most ${MAX_ATTACHMENTS} files can be attached.`,
    });
  }
  const checked: { check: Extract<UploadCheck, { ok: true }>; bytes: Uint8Array }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The content decides the type, whatever the part's Content-Type says.
    const type = sniffType(bytes.subarray(0, 16));
    const check = await checkUpload({ size: bytes.length, contentType: type ?? file.type }, bytes);
    if (!check.ok) throw new Open311Error(400, refusalMessage(check.problem));
    checked.push({ check, bytes });
  }
  const keys: string[] = [];
  for (const [i, { check, bytes }] of checked.entries()) {
    const key = caseAttachmentKey(await mediaUploadId(`${seed}#${i}`));
    await attachmentStore().put(key, check.cleaned ?? bytes, check.type);
    keys.push(key);
  }
  return keys;
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,128}$/;

/** What makes two POSTs the same request: who, what, which service and where (not when it arrived). */
const fingerprint = (i: Inbound) =>
  JSON.stringify([i.from, i.text, i.categoryCode, i.location?.lat, i.location?.lng]);

async function createRequest(call: Call): Promise<Document> {
  const c = container();
  const now = c.clock.now();
  const key = await findApiKey(apiKeyStore(), call.params.get('api_key'));
  if (!key) throw new Open311Error(403, INVALID_API_KEY);
  const allowed = await take(container().rateCounter, apiKeyCounter(key.id), API_KEY_POSTS, now);
  if (!allowed.ok) throw new Open311Error(429, TOO_MANY_REQUESTS, allowed.retryAfterSeconds);

  const serviceCode = call.params.get('service_code');
  if (!serviceCode)
    throw new Open311Error(400, { ar: 'service_code مطلوب.', en: 'service_code is required.' });
  const category = findService(c.catalogue, serviceCode);
  if (!category)
    throw notFound(`No service has the code ${serviceCode}.`, `لا توجد خدمة بالرمز ${serviceCode}.`);
  const location = locationOf(call);
  const attributeLines = readAttributes(category, call.params.attributes);
  const description = call.params.get('description');
  if (description && description.length > MAX_DESCRIPTION) {
    throw new Open311Error(400, {
      ar: `الوصف أطول من ${MAX_DESCRIPTION} حرف.`,
      en: `description is longer than ${MAX_DESCRIPTION} characters.`,
    });
  }
  const mediaUrl = call.params.get('media_url');
  if (mediaUrl && !/^https?:\/\/[^\s]{3,2000}$/i.test(mediaUrl)) {
    throw new Open311Error(400, { ar: 'media_url ليس رابطاً صحيحاً.', en: 'media_url is not an http(s) URL.' });
  }
  const { from, alsoFrom } = contactOf(call, key);
  const clientId = call.headers['idempotency-key'];
  if (clientId !== undefined && !CLIENT_ID.test(clientId)) {
    throw new Open311Error(400, {
      ar: 'ترويسة Idempotency-Key من 8 إلى 128 حرفاً (حروف لاتينية وأرقام و- و_).',
      en: 'The Idempotency-Key header takes 8-128 letters, digits, - or _.',
    });
  }
  // The app's own id makes a retried POST the same request; without one each POST is new.
  const externalId = `${key.id}:${clientId ?? crypto.randomUUID()}`;
  const name = [call.params.get('first_name'), call.params.get('last_name')].filter(Boolean).join(' ');
  // What the agent reads: the citizen's words first, then what the app's form added, labelled.
  const text = [
    description ?? category.name.ar,
    ...attributeLines,
    ...(location.address ? [`العنوان / Address: ${location.address}`] : []),
    ...(location.addressId ? [`address_id: ${location.addressId}`] : []),
    ...(name ? [`الاسم / Name: ${name.slice(0, 200)}`] : []),
    ...(mediaUrl ? [`media_url: ${mediaUrl}`] : []),
  ].join('\n');
  const inbound: Inbound = {
    channel: 'app',
    externalId,
    from,
    ...(alsoFrom.length ? { alsoFrom } : {}),
    receivedAt: now.toISOString(),
    text,
    language: description ? detectLanguage(description) : call.lang,
    categoryCode: category.code,
    // Each POST is a new service request, never a follow-up on the citizen's open case.
    intent: 'new_case',
    ...(location.point
      ? { location: { ...location.point, ...(location.address ? { address: location.address } : {}) } }
      : {}),
  };
  await guardNewCase(inbound);
  // An id the app used before is the same request only if it says the same thing: another report under
  // it is refused before its photos could overwrite the first one's.
  const earlier = clientId ? await c.inbound.get(inbound.channel, externalId) : undefined;
  if (earlier && fingerprint(earlier) !== fingerprint(inbound)) {
    throw new Open311Error(400, {
      ar: 'استُخدم Idempotency-Key هذا لبلاغ آخر مختلف؛ استخدم معرّفاً جديداً لكل بلاغ.',
      en: 'This Idempotency-Key was used for a different request; use a new one for each request.',
    });
  }
  if (earlier?.attachmentKeys) inbound.attachmentKeys = earlier.attachmentKeys;
  else if (call.media.length > 0) inbound.attachmentKeys = await storeMedia(call.media, externalId);
  const result = await receiveInbound(
    inbound,
    intakeDeps(async () => {}),
  );
  await countNewCase(inbound, result);
  if (result.kind !== 'new_case' && result.kind !== 'follow_up') {
    throw new Open311Error(503, {
      ar: 'ما زال الطلب قيد المعالجة، أعد المحاولة بنفس Idempotency-Key بعد ثوانٍ.',
      en: 'The request is still being processed; retry with the same Idempotency-Key in a few seconds.',
    });
  }
  const created = await c.cases.get(result.reference);
  const department = c.catalogue.departments.find((d) => d.code === created?.departmentCode);
  const notice: Bilingual = {
    ar: `استلمنا بلاغك برقم ${result.reference}${department ? ` وأحلناه إلى ${department.name.ar}` : ''}.`,
    en: `We received your request ${result.reference}${department ? ` and passed it to ${department.name.en}` : ''}.`,
  };
  const accountId = call.params.get('account_id');
  return {
    root: 'service_requests',
    value: [
      {
        service_request_id: result.reference,
        service_notice: notice[call.lang],
        account_id: accountId?.slice(0, 100) ?? null,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading service requests

const requestOptions = (call: Call, extensions: boolean) => ({
  lang: call.lang,
  utcOffsetMinutes: container().config.calendar.utcOffsetMinutes,
  extensions,
});

const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** Cases by id (the specification's comma list); unknown or malformed ids are skipped, not errors. */
async function casesById(ids: readonly string[]): Promise<Case[]> {
  if (ids.length > MAX_IDS) {
    throw new Open311Error(400, {
      ar: `اطلب ${MAX_IDS} بلاغاً على الأكثر في المرة.`,
      en: `Ask for at most ${MAX_IDS} service_request_id values at once.`,
    });
  }
  const { cases } = container();
  const found = await Promise.all(ids.filter((id) => /^\d{4,20}$/.test(id)).map((id) => cases.get(id)));
  return found.filter((c): c is Case => c !== undefined);
}

function dateWindow(params: Open311Params, now: Date, required = false) {
  const startText = params.get('start_date');
  const endText = params.get('end_date');
  if (required && !startText)
    throw new Open311Error(400, { ar: 'start_date مطلوب.', en: 'start_date is required.' });
  const end = endText ? parseDateTime('end_date', endText) : now;
  const start = startText
    ? parseDateTime('start_date', startText)
    : new Date(end.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  if (start > end) {
    throw new Open311Error(400, { ar: 'start_date بعد end_date.', en: 'start_date is after end_date.' });
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new Open311Error(400, {
      ar: `المدة بين start_date وend_date أطول من ${MAX_WINDOW_DAYS} يوماً.`,
      en: `start_date to end_date may not exceed ${MAX_WINDOW_DAYS} days.`,
    });
  }
  return { start, end };
}

/** Summaries of the cases created in the window, newest first, across every department. */
async function casesCreatedBetween(start: Date, end: Date): Promise<QueueEntry[]> {
  const { cases, catalogue } = container();
  const pages = await Promise.all(
    catalogue.departments.map((d) =>
      // `~` sorts after every `#<reference>` suffix: the end instant is inclusive.
      cases.listByDepartmentSince(d.code, start.toISOString(), MAX_LISTED, `${end.toISOString()}~`),
    ),
  );
  return pages.flat().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

function statusFilter(value: string | undefined) {
  const statuses = commaList(value?.toLowerCase());
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
    throw new Open311Error(400, {
      ar: 'status يقبل open أو closed.',
      en: 'status takes open and/or closed.',
    });
  }
  return statuses as ('open' | 'closed')[] | undefined;
}

async function listRequests(call: Call): Promise<Document> {
  const c = container();
  const { params } = call;
  const options = requestOptions(call, isTrue(params.get('extensions')));
  const ids = commaList(params.get('service_request_id'));
  if (ids) {
    // The specification: service_request_id overrides every other argument.
    const found = await casesById(ids);
    return { root: 'service_requests', value: found.map((x) => publicRequest(x, c.catalogue, options)) };
  }
  const { start, end } = dateWindow(params, c.clock.now());
  const filter = {
    ...(commaList(params.get('service_code')) ? { serviceCodes: commaList(params.get('service_code')) } : {}),
    ...(statusFilter(params.get('status')) ? { statuses: statusFilter(params.get('status')) } : {}),
  };
  const pageText = params.get('page');
  const sizeText = params.get('page_size');
  const page = pageText ? parsePositiveInt('page', pageText, MAX_LISTED) : 1;
  const pageSize = sizeText ? parsePositiveInt('page_size', sizeText, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const matching = (await casesCreatedBetween(start, end))
    .filter((entry) => matchesFilter(entry, c.catalogue, filter))
    .slice(0, MAX_LISTED);
  const shown = matching.slice((page - 1) * pageSize, page * pageSize);
  // The summaries lack the update time: the page's cases are read whole (at most page_size reads).
  const full = await Promise.all(shown.map((entry) => c.cases.get(entry.reference)));
  return {
    root: 'service_requests',
    value: full.filter((x): x is Case => x !== undefined).map((x) => publicRequest(x, c.catalogue, options)),
  };
}

async function oneRequest(call: Call, id: string): Promise<Document> {
  const c = container();
  const [found] = await casesById([id]);
  if (!found) throw notFound(`No service request has the id ${id}.`, `لا يوجد بلاغ بالرقم ${id}.`);
  return {
    root: 'service_requests',
    value: [publicRequest(found, c.catalogue, requestOptions(call, isTrue(call.params.get('extensions'))))],
  };
}

/**
 * The mySociety `servicerequestupdates` feed: each public status change (its public wording, never the
 * agent's text). With `service_request_id` anyone may read a request's updates; the whole feed walks
 * every recent case's timeline, so it needs an api_key and counts against the key's rate.
 */
async function listUpdates(call: Call): Promise<Document> {
  const c = container();
  const { params } = call;
  const now = c.clock.now();
  const { start, end } = dateWindow(params, now);
  const ids = commaList(params.get('service_request_id'));
  let references: string[];
  if (ids) {
    references = (await casesById(ids)).map((x) => x.reference);
  } else {
    const key = await findApiKey(apiKeyStore(), params.get('api_key'));
    if (!key) throw new Open311Error(403, INVALID_API_KEY);
    const allowed = await take(container().rateCounter, apiKeyCounter(key.id), API_KEY_POSTS, now);
    if (!allowed.ok) throw new Open311Error(429, TOO_MANY_REQUESTS, allowed.retryAfterSeconds);
    // Updates in the window belong to cases created up to 90 days before its end.
    const recent = await casesCreatedBetween(new Date(end.getTime() - MAX_WINDOW_DAYS * DAY_MS), end);
    references = recent.slice(0, MAX_PAGE_SIZE).map((x) => x.reference);
  }
  const offset = c.config.calendar.utcOffsetMinutes;
  const timelines = await Promise.all(references.map((r) => c.cases.getWithTimeline(r)));
  // Public updates: the request received, then each status change, in its public wording.
  const statusAfter = (e: CaseEvent): CaseStatus | undefined =>
    e.kind === 'created'
      ? 'new'
      : e.kind === 'status' && typeof e.data?.to === 'string'
        ? (e.data.to as CaseStatus)
        : undefined;
  const updates = timelines.flatMap((found) =>
    (found?.timeline ?? [])
      .filter((e) => statusAfter(e) && e.at >= start.toISOString() && e.at <= end.toISOString())
      .map((e) => {
        const to = statusAfter(e) as CaseStatus;
        return {
          update_id: `${e.reference}-${e.id}`,
          service_request_id: e.reference,
          status: open311Status(to),
          updated_datetime: formatDateTime(e.at, offset),
          description: STATUS_LABELS[to][call.lang],
          media_url: null,
          external_status_code: to,
        };
      }),
  );
  updates.sort((a, b) => (a.updated_datetime < b.updated_datetime ? -1 : 1));
  return { root: 'service_request_updates', value: updates.slice(0, MAX_LISTED) };
}

// ---------------------------------------------------------------------------------------------------
// Dispatch

/** A public base URL for discovery: the municipality's host as the client reached it. */
function baseUrlOf(headers: Record<string, string>): string {
  const configured = readEnv(ENV.open311BaseUrl);
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers['x-forwarded-host'] ?? headers.host ?? 'localhost';
  const proto = headers['x-forwarded-proto'] ?? (/^(127\.|localhost|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}

async function readCall(event: APIGatewayProxyEventV2, format: Open311Format): Promise<Call> {
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']),
  );
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const entries: [string, string][] = [...query.entries()];
  const media: File[] = [];
  if (event.body) {
    const body = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    const contentType = headers['content-type'] ?? '';
    if (/^multipart\/form-data/i.test(contentType)) {
      let form: FormData;
      try {
        form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      } catch {
        throw new Open311Error(400, {
          ar: 'نص الطلب ليس multipart/form-data صالحاً.',
          en: 'The body is not valid multipart/form-data.',
        });
      }
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') entries.push([name, value]);
        else if (name === 'media' || name === 'media[]') media.push(value);
      }
    } else if (/^application\/x-www-form-urlencoded/i.test(contentType) || contentType === '') {
      entries.push(...new URLSearchParams(body.toString('utf8')).entries());
    } else {
      throw new Open311Error(400, {
        ar: 'أرسل الطلب بصيغة application/x-www-form-urlencoded أو multipart/form-data.',
        en: 'Send application/x-www-form-urlencoded or multipart/form-data.',
      });
    }
  }
  const params = readParams(entries);
  const locale = params.get('locale')?.toLowerCase();
  const lang: Open311Language = locale?.startsWith('en')
    ? 'en'
    : locale?.startsWith('ar')
      ? 'ar'
      : pickLanguage(headers['accept-language']);
  return { format, lang, params, media, headers, baseUrl: baseUrlOf(headers) };
}

async function serveOpen311(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const document = event.pathParameters?.document ?? '';
  const file = splitExtension(document);
  const fallbackLang = pickLanguage(event.headers?.['accept-language']);
  if (!file) {
    return renderError(
      'xml',
      notFound('Unknown format: use .xml or .json.', 'صيغة غير معروفة: استخدم ‎.xml أو ‎.json.'),
      fallbackLang,
    );
  }
  let call: Call | undefined;
  try {
    call = await readCall(event, file.format);
    const route = event.routeKey;
    const name = file.name;
    let doc: Document | undefined;
    if (route === 'GET /open311/{document}' && name === 'discovery') doc = discovery(call);
    else if (route === 'GET /open311/v2/{document}') {
      if (name === 'discovery') doc = discovery(call);
      else if (name === 'services')
        doc = {
          root: 'services',
          value: serviceList(container().catalogue, call.lang),
          cache: 'public, max-age=300',
        };
      else if (name === 'requests') doc = await listRequests(call);
      else if (name === 'servicerequestupdates') doc = await listUpdates(call);
    } else if (route === 'POST /open311/v2/{document}' && name === 'requests')
      doc = await createRequest(call);
    else if (route === 'GET /open311/v2/services/{document}') {
      const category = findService(container().catalogue, name);
      if (!category) throw notFound(`No service has the code ${name}.`, `لا توجد خدمة بالرمز ${name}.`);
      doc = {
        root: 'service_definition',
        value: serviceDefinition(category, call.lang),
        cache: 'public, max-age=300',
      };
    } else if (route === 'GET /open311/v2/requests/{document}') doc = await oneRequest(call, name);
    else if (route === 'GET /open311/v2/tokens/{document}') {
      // Every service is `realtime`: POST returns the id at once, so no token ever exists.
      throw notFound(
        `No token ${name}: requests here are realtime.`,
        `لا يوجد رمز ${name}: البلاغات هنا فورية.`,
      );
    }
    if (!doc) throw notFound('No such resource.', 'المورد غير موجود.');
    return render(file.format, doc);
  } catch (error) {
    return renderError(file.format, asOpen311Error(error), call?.lang ?? fallbackLang);
  }
}

// ---------------------------------------------------------------------------------------------------
// API keys (administrators)

const newKeyBody = z.object({
  name: z
    .string(msg({ ar: 'اسم المفتاح مطلوب.', en: 'A name for the key is required.' }))
    .check(
      z.trim(),
      z.minLength(2, msg({ ar: 'اسم المفتاح قصير جداً.', en: 'The key’s name is too short.' })),
      z.maxLength(
        100,
        msg({ ar: 'اسم المفتاح أطول من 100 حرف.', en: 'The key’s name is longer than 100 characters.' }),
      ),
    ),
});

function admin(req: HttpRequest) {
  const staff = staffFromClaims(req.claims);
  authorizeRoute(staff, req.routeKey);
  return staff;
}

const adminRoutes = httpHandler({
  'POST /v1/admin/api-keys': async (req) => {
    const staff = admin(req);
    const { name } = parseInput(newKeyBody, req.body);
    const created = await newApiKey();
    const record: ApiKeyRecord = {
      id: created.id,
      name,
      hash: created.hash,
      createdAt: container().clock.now().toISOString(),
      createdBy: staff.username,
    };
    await apiKeyStore().create(record);
    // The only time the key itself is shown: only its hash is kept.
    return { status: 201, body: { ...listedApiKey(record), key: created.key } };
  },
  'GET /v1/admin/api-keys': async (req) => {
    admin(req);
    const keys = await apiKeyStore().list();
    return { status: 200, body: { keys: keys.map(listedApiKey) } };
  },
  'DELETE /v1/admin/api-keys/{id}': async (req) => {
    admin(req);
    const id = req.params.id ?? '';
    const revoked =
      /^[a-z0-9]{1,40}$/.test(id) && (await apiKeyStore().revoke(id, container().clock.now().toISOString()));
    const record = revoked ? await apiKeyStore().get(id) : undefined;
    if (!record) throw new NotFoundError({ ar: 'لا يوجد مفتاح بهذا المعرّف.', en: 'No API key has this id.' });
    return { status: 200, body: listedApiKey(record) };
  },
});

export async function handler(event: APIGatewayProxyEventV2, context: Context) {
  if (event.routeKey.includes('/v1/admin/')) return adminRoutes(event, context);
  return serveOpen311(event);
}
