import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '#core/errors.ts';
import { type HttpRequest, httpHandler, pickLanguage, type Route } from '#shared/http.ts';
import { logger } from '#shared/powertools.ts';

type EventOptions = {
  routeKey?: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  claims?: Record<string, unknown>;
};

/** An HTTP API (payload 2.0) event as API Gateway sends it, built by hand. */
function apiEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  const routeKey = options.routeKey ?? 'POST /v1/requests';
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const rawPath = options.path ?? path;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.queryStringParameters ?? {}).toString(),
    headers: { host: 'api.nidaa.test', 'content-type': 'application/json', ...options.headers },
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.nidaa.test',
      domainPrefix: 'api',
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '01/Mar/2026:06:00:00 +0000',
      timeEpoch: 1772344800000,
      http: {
        method: options.method ?? method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'vitest',
      },
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

const CONTEXT = { awsRequestId: 'lambda-1', functionName: 'test' } as Context;

async function call(routes: Record<string, Route>, event: APIGatewayProxyEventV2) {
  const response = (await httpHandler(routes)(event, CONTEXT)) as APIGatewayProxyStructuredResultV2;
  return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
}

const invalidName = new ValidationError(
  { ar: 'الطلب يحتوي على بيانات غير صحيحة.', en: 'The request contains invalid data.' },
  [{ path: 'description', message: { ar: 'الوصف مطلوب.', en: 'A description is required.' } }],
);
const failing =
  (error: unknown): Route =>
  async () => {
    throw error;
  };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('httpHandler: successful routes', () => {
  it('hands the route a parsed request and returns its JSON with security headers', async () => {
    // Prepare
    let seen: HttpRequest | undefined;
    const route: Route = async (req) => {
      seen = req;
      return {
        status: 201,
        body: { reference: '260001233' },
        headers: { location: '/v1/requests/260001233' },
      };
    };
    const event = apiEvent({
      routeKey: 'POST /v1/requests/{reference}',
      path: '/v1/requests/260001233',
      headers: { 'Accept-Language': 'en-GB,en;q=0.8', 'X-Custom': 'yes' },
      pathParameters: { reference: '260001233' },
      queryStringParameters: { page: '2' },
      body: JSON.stringify({ text: 'حفرة' }),
      claims: { 'cognito:username': 'amal' },
    });

    // Act
    const response = await call({ 'POST /v1/requests/{reference}': route }, event);

    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({ reference: '260001233' });
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      location: '/v1/requests/260001233',
    });
    expect(seen).toMatchObject({
      routeKey: 'POST /v1/requests/{reference}',
      params: { reference: '260001233' },
      query: { page: '2' },
      body: { text: 'حفرة' },
      language: 'en',
      claims: { 'cognito:username': 'amal' },
      requestId: 'req-1',
    });
    expect(seen?.headers['x-custom']).toBe('yes');
  });

  it('decodes a base64 body', async () => {
    // Prepare
    let body: unknown;
    const event = apiEvent({
      body: Buffer.from(JSON.stringify({ text: 'إنارة معطلة' })).toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const route: Route = async (req) => {
      body = req.body;
      return { status: 204 };
    };
    await call({ 'POST /v1/requests': route }, event);

    // Assess
    expect(body).toEqual({ text: 'إنارة معطلة' });
  });
});

describe('httpHandler: problems (RFC 9457)', () => {
  it.each([
    [undefined, 'الطلب يحتوي على بيانات غير صحيحة.'],
    ['ar', 'الطلب يحتوي على بيانات غير صحيحة.'],
    ['en', 'The request contains invalid data.'],
    ['en-US,ar;q=0.5', 'The request contains invalid data.'],
    ['ar-OM,en;q=0.9', 'الطلب يحتوي على بيانات غير صحيحة.'],
    ['fr-FR', 'الطلب يحتوي على بيانات غير صحيحة.'],
  ])('maps a ValidationError to a 400 problem (Accept-Language %j)', async (acceptLanguage, title) => {
    // Prepare
    const event = apiEvent({ headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });

    // Act
    const response = await call({ 'POST /v1/requests': failing(invalidName) }, event);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(response.json).toEqual({
      type: 'https://nidaa.dev/problems/validation',
      title,
      status: 400,
      instance: 'req-1',
      messages: { ar: 'الطلب يحتوي على بيانات غير صحيحة.', en: 'The request contains invalid data.' },
      errors: [{ path: 'description', message: { ar: 'الوصف مطلوب.', en: 'A description is required.' } }],
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    // Act
    const response = await call(
      { 'POST /v1/requests': async () => ({ status: 200 }) },
      apiEvent({ routeKey: 'GET /v1/nowhere' }),
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json).toMatchObject({
      type: 'https://nidaa.dev/problems/not-found',
      title: 'المسار غير موجود.',
      status: 404,
      messages: { ar: 'المسار غير موجود.', en: 'No route for GET /v1/nowhere.' },
    });
    expect(response.json).not.toHaveProperty('errors');
  });

  it.each([
    [new ForbiddenError({ ar: 'ممنوع.', en: 'Forbidden.' }), 403, 'forbidden'],
    [new NotFoundError({ ar: 'البلاغ غير موجود.', en: 'Not found.' }), 404, 'not-found'],
  ])('maps %s to its status', async (error, status, type) => {
    // Act
    const response = await call({ 'POST /v1/requests': failing(error) }, apiEvent());

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.json.type).toBe(`https://nidaa.dev/problems/${type}`);
  });

  it('turns a plain Error into a 500 problem without leaking its message', async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const secret = new Error('ConditionalCheckFailed on table nidaa-prod-cases, key CASE#260001233');

    // Act
    const response = await call(
      { 'POST /v1/requests': failing(secret) },
      apiEvent({ headers: { 'accept-language': 'en' } }),
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json).toMatchObject({
      type: 'https://nidaa.dev/problems/internal',
      title: 'Something went wrong. Please try again.',
      status: 500,
      messages: { ar: 'حدث خطأ غير متوقع. حاول مرة أخرى.', en: 'Something went wrong. Please try again.' },
    });
    expect(response.body).not.toContain('nidaa-prod-cases');
    expect(response.body).not.toContain('ConditionalCheckFailed');
    expect(logged).toHaveBeenCalledWith('unhandled error', { error: secret });
  });

  it.each(['{"text": "حفرة"', 'not json', '{"a":1}}'])(
    'answers the invalid JSON body %j with a bilingual 400 without calling the route',
    async (body) => {
      // Prepare
      const route = vi.fn<Route>(async () => ({ status: 200 }));

      // Act
      const response = await call({ 'POST /v1/requests': route }, apiEvent({ body }));

      // Assess
      expect(response.statusCode).toBe(400);
      expect(response.json).toMatchObject({
        type: 'https://nidaa.dev/problems/validation',
        title: 'نص الطلب ليس JSON صالحاً.',
        messages: { ar: 'نص الطلب ليس JSON صالحاً.', en: 'The request body is not valid JSON.' },
      });
      expect(route).not.toHaveBeenCalled();
    },
  );
});

describe('pickLanguage', () => {
  it.each([
    [undefined, 'ar'],
    ['', 'ar'],
    ['en', 'en'],
    ['EN-us', 'en'],
    [' en-GB , ar', 'en'],
    ['ar, en', 'ar'],
  ] as const)('%j → %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});
