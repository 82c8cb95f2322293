import { createHmac } from 'node:crypto';
import { readSecretString } from '#adapters/secrets/secret-reader.ts';
import type { CitizenKey } from '#core/analytics/records.ts';
import { onceAsync } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/**
 * The citizen in the analytics store (docs/decisions/0100, 0103): an HMAC-SHA256 of the contact id under
 * the stage's citizen-key secret (CITIZEN_KEY_SECRET_ARN), so repeat contacts can be counted without a
 * contact id, phone or address in the lake, and nobody without the secret can recompute a key. The secret
 * is never rotated on a schedule: a new key starts every citizen afresh.
 */
export const citizenKeyFrom =
  (secret: string): CitizenKey =>
  (contactId) =>
    createHmac('sha256', secret).update(`nidaa-citizen:v1:${contactId}`).digest('base64url');

/** The stage's citizen key, read once per container; a failed read is tried again on the next call. */
export const citizenKey = onceAsync(async () =>
  citizenKeyFrom(await readSecretString(requireEnv(ENV.citizenKeySecretArn))),
);
