import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The aggregator's webhook signature (docs/decisions/0041): `X-Nidaa-Signature: v1=<hex>` where hex is
 * HMAC-SHA256(shared secret, `<X-Nidaa-Timestamp>.<raw body>`), the timestamp in Unix seconds. Signing
 * the timestamp with the body lets us refuse old requests; remembering signatures refuses replays.
 */
export const SIGNATURE_HEADER = 'x-nidaa-signature';
export const TIMESTAMP_HEADER = 'x-nidaa-timestamp';
/** How far a request's timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { ok: true; signature: string; signedAt: Date }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Checks a request's signature and age; headers are lower-case (as API Gateway's payload 2.0 has them). */
export function verifyWebhook(
  headers: Record<string, string | undefined>,
  rawBody: string,
  secret: string,
  now: Date,
): SignatureCheck {
  const timestamp = headers[TIMESTAMP_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v1=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const signedAt = new Date(Number(timestamp) * 1000);
  if (Math.abs(now.getTime() - signedAt.getTime()) > SIGNATURE_TOLERANCE_SECONDS * 1000) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  // Constant time: how many leading characters matched must not show in the response time.
  const matches = timingSafeEqual(expected, Buffer.from(signature));
  return matches ? { ok: true, signature, signedAt } : { ok: false, reason: 'mismatch' };
}
