import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhook,
} from '../../../functions/shared/webhook-signature.ts';

const SECRET = 'a3f1c9e07b2d4a6f8e0c1b3d5f7a9c2e';
const NOW = new Date('2026-11-28T08:00:00.000Z');
const TIMESTAMP = String(NOW.getTime() / 1000);
const BODY = JSON.stringify({ messageId: 'agg-1', from: '+96891234567', to: '90888', text: 'رط ٢٦٠٠٠١٢٣٣' });

const headers = (overrides: Record<string, string | undefined> = {}) => ({
  'x-nidaa-timestamp': TIMESTAMP,
  'x-nidaa-signature': signWebhook(SECRET, TIMESTAMP, BODY),
  ...overrides,
});

describe('the aggregator webhook signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, prefixed v1=', () => {
    const expected = createHmac('sha256', SECRET).update(`${TIMESTAMP}.${BODY}`, 'utf8').digest('hex');
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(`v1=${expected}`);
  });

  it('accepts a valid, fresh signature and gives back when it was signed', () => {
    expect(verifyWebhook(headers(), BODY, SECRET, NOW)).toEqual({
      ok: true,
      signature: signWebhook(SECRET, TIMESTAMP, BODY),
      signedAt: NOW,
    });
  });

  it.each([
    ['no signature header', headers({ 'x-nidaa-signature': undefined }), BODY, 'missing'],
    ['no timestamp header', headers({ 'x-nidaa-timestamp': undefined }), BODY, 'missing'],
    ['no headers at all', {}, BODY, 'missing'],
    [
      'a signature that is not v1=<64 hex>',
      headers({ 'x-nidaa-signature': 'sha256=abc' }),
      BODY,
      'malformed',
    ],
    [
      'a timestamp in milliseconds or ISO',
      headers({ 'x-nidaa-timestamp': NOW.toISOString() }),
      BODY,
      'malformed',
    ],
    ['a body changed after signing', headers(), BODY.replace('90888', '90889'), 'mismatch'],
    [
      'another secret',
      headers({ 'x-nidaa-signature': signWebhook('another-secret', TIMESTAMP, BODY) }),
      BODY,
      'mismatch',
    ],
    [
      'a signature over another timestamp',
      headers({ 'x-nidaa-signature': signWebhook(SECRET, Number(TIMESTAMP) - 1, BODY) }),
      BODY,
      'mismatch',
    ],
  ] as const)('refuses %s', (_case, given, body, reason) => {
    expect(verifyWebhook(given, body, SECRET, NOW)).toEqual({ ok: false, reason });
  });

  it('refuses a timestamp outside the window either way, even when correctly signed', () => {
    for (const offset of [-(SIGNATURE_TOLERANCE_SECONDS + 1), SIGNATURE_TOLERANCE_SECONDS + 1]) {
      const timestamp = String(Number(TIMESTAMP) + offset);
      const signed = {
        'x-nidaa-timestamp': timestamp,
        'x-nidaa-signature': signWebhook(SECRET, timestamp, BODY),
      };
      expect(verifyWebhook(signed, BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'stale' });
    }
    const edge = String(Number(TIMESTAMP) - SIGNATURE_TOLERANCE_SECONDS);
    const atEdge = { 'x-nidaa-timestamp': edge, 'x-nidaa-signature': signWebhook(SECRET, edge, BODY) };
    expect(verifyWebhook(atEdge, BODY, SECRET, NOW).ok).toBe(true);
  });
});
