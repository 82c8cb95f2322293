import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { localClient } from '../support/local-client.ts';

/**
 * Issue 11, defect 8: five inputs that answered 500. Each must answer a bilingual 4xx (or be screened) and
 * change nothing.
 */
let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

type Problem = { status: number; messages: { ar: string; en: string } };

const expectBilingual400 = async (res: Response) => {
  expect(res.status).toBe(400);
  const body = (await res.json()) as Problem;
  expect(body.messages.ar).toMatch(/[\u0600-\u06FF]/);
  expect(body.messages.en).toBeTruthy();
};

/** A raw request whose Host header fetch would not let us set. */
const withHost = (host: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(stack.url);
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('inputs that used to answer 500', () => {
  it.each([
    ['not base64', '%%%'],
    ['base64 of garbage', Buffer.from('not json').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from('[1,2,3]').toString('base64url')],
    [
      'a key of another queue',
      Buffer.from(
        JSON.stringify({ pk: 'CASE#1', sk: 'META', gsi1pk: 'QUEUE#t2', gsi1sk: '2026-01-01T00:00:00Z#1' }),
      ).toString('base64url'),
    ],
    [
      'a key with numbers',
      Buffer.from(JSON.stringify({ pk: 1, sk: 2, gsi1pk: 3, gsi1sk: 4 })).toString('base64url'),
    ],
    ['far too long', 'A'.repeat(5000)],
  ])('refuses a garbage `after` cursor on a staff queue (%s)', async (_label, after) => {
    const res = await get(`/v1/cases?queue=t1&after=${encodeURIComponent(after)}`, await as('agent1'));
    await expectBilingual400(res);
  });

  it('refuses an e-mail address over SMTP’s limits (and DynamoDB’s key size) with a bilingual 400', async () => {
    const before = (await outbox()).length;
    const res = await post(
      '/v1/requests',
      {
        text: 'A long enough description of a problem',
        contact: { email: `${'a'.repeat(3000)}@example.om` },
      },
      { 'idempotency-key': 'long-email-000001' },
    );
    await expectBilingual400(res);
    expect((await outbox()).length).toBe(before);
  });

  it('screens mail whose From local part is 3,000 characters instead of failing intake', async () => {
    const from = `${'x'.repeat(3000)}@example.om`;
    const mail = [
      `From: ${from}`,
      'To: nidaa@nidaa.example.om',
      'Subject: pothole',
      'Message-ID: <long-from-1@example.om>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'There is a pothole on Way 2710.',
    ].join('\r\n');
    const res = await fetch(`${stack.url}/_local/email`, { method: 'POST', body: mail });
    expect(res.status).toBeLessThan(500);
  });

  it('refuses malformed percent-encoding in a path with a bilingual 400', async () => {
    await expectBilingual400(await get('/v1/requests/%zz'));
    await expectBilingual400(await get('/v1/requests/%E0%A4%A'));
  });

  it.each(['[::1', 'exa mple', 'a:b:c', ''])(
    'answers a malformed Host header (%j) without failing',
    async (host) => {
      const res = await withHost(host, '/v1/categories');
      expect(res.status).toBeLessThan(500);
    },
  );

  it('refuses a request target that is not a path with a bilingual 400', async () => {
    const res = await withHost('127.0.0.1', '//evil');
    expect(res.status).toBe(400);
    expect((JSON.parse(res.body) as Problem).messages.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it('answers a reused Idempotency-Key with another payload with a bilingual 422, and keeps the first answer (defect 5)', async () => {
    const key = 'reused-key-000001';
    const first = { text: 'Overflowing bins behind the Ruwi market', contact: { email: 'first@example.om' } };
    const created = await post('/v1/requests', first, { 'idempotency-key': key });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };

    // The same payload, keys in another order: the original answer.
    const retry = await post(
      '/v1/requests',
      { contact: first.contact, text: first.text },
      { 'idempotency-key': key },
    );
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual({ reference });

    const other = await post(
      '/v1/requests',
      { text: 'A different problem from a different citizen', contact: { email: 'second@example.om' } },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await other.json()) as Problem;
    expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
    expect(JSON.stringify(problem)).not.toContain(reference);
  });
});
