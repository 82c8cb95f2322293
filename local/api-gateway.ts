import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FunctionName, ROUTES, type RouteSpec, routeKey } from '../lib/function-catalog.ts';
import type { LocalIssuer } from './local-auth.ts';

type Match = { route: RouteSpec; params: Record<string, string> };

/**
 * A path parameter as API Gateway passes it: percent-decoded, or as sent when its encoding is malformed
 * (`%zz`), so the route's own validation answers a bilingual 400 instead of the adapter failing.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches a request against the same route table the HTTP API is built from. */
export function matchRoute(method: string, pathname: string): Match | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const found = new RegExp(`^${pattern}$`).exec(pathname);
    if (found) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodePathSegment(found[i + 1] ?? '')]));
      return { route, params };
    }
  }
  return undefined;
}

/** The payload-2.0 event API Gateway would send, with JWT claims where its authorizer would put them. */
export function toApiGatewayEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: Match,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(',') : (v ?? ''),
    ]),
  );
  const now = new Date();
  const isText = /json|text|xml|form/.test(headers['content-type'] ?? 'application/json');
  return {
    version: '2.0',
    routeKey: routeKey(match.route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    ...(Object.keys(match.params).length ? { pathParameters: match.params } : {}),
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: routeKey(match.route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

export type InvokeFunction = (fn: FunctionName, event: unknown) => Promise<unknown>;

/**
 * Serves an API request the way API Gateway would: route match, JWT check on agent routes (401 like
 * the JWT authorizer), then the route's handler with a payload-2.0 event.
 */
export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  deps: { invoke: InvokeFunction; issuer: LocalIssuer },
): Promise<boolean> {
  const match = matchRoute(req.method ?? 'GET', url.pathname);
  if (!match) return false;
  let claims: Record<string, unknown> | undefined;
  if (match.route.auth === 'agent') {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    claims = token ? deps.issuer.verify(token) : undefined;
    if (!claims) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Unauthorized' }));
      return true;
    }
  }
  const event = toApiGatewayEvent(req, url, body, match, claims);
  const result = (await deps.invoke(match.route.function, event)) as APIGatewayProxyStructuredResultV2;
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  return true;
}
