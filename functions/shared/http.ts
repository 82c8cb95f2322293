import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type Bilingual, InternalError, isNidaaError, NotFoundError, ValidationError } from '#core/errors.ts';
import { logger } from './powertools.ts';

export type Language = 'ar' | 'en';

/** What a route sees: the parsed request, independent of API Gateway's event shape. */
export type HttpRequest = {
  routeKey: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  language: Language;
  /** JWT claims set by the API Gateway authorizer (Cognito in AWS, the local issuer in local mode). */
  claims: Record<string, unknown> | undefined;
  requestId: string;
  /**
   * The viewer's address: CloudFront's CloudFront-Viewer-Address (the API is reachable only through it),
   * else the connection's. Rate limits count per address (docs/decisions/0085).
   */
  sourceIp: string;
};

export type HttpResponse = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as it is (a CSV download), with its content-type in `headers`; otherwise JSON. */
  raw?: string;
};
export type Route = (req: HttpRequest) => Promise<HttpResponse>;

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Arabic first: English only when the client lists English before Arabic (other languages are skipped). */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  for (const entry of acceptLanguage?.split(',') ?? []) {
    const tag = entry.trim().toLowerCase();
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('ar')) return 'ar';
  }
  return 'ar';
}

function parseBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError({ ar: 'نص الطلب ليس JSON صالحاً.', en: 'The request body is not valid JSON.' });
  }
}

function toRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']),
  );
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer;
  return {
    routeKey: event.routeKey,
    params: (event.pathParameters ?? {}) as Record<string, string>,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    headers,
    body: parseBody(event),
    language: pickLanguage(headers['accept-language']),
    claims: authorizer?.jwt?.claims,
    requestId: event.requestContext.requestId,
    sourceIp:
      viewerAddress(headers['cloudfront-viewer-address']) ?? event.requestContext.http?.sourceIp ?? '',
  };
}

/**
 * `203.0.113.9:46532`, `2001:db8::1:46532` or `[2001:db8::1]:46532` → the address: CloudFront always
 * appends the viewer's port after the last colon.
 */
function viewerAddress(header: string | undefined): string | undefined {
  const match = /^\[?(.+?)\]?:\d{1,5}$/.exec(header?.trim() ?? '');
  return match?.[1];
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}

/** RFC 9457 problem details, in the caller's language with both languages alongside. */
export function problem(
  error: unknown,
  language: Language,
  instance: string,
): APIGatewayProxyStructuredResultV2 {
  if (!isNidaaError(error)) {
    logger.error('unhandled error', { error: error as Error });
    const internal = {
      ar: 'حدث خطأ غير متوقع. حاول مرة أخرى.',
      en: 'Something went wrong. Please try again.',
    };
    return problem(new InternalError(internal), language, instance);
  }
  const body: Record<string, unknown> = {
    type: `https://nidaa.dev/problems/${error.problemType}`,
    title: error.messages[language],
    status: error.status,
    instance,
    messages: error.messages satisfies Bilingual,
  };
  if (error.fields.length > 0) body.errors = error.fields;
  // A rate limit says when to come back (RFC 9110 Retry-After).
  const retryAfter = 'retryAfterSeconds' in error ? Number(error.retryAfterSeconds) : undefined;
  const response = json(error.status, body, retryAfter ? { 'retry-after': String(retryAfter) } : {});
  response.headers['content-type'] = 'application/problem+json; charset=utf-8';
  return response;
}

/**
 * Builds an HTTP API (payload 2.0) handler from routes keyed by API Gateway's routeKey, e.g.
 * `'GET /v1/requests/{reference}'`. API Gateway (or the local adapter) has already matched the route.
 */
export function httpHandler(routes: Record<string, Route>) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>().handler(
    async (event) => {
      const language = pickLanguage(event.headers?.['accept-language'] ?? event.headers?.['Accept-Language']);
      const instance = event.requestContext?.requestId ?? 'unknown';
      try {
        const route = routes[event.routeKey];
        if (!route)
          throw new NotFoundError({ ar: 'المسار غير موجود.', en: `No route for ${event.routeKey}.` });
        const res = await route(toRequest(event));
        if (res.raw !== undefined) {
          return { statusCode: res.status, headers: { ...SECURITY_HEADERS, ...res.headers }, body: res.raw };
        }
        return json(res.status, res.body ?? null, res.headers);
      } catch (error) {
        return problem(error, language, instance);
      }
    },
  );
}
