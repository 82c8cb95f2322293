import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/open311.handler.ts';
import { defineStageConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { stageConfig } from '../../infra/synth.ts';
import { parseXml } from '../../support/open311-client.ts';

// No table is reached: discovery and services come from the catalogue, and a POST without a well-formed
// api_key is refused before any read.
defineStageConfig(runtimeConfigFor(stageConfig('dev')));
process.env.TABLE_NAME = 'unit-test-no-table';
process.env.CASE_DATA_REGION = 'me-central-1';

function event(
  routeKey: string,
  document: string,
  options: { query?: string; body?: Buffer; contentType?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/open311/v2',
    rawQueryString: options.query ?? '',
    headers: {
      host: 'nidaa.example.om',
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...options.headers,
    },
    pathParameters: { document },
    ...(options.body
      ? { body: options.body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
    requestContext: { requestId: 'unit', http: { method: routeKey.split(' ')[0] } },
  } as unknown as APIGatewayProxyEventV2;
}

const invoke = async (e: APIGatewayProxyEventV2) =>
  (await handler(e, {} as never)) as APIGatewayProxyStructuredResultV2 & {
    headers: Record<string, string>;
    body: string;
  };

describe('the Open311 handler', () => {
  it('answers discovery with the host the client reached, in both formats', async () => {
    const res = await invoke(event('GET /open311/{document}', 'discovery.json'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).endpoints[0].url).toBe('https://nidaa.example.om/open311/v2');
    const xml = await invoke(event('GET /open311/v2/{document}', 'discovery.xml'));
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml(xml.body).name).toBe('discovery');
  });

  it('answers an unknown resource and an unknown extension with the errors list and 404', async () => {
    const unknown = await invoke(event('GET /open311/v2/{document}', 'nothing.json'));
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual([{ code: 404, description: expect.any(String) }]);
    const ext = await invoke(event('GET /open311/v2/{document}', 'services.html'));
    expect(ext.statusCode).toBe(404);
    expect(parseXml(ext.body).name).toBe('errors');
    const token = await invoke(event('GET /open311/v2/tokens/{document}', 'abc.json'));
    expect(token.statusCode).toBe(404);
  });

  it('refuses a body that is neither form nor multipart, and a broken multipart body, with 400', async () => {
    const asJson = await invoke(
      event('POST /open311/v2/{document}', 'requests.json', {
        body: Buffer.from('{"service_code":"RDS-201"}'),
        contentType: 'application/json',
      }),
    );
    expect(asJson.statusCode).toBe(400);
    const broken = await invoke(
      event('POST /open311/v2/{document}', 'requests.xml', {
        body: Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'),
        contentType: 'multipart/form-data; boundary=x',
      }),
    );
    expect(broken.statusCode).toBe(400);
    expect(parseXml(broken.body).name).toBe('errors');
  });

  it('never answers 500 to any query or form body (fuzz, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('json', 'xml'),
        async (query, body, format) => {
          const read = await invoke(event('GET /open311/v2/{document}', `services.${format}`, { query }));
          expect(read.statusCode).toBe(200);
          const post = await invoke(
            event('POST /open311/v2/{document}', `requests.${format}`, {
              body: Buffer.from(body),
              contentType: 'application/x-www-form-urlencoded',
            }),
          );
          // No valid api_key can appear by chance: refused before anything else is read.
          expect([400, 403]).toContain(post.statusCode);
          if (format === 'xml') expect(parseXml(post.body).name).toBe('errors');
          else expect(Array.isArray(JSON.parse(post.body))).toBe(true);
        },
      ),
      { seed: 311, numRuns: 150 },
    );
  });
});
