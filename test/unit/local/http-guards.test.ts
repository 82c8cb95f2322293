import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../../local/http-guards.ts';

let server: Server;
let port: number;

beforeAll(async () => {
  // Echoes the body's size; limits small enough to test quickly.
  server = createServer(async (req, res) => {
    const read = await readBody(req, res, { limit: 1024, timeoutMs: 300, deadlineMs: 900 });
    if (read.ok) res.end(String(read.body.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A POST whose chunked body the test writes itself; the server may cut it off. */
function chunkedPost() {
  const req = request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    headers: { 'transfer-encoding': 'chunked' },
  });
  req.on('error', () => {});
  return req;
}

/** Sends a chunked body a piece every `everyMs`; resolves with the status and when it came. */
function trickle(pieces: number, everyMs: number) {
  const started = Date.now();
  const req = chunkedPost();
  req.flushHeaders();
  const timer = setInterval(() => {
    if (pieces-- > 0 && !req.destroyed) req.write('x');
    else if (pieces < 0) {
      clearInterval(timer);
      req.end();
    }
  }, everyMs);
  return new Promise<{ status: number; afterMs: number }>((resolve) =>
    req.on('response', (res) => {
      clearInterval(timer);
      res.resume();
      resolve({ status: res.statusCode ?? 0, afterMs: Date.now() - started });
      req.destroy();
    }),
  );
}

describe('reading a request body', () => {
  it('reads a body that keeps arriving and ends in time', async () => {
    expect((await trickle(3, 50)).status).toBe(200);
  });

  it('answers 408 when the body stops arriving', async () => {
    const { status, afterMs } = await trickle(0, 10_000);
    expect(status).toBe(408);
    expect(afterMs).toBeLessThan(2_000);
  });

  it('answers 408 at the deadline to a body that trickles in forever', async () => {
    const { status, afterMs } = await trickle(1_000, 100);
    expect(status).toBe(408);
    expect(afterMs).toBeGreaterThanOrEqual(800);
    expect(afterMs).toBeLessThan(3_000);
  });

  it('answers 413 once a streamed body passes the limit', async () => {
    const req = chunkedPost();
    const status = new Promise<number>((resolve) =>
      req.on('response', (res) => resolve(res.statusCode ?? 0)),
    );
    req.write(Buffer.alloc(2048, 'a'));
    expect(await status).toBe(413);
    req.destroy();
  });
});
