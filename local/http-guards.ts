import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bilingual } from '../functions/core/errors.ts';

/**
 * What stands in front of every local-mode route, as API Gateway stands in front of the deployed API:
 * nothing is served before start-up ends, bodies are capped and must arrive in time, and local mode
 * binds loopback unless asked otherwise (docs/decisions/0070, 0072).
 */

/** API Gateway's payload limit (HTTP APIs: 10 MB); larger bodies get 413. */
export const API_BODY_LIMIT = 10 * 1024 * 1024;
/**
 * Browsers post uploads straight to S3 (local/fake-aws/s3.ts): the largest the POST policy allows is
 * 15 MB (functions/core/attachments/policy.ts), plus the form's fields.
 */
export const S3_BODY_LIMIT = 16 * 1024 * 1024;
/** A request body that stops arriving for this long gets 408. */
export const BODY_TIMEOUT_MS = 30_000;
/** However it trickles in, a body must have arrived by then (a slow upload of 10 MB fits easily). */
export const BODY_DEADLINE_MS = 120_000;
/** How long a client waiting for start-up is told to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 2;

/** RFC 9457 problem details in both languages, like the API's own (functions/shared/http.ts). */
export function writeProblem(
  res: ServerResponse,
  status: number,
  problemType: string,
  messages: Bilingual,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(
    JSON.stringify({
      type: `https://nidaa.dev/problems/${problemType}`,
      title: messages.ar,
      status,
      instance: crypto.randomUUID(),
      messages,
    }),
  );
}

/** 503 while local mode is still starting: nothing has been done with the request. */
export function answerStarting(res: ServerResponse, phase: string) {
  writeProblem(
    res,
    503,
    'starting',
    {
      ar: 'الوضع المحلي قيد التشغيل ولم يجهز بعد؛ أعيدوا المحاولة بعد لحظات.',
      en: `Local mode is still starting (${phase}); try again in a moment.`,
    },
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

export type BodyOutcome = { ok: true; body: Buffer } | { ok: false };

/**
 * Reads a request body without holding more than `limit` bytes: a declared or streamed body over the
 * limit gets 413; one that stops arriving for `timeoutMs`, or is still arriving at `deadlineMs`, gets
 * 408. Either way the connection is closed, so the rest is never read. On `ok: false` the response
 * has been sent.
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  options: { limit: number; timeoutMs: number; deadlineMs?: number },
): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    let deadline: NodeJS.Timeout | undefined;
    const cleanup = () => {
      clearTimeout(timer);
      clearTimeout(deadline);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const refuse = (status: 408 | 413) => {
      cleanup();
      req.pause();
      // The client may still be sending: answer, close our side, and drop the connection a moment later
      // instead of reading on. Dropping it at once resets it, and the reset can reach the client before
      // the answer does.
      res.once('finish', () => {
        req.socket.end();
        setTimeout(() => req.socket.destroy(), 1000).unref();
      });
      const megabytes = Math.round(options.limit / 1024 / 1024);
      if (status === 413) {
        writeProblem(
          res,
          413,
          'payload-too-large',
          {
            ar: `حجم الطلب أكبر من الحد المسموح (${megabytes} ميغابايت).`,
            en: `The request body is larger than the limit (${megabytes} MB).`,
          },
          { connection: 'close' },
        );
      } else {
        writeProblem(
          res,
          408,
          'request-timeout',
          {
            ar: 'لم يصل نص الطلب كاملاً في الوقت المحدد.',
            en: 'The request body stopped arriving, or took too long to arrive.',
          },
          { connection: 'close' },
        );
      }
      resolve({ ok: false });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limit) return refuse(413);
      chunks.push(chunk);
      timer?.refresh();
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks) });
    };
    const onError = () => {
      cleanup();
      resolve({ ok: false });
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.limit) return refuse(413);
    timer = setTimeout(() => refuse(408), options.timeoutMs);
    deadline = setTimeout(() => refuse(408), options.deadlineMs ?? BODY_DEADLINE_MS);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The body limit of a path: the S3 stand-in takes browser uploads, everything else API Gateway's. */
export const bodyLimitFor = (pathname: string) =>
  pathname.startsWith('/_aws/s3/') ? S3_BODY_LIMIT : API_BODY_LIMIT;

/** Whether a host name or address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Local mode has no security boundary: binding anything but loopback must be asked for. */
export function checkBindAddress(host: string, allowRemote: boolean) {
  if (isLoopback(host) || allowRemote) return;
  throw new Error(
    `Local mode refuses to listen on ${host}: it has no security boundary (demo users sign themselves in, ` +
      '/_local routes move the clock and read every message). Use 127.0.0.1, or set NIDAA_ALLOW_REMOTE=1 ' +
      'if you really mean to expose it.',
  );
}

/** The warning printed when local mode listens beyond this machine. */
export const REMOTE_WARNING = `
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! WARNING: local mode is listening beyond this machine (NIDAA_ALLOW_REMOTE=1).                    !!
!! It has NO security boundary: anyone who reaches this port can sign in as any demo user, read   !!
!! every message in the outbox and move the clock. Use it only on a network you trust.            !!
!! تحذير: الوضع المحلي مكشوف للشبكة ولا حماية فيه. لا تستخدموه إلا على شبكة موثوقة.                    !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
`;
