import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { preflightHeaders, responseCorsHeaders } from '../../../lib/config/cors.ts';
import { matchRoute, toApiGatewayEvent } from '../../../local/api-gateway.ts';

const ALLOWED = ['https://www.mm.gov.om'];

describe('CORS as API Gateway answers it (lib/config/cors.ts)', () => {
  it('answers a preflight only for an allowed origin, and only with allowed headers', () => {
    expect(
      preflightHeaders('https://www.mm.gov.om', ALLOWED, 'Content-Type, Idempotency-Key, Authorization'),
    ).toEqual({
      'access-control-allow-origin': 'https://www.mm.gov.om',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,idempotency-key',
      'access-control-max-age': '600',
      vary: 'origin',
    });
    expect(preflightHeaders('https://evil.example', ALLOWED, 'content-type')).toBeUndefined();
    expect(preflightHeaders('https://www.mm.gov.om.evil.example', ALLOWED, undefined)).toBeUndefined();
    expect(preflightHeaders(undefined, ALLOWED, undefined)).toBeUndefined();
    expect(responseCorsHeaders('https://www.mm.gov.om', ALLOWED)?.['access-control-expose-headers']).toBe(
      'retry-after',
    );
    expect(responseCorsHeaders('null', ALLOWED)).toBeUndefined();
  });
});

describe('the local API Gateway event', () => {
  const req = (contentType: string) =>
    ({ method: 'POST', headers: { 'content-type': contentType }, socket: {} }) as unknown as IncomingMessage;

  it('base64-encodes multipart bodies, as API Gateway does with binary, so photos survive', () => {
    const match = matchRoute('POST', '/open311/v2/requests.json');
    expect(match?.params).toEqual({ document: 'requests.json' });
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x80]);
    const url = new URL('http://127.0.0.1/open311/v2/requests.json');
    const multipart = toApiGatewayEvent(
      req('multipart/form-data; boundary=x'),
      url,
      bytes,
      match as never,
      undefined,
    );
    expect(multipart.isBase64Encoded).toBe(true);
    expect(Buffer.from(multipart.body ?? '', 'base64')).toEqual(bytes);
    const form = toApiGatewayEvent(
      req('application/x-www-form-urlencoded'),
      url,
      Buffer.from('a=%D8%AD'),
      match as never,
      undefined,
    );
    expect(form).toMatchObject({ isBase64Encoded: false, body: 'a=%D8%AD' });
  });

  it('matches a route of any method for a preflight', () => {
    expect(matchRoute('*', '/v1/requests')?.route.path).toBe('/v1/requests');
    expect(matchRoute('*', '/nowhere')).toBeUndefined();
  });
});
