import { ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { readSecretString } from '#adapters/secrets/secret-reader.ts';
import { ORIGIN_VERIFY_HEADER, sameSecret } from '#core/auth/origin.ts';
import { ENV, requireEnv } from '#shared/env.ts';

/** Re-read now and then, so a rotated value is picked up without a deployment of this function. */
const CACHE_MS = 5 * 60_000;
let cached: { values: string[]; until: number } | undefined;

async function secretVersion(stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> {
  try {
    return await readSecretString(requireEnv(ENV.originSecretId), { versionStage: stage });
  } catch (error) {
    // Before the first rotation there is no previous value.
    if (stage === 'AWSPREVIOUS' && error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * The current and the previous value: during a rotation CloudFront still sends the previous one until the
 * edge stack is deployed with the new version (README), and neither side may refuse citizens meanwhile.
 */
async function originSecrets(now: number): Promise<string[]> {
  if (cached && cached.until > now) return cached.values;
  const values = await Promise.all([secretVersion('AWSCURRENT'), secretVersion('AWSPREVIOUS')]);
  cached = { values: values.filter((v): v is string => v !== undefined), until: now + CACHE_MS };
  return cached.values;
}

/** The HTTP API's request event (payload 2.0) carries headers in lower case. */
type AuthorizerEvent = { headers?: Record<string, string | undefined> };

/**
 * Lambda authorizer (simple responses) of the citizen routes: only requests forwarded by CloudFront, which
 * adds the secret header, get through. A secret that cannot be read fails closed (API Gateway answers 500).
 */
export const handler = async (event: AuthorizerEvent) => {
  const given = event.headers?.[ORIGIN_VERIFY_HEADER];
  const values = await originSecrets(Date.now());
  return { isAuthorized: values.some((value) => sameSecret(given, value)) };
};
