import type { StageConfig } from './stage-config.ts';

/**
 * Cross-origin access to the API (docs/decisions/0094), one policy for the HTTP API (corsPreflight) and
 * local mode's API Gateway adapter. Only the listed origins get CORS headers: the public edge's own
 * domain and the municipality's sites (`cors.allowedOrigins`). `Authorization` is not an allowed header,
 * so another site's page cannot call the staff routes with a token even if it had one.
 */
export const CORS_ALLOWED_METHODS = ['GET', 'POST'] as const;
export const CORS_ALLOWED_HEADERS = ['content-type', 'accept-language', 'idempotency-key'] as const;
/** What a page may read from a response besides the safelisted headers. */
export const CORS_EXPOSED_HEADERS = ['retry-after'] as const;
export const CORS_MAX_AGE_SECONDS = 600;

/** An origin exactly as a browser sends it: scheme, host, optional port; https except on the loopback. */
export const ORIGIN_PATTERN =
  /^(https:\/\/([a-z0-9-]+\.)+[a-z]{2,}(:\d{1,5})?|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)$/;

/** The stage's allowed origins: its edge domain, if it has one, and `cors.allowedOrigins`. */
export function corsOriginsOf(config: Pick<StageConfig, 'cors' | 'edge'>): string[] {
  const edge = config.edge.domain ? [`https://${config.edge.domain.name}`] : [];
  return [...new Set([...edge, ...config.cors.allowedOrigins])];
}

/** A preflight's answer headers for an allowed origin, as API Gateway sends them; undefined otherwise. */
export function preflightHeaders(
  origin: string | undefined,
  allowed: readonly string[],
  requestedHeaders: string | undefined,
): Record<string, string> | undefined {
  if (!origin || !allowed.includes(origin)) return undefined;
  const asked = (requestedHeaders ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const headers = asked.filter((h) => (CORS_ALLOWED_HEADERS as readonly string[]).includes(h));
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': CORS_ALLOWED_METHODS.join(','),
    ...(headers.length ? { 'access-control-allow-headers': headers.join(',') } : {}),
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    vary: 'origin',
  };
}

/** The headers an allowed origin's actual request gets on its response. */
export function responseCorsHeaders(
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> | undefined {
  if (!origin || !allowed.includes(origin)) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(','),
    vary: 'origin',
  };
}
