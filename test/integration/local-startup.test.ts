/**
 * Local mode in front of its routes: nothing is served before start-up ends, bodies are capped and timed
 * as API Gateway would, the AWS stand-ins answer bad JSON as the services do, and it stays on loopback.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../../local/http-guards.ts';
import { type LocalStack, type StartupPhase, startLocalStack } from '../../local/local-stack.ts';
import { hotlineClient } from '../support/hotline-client.ts';
import { localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, as } = localClient(() => stack);

const report = {
  text: 'Streetlight out on the corniche in Mutrah since last week',
  contact: { email: 'early.citizen@example.om' },
  location: { lat: 23.62, lng: 58.56 },
};
const phases: StartupPhase[] = [];
let duringSeeding: { status: number; retryAfter: string | null; type: string | null; body: unknown };

beforeAll(async () => {
  stack = await startLocalStack({
    fastRetries: true,
    seedCases: 40,
    bodyTimeoutMs: 400,
    // A citizen who submits while the demo city is being written.
    onStartupPhase: async (phase, url) => {
      phases.push(phase);
      if (phase !== 'seeding') return;
      const res = await fetch(`${url}/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'early-bird-0001' },
        body: JSON.stringify(report),
      });
      duringSeeding = {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        type: res.headers.get('content-type'),
        body: await res.json(),
      };
    },
  });
});
afterAll(() => stack.stop());

/** A raw HTTP request whose body the test writes itself (node:http, to control chunking). */
function rawRequest(path: string, headers: Record<string, string | number>) {
  const url = new URL(path, stack.url);
  const req = request(url, { method: 'POST', headers });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  return { req, response };
}

describe('local mode before it is ready', () => {
  it('answers a request during seeding with 503, Retry-After and a bilingual problem; the retry is kept', async () => {
    expect(phases).toContain('seeding');
    expect(duringSeeding.status).toBe(503);
    expect(Number(duringSeeding.retryAfter)).toBeGreaterThan(0);
    expect(duringSeeding.type).toContain('application/problem+json');
    const { messages } = duringSeeding.body as { messages: { ar: string; en: string } };
    expect(messages.ar).toMatch(/[\u0600-\u06FF]/);
    expect(messages.en).toMatch(/starting/);

    // The citizen tries again once local mode serves: one case, theirs, after the seeded ones.
    const retried = await post('/v1/requests', report, { 'idempotency-key': 'early-bird-0001' });
    expect(retried.status).toBe(201);
    const { reference } = (await retried.json()) as { reference: string };
    const read = await get(`/v1/cases/${reference}`, await as('supervisor'));
    const { case: c } = (await read.json()) as { case: { description: string } };
    expect(c.description).toContain('Streetlight out on the corniche');
  });
});

describe('request bodies, as API Gateway limits them', () => {
  it('refuses a body declared over 10 MB with 413 before reading it', async () => {
    const { req, response } = rawRequest('/v1/requests', {
      'content-type': 'application/json',
      'content-length': 11 * 1024 * 1024,
    });
    req.write('{"text":"');
    const res = await response;
    req.destroy();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).messages.en).toMatch(/larger than the limit/);
  });

  it('cuts off a chunked 100 MB upload with 413 long before it has all arrived', async () => {
    const { req, response } = rawRequest('/_local/sms', {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const res = response.then((r) => {
      answered = true;
      return r;
    });
    req.on('error', () => {});
    while (!answered && sent < 100 * 1024 * 1024 && !req.destroyed) {
      sent += chunk.length;
      if (!req.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await res).status).toBe(413);
    req.destroy();
    expect(sent).toBeLessThan(40 * 1024 * 1024);
  });

  it('answers 408 to a chunked body that never ends', async () => {
    const { req, response } = rawRequest('/v1/requests', {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    req.write('{"text":"a pothole');
    const started = Date.now();
    const res = await response;
    req.destroy();
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(res.body).messages.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it('answers 400, not 500, to a request target that is not a URL', async () => {
    const { port } = new URL(stack.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('GET http://local:99999/v1/categories HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n');
    let raw = '';
    socket.setEncoding('utf8');
    for await (const chunk of socket) raw += chunk;
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('accepts POST /_local/calls/{id}/end-chat with no body at all', async () => {
    // A chat stays open only in working hours (otherwise the flow closes it at once).
    await hotlineClient(() => stack).moveClockUntil(true);
    const chat = await post('/_local/calls', { channel: 'chat', dialed: 'web' });
    expect(chat.status).toBe(201);
    const { callId } = (await chat.json()) as { callId: string };
    const ended = await fetch(`${stack.url}/_local/calls/${callId}/end-chat`, { method: 'POST' });
    expect(ended.status).toBe(200);
  });
});

describe('the AWS stand-ins given JSON that does not parse', () => {
  const send = (path: string, method: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { method, headers, body: '{"not json' });

  it.each([
    [
      'Step Functions',
      '/_aws/sfn/',
      'POST',
      { 'x-amz-target': 'AWSStepFunctions.SendTaskSuccess' },
      'SerializationException',
    ],
    [
      'Secrets Manager',
      '/_aws/secretsmanager/',
      'POST',
      { 'x-amz-target': 'secretsmanager.GetSecretValue' },
      'SerializationException',
    ],
    ['Connect', '/_aws/connect/contact/task', 'PUT', {}, 'InvalidRequestException'],
    ['Scheduler', '/_aws/scheduler/schedules/sla-x', 'POST', {}, 'ValidationException'],
    [
      'Lambda',
      '/_aws/lambda/2015-03-31/functions/classify/invocations',
      'POST',
      {},
      'InvalidRequestContentException',
    ],
  ])('%s answers 400 %s', async (_service, path, method, headers, type) => {
    const res = await send(path, method, headers);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type?: string };
    expect(res.headers.get('x-amzn-errortype') ?? body.__type).toBe(type);
  });

  it('reaches the SDK as the named error Step Functions documents', async () => {
    const sfn = new SFNClient({ endpoint: `${stack.url}/_aws/sfn`, region: 'me-central-1' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'local:any', output: '{"not json' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput', $metadata: { httpStatusCode: 400 } });
  });
});

describe('where local mode listens', () => {
  it('refuses a non-loopback address unless asked explicitly', async () => {
    await expect(startLocalStack({ host: '0.0.0.0' })).rejects.toThrow(/no security boundary/);
    await expect(startLocalStack({ host: '192.168.1.20' })).rejects.toThrow(/NIDAA_ALLOW_REMOTE=1/);
  });

  it('counts only this machine as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.om', '127.0.0.1.example.om'])
      expect(isLoopback(host)).toBe(false);
  });
});
