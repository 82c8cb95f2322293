import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import { DynamoReplayGuard } from '#adapters/dynamodb/replay-guard.ts';
import { readSecretString } from '#adapters/secrets/secret-reader.ts';
import { SIGNED_ROUTES } from '#core/auth/policy.ts';
import { twoWaySms } from '#core/channels/two-way-sms.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import {
  type Bilingual,
  ConflictError,
  invalidField,
  NotFoundError,
  TransientError,
  UnauthorizedError,
  ValidationError,
} from '#core/errors.ts';
import { once, onceAsync } from '#shared/container.ts';
import { ENV, requireEnv } from '#shared/env.ts';
import { json, pickLanguage, problem } from '#shared/http.ts';
import { processTwoWaySms } from '#shared/sms.ts';
import { msg, parseInput } from '#shared/validation.ts';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  type SignatureCheck,
  verifyWebhook,
} from '#shared/webhook-signature.ts';

/** What the Omani short-code aggregator posts for each SMS a citizen sends to the short code. */
const aggregatorMessage = z.object({
  messageId: z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9._:-]{1,200}$/,
        msg({ ar: 'معرّف الرسالة مطلوب (1-200 حرف).', en: 'messageId is required (1-200 characters).' }),
      ),
    ),
  from: z.string().check(z.maxLength(32)),
  to: z.string().check(z.maxLength(32)),
  text: z.string().check(z.minLength(1), z.maxLength(1600)),
  receivedAt: z.optional(z.iso.datetime()),
});

const REFUSED: Record<Exclude<SignatureCheck, { ok: true }>['reason'], Bilingual> = {
  missing: {
    ar: 'الطلب غير موقّع: الترويستان X-Nidaa-Timestamp و X-Nidaa-Signature مطلوبتان.',
    en: 'The request is not signed: the X-Nidaa-Timestamp and X-Nidaa-Signature headers are required.',
  },
  malformed: {
    ar: 'صيغة التوقيع أو الطابع الزمني غير صحيحة (v1=<hex> وثوانٍ منذ 1970).',
    en: 'The signature or timestamp is malformed (expected v1=<hex> and Unix seconds).',
  },
  stale: {
    ar: `الطابع الزمني للطلب خارج النافذة المسموحة (${SIGNATURE_TOLERANCE_SECONDS / 60} دقائق).`,
    en: `The request timestamp is outside the allowed window (${SIGNATURE_TOLERANCE_SECONDS / 60} minutes).`,
  },
  mismatch: { ar: 'توقيع الطلب غير صحيح.', en: 'The request signature does not match.' },
};

/** Read once per container; a failed read is not kept, so the next request tries again. */
const webhookSecret = onceAsync(() => readSecretString(requireEnv(ENV.smsWebhookSecretArn)));

const replayGuard = once(() => new DynamoReplayGuard(createDocumentClient(), requireEnv(ENV.tableName)));

async function receive(event: APIGatewayProxyEventV2) {
  if (SIGNED_ROUTES[event.routeKey] !== 'sms_aggregator') {
    throw new NotFoundError({ ar: 'المسار غير موجود.', en: `No route for ${event.routeKey}.` });
  }
  const rawBody = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  // Signature first: nothing in an unsigned body is read, parsed or stored.
  const now = new Date();
  const check = verifyWebhook(event.headers ?? {}, rawBody, await webhookSecret(), now);
  if (!check.ok) throw new UnauthorizedError(REFUSED[check.reason]);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new ValidationError({ ar: 'نص الطلب ليس JSON صالحاً.', en: 'The request body is not valid JSON.' });
  }
  const message = parseInput(aggregatorMessage, body);
  const from = normalizePhone(message.from);
  if (!from.ok) {
    throw invalidField('from', { ar: 'رقم المرسل غير صحيح.', en: 'The sender number is not valid.' });
  }
  // Remembered only once the request is known good: a refused request changes nothing.
  const until = new Date(check.signedAt.getTime() + SIGNATURE_TOLERANCE_SECONDS * 1000);
  if (!(await replayGuard().firstSeen('sms-webhook', check.signature, until, now))) {
    throw new ConflictError({
      ar: 'وصل هذا الطلب الموقّع من قبل (إعادة إرسال). وقّعوا كل محاولة بطابع زمني جديد.',
      en: 'This signed request was already received (a replay). Sign each attempt with a fresh timestamp.',
    });
  }

  const sms = twoWaySms({
    from: from.e164,
    to: message.to,
    text: message.text,
    inboundMessageId: message.messageId,
  });
  const result = await processTwoWaySms(sms, message.receivedAt ?? now.toISOString());
  if (result.kind === 'in_progress') {
    // Another delivery of this message holds it; if that worker died, a retry after its lease takes over.
    throw new TransientError({
      ar: 'الرسالة قيد المعالجة، أعيدوا المحاولة بعد دقيقة.',
      en: 'This message is being processed; retry in a minute.',
    });
  }
  return json(200, {
    inboundMessageId: sms.inboundMessageId,
    outcome: result.kind,
    duplicate: result.duplicate,
  });
}

/**
 * The short-code aggregator's webhook (AWS has no two-way SMS in Oman): verifies the HMAC signature and
 * its age, refuses replays, normalizes the message to AWS's two-way SMS JSON and processes it exactly as
 * the SNS path does. Errors are bilingual problem details (RFC 9457).
 */
export const handler = middy<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  Context
>().handler(async (event) => {
  const language = pickLanguage(event.headers?.['accept-language']);
  try {
    return await receive(event);
  } catch (error) {
    const response = problem(error, language, event.requestContext?.requestId ?? 'unknown');
    if (error instanceof TransientError) response.headers = { ...response.headers, 'retry-after': '60' };
    return response;
  }
});
