import { createHmac, timingSafeEqual } from 'node:crypto';
import { readSecretString } from '#adapters/secrets/secret-reader.ts';
import { container, onceAsync } from './container.ts';
import { ENV, readEnv } from './env.ts';
import { logger } from './powertools.ts';

/**
 * Tracking links (docs/decisions/0086): `<portalUrl>/track/<reference>#k=<token>`. The token is a short HMAC
 * over the reference, so the link in the citizen's own messages is their proof; it sits in the fragment, which
 * browsers never send, so it stays out of every server and CDN log. The key is a Secrets Manager secret in
 * AWS (TRACKING_SECRET_ARN) and a fixed dev secret in local mode.
 */
export type TrackingLinks = {
  tokenFor(reference: string): string;
  /** True for a token of the current key, or of the previous one while a rotation is under way. */
  verify(reference: string, token: string): boolean;
  /** The link for our messages, when the stage has a portal. */
  linkFor(reference: string): string | undefined;
  /** The one-tap rating page of the case's latest answer, same token (docs/decisions/0114). */
  rateLinkFor(reference: string): string | undefined;
};

/** Bumped to invalidate every link already sent (with a new secret, the same effect). */
const TOKEN_VERSION = 'v1';
/** 16 base64url characters: 96 bits, short enough for an SMS, far beyond guessing. */
export const TOKEN_LENGTH = 16;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16}$/;

const sign = (secret: string, reference: string) =>
  createHmac('sha256', secret)
    .update(`nidaa-track:${TOKEN_VERSION}:${reference}`)
    .digest('base64url')
    .slice(0, TOKEN_LENGTH);

export function trackingLinksFrom(secrets: readonly string[], portalUrl?: string): TrackingLinks {
  const [current] = secrets;
  if (!current) throw new Error('tracking links need a secret');
  const base = portalUrl?.replace(/\/+$/, '');
  return {
    tokenFor: (reference) => sign(current, reference),
    verify: (reference, token) => {
      if (!TOKEN_SHAPE.test(token)) return false;
      const given = Buffer.from(token);
      return secrets.some((secret) => timingSafeEqual(Buffer.from(sign(secret, reference)), given));
    },
    linkFor: (reference) => (base ? `${base}/track/${reference}#k=${sign(current, reference)}` : undefined),
    rateLinkFor: (reference) =>
      base ? `${base}/rate/${reference}#k=${sign(current, reference)}` : undefined,
  };
}

const loadTrackingLinks = onceAsync(async () => {
  const secretId = readEnv(ENV.trackingSecretArn) as string;
  try {
    const current = await readSecretString(secretId);
    // During a rotation links signed with the previous key keep working; most of the time there is none.
    const previous = await readSecretString(secretId, { versionStage: 'AWSPREVIOUS' }).catch(() => undefined);
    return trackingLinksFrom(previous ? [current, previous] : [current], container().config.portalUrl);
  } catch (error) {
    logger.error('tracking secret unavailable', { error: error as Error });
    throw error;
  }
});

/**
 * The stage's tracking links, read once per container; undefined where no secret is configured (then our
 * messages carry no link and no token is accepted). A failed read is retried on the next call.
 */
export function trackingLinks(): Promise<TrackingLinks | undefined> {
  if (!readEnv(ENV.trackingSecretArn)) return Promise.resolve(undefined);
  return loadTrackingLinks();
}
