import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ORIGIN_VERIFY_HEADER, sameSecret } from '#core/auth/origin.ts';

const secrets = new SecretsManagerClient({});
/** Re-read now and then, so a rotated value is picked up without a deployment of this function. */
const CACHE_MS = 5 * 60_000;
let cached: { value: string; until: number } | undefined;

async function originSecret(now: number): Promise<string> {
  if (cached && cached.until > now) return cached.value;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.ORIGIN_SECRET_ID }));
  cached = { value: out.SecretString ?? '', until: now + CACHE_MS };
  return cached.value;
}

/** The HTTP API's request event (payload 2.0) carries headers in lower case. */
type AuthorizerEvent = { headers?: Record<string, string | undefined> };

/**
 * Lambda authorizer (simple responses) of the citizen routes: only requests forwarded by CloudFront, which
 * adds the secret header, get through. A secret that cannot be read fails closed (API Gateway answers 500).
 */
export const handler = async (event: AuthorizerEvent) => ({
  isAuthorized: sameSecret(event.headers?.[ORIGIN_VERIFY_HEADER], await originSecret(Date.now())),
});
