import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { send } from './respond.ts';

/**
 * S3 objects for local mode: in memory, or files under `<dataDir>/s3/<bucket>/` so received mail survives
 * a restart. The raw-mail route writes here directly; handlers read through the SDK (GetObject).
 */
export class FakeS3 {
  private readonly objects = new Map<string, { body: Buffer; contentType: string; lastModified: Date }>();

  constructor(private readonly dir?: string) {}

  private file(bucket: string, key: string) {
    // One flat file per key: encodeURIComponent keeps "/" and ".." out of the path.
    return this.dir ? path.join(this.dir, encodeURIComponent(bucket), encodeURIComponent(key)) : undefined;
  }

  put(bucket: string, key: string, body: Buffer, contentType = 'application/octet-stream') {
    const file = this.file(bucket, key);
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, body);
    } else {
      this.objects.set(`${bucket}/${key}`, { body, contentType, lastModified: new Date() });
    }
    return { etag: `"${createHash('md5').update(body).digest('hex')}"` };
  }

  get(bucket: string, key: string) {
    const file = this.file(bucket, key);
    if (file) {
      if (!existsSync(file)) return undefined;
      return {
        body: readFileSync(file),
        contentType: 'application/octet-stream',
        lastModified: statSync(file).mtime,
      };
    }
    return this.objects.get(`${bucket}/${key}`);
  }
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** S3's REST error document, as the SDK parses it into NoSuchKey, MethodNotAllowed, … */
function s3Error(res: ServerResponse, status: number, code: string, message: string, resource: string) {
  send(
    res,
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>${crypto.randomUUID()}</RequestId></Error>`,
    'application/xml',
  );
}

/** The SDK streams uploads as `aws-chunked` (size;chunk-signature, data, then trailing checksums). */
function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** S3, path-style (`/_aws/s3/<bucket>/<key>`): PutObject and GetObject, the calls local mode makes. */
export function serveS3(req: IncomingMessage, body: Buffer, res: ServerResponse, store: FakeS3) {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname.replace(/^\/_aws\/s3\/?/, '');
  const slash = pathname.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? pathname : pathname.slice(0, slash));
  const key = slash < 0 ? '' : decodeURIComponent(pathname.slice(slash + 1));
  const resource = `/${bucket}/${key}`;
  if (!bucket || !key) {
    return s3Error(res, 400, 'InvalidRequest', 'Local S3 serves objects only: /<bucket>/<key>.', resource);
  }
  if (req.method === 'PUT') {
    const encoding = String(req.headers['content-encoding'] ?? '');
    const chunked =
      encoding.includes('aws-chunked') ||
      String(req.headers['x-amz-content-sha256']).startsWith('STREAMING-');
    const data = chunked ? decodeAwsChunked(body) : body;
    const { etag } = store.put(
      bucket,
      key,
      data,
      String(req.headers['content-type'] ?? 'application/octet-stream'),
    );
    res.writeHead(200, { etag });
    return res.end();
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const object = store.get(bucket, key);
    if (!object) {
      if (req.method === 'HEAD') {
        res.writeHead(404);
        return res.end();
      }
      return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', resource);
    }
    res.writeHead(200, {
      'content-type': object.contentType,
      'content-length': String(object.body.length),
      etag: `"${createHash('md5').update(object.body).digest('hex')}"`,
      'last-modified': object.lastModified.toUTCString(),
    });
    return res.end(req.method === 'HEAD' ? undefined : object.body);
  }
  s3Error(res, 405, 'MethodNotAllowed', `${req.method} is not supported locally.`, resource);
}
