import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { send } from './respond.ts';

type StoredObject = { body: Buffer; contentType: string; lastModified: Date };

/**
 * S3 objects for local mode: in memory, or files under `<dataDir>/s3/<bucket>/` so received mail and
 * attachments survive a restart (each object's Content-Type in `<bucket>%meta/`, a name no encoded key
 * can take). The raw-mail route writes here directly; handlers and browsers go through the S3 API.
 */
export class FakeS3 {
  private readonly objects = new Map<string, StoredObject>();

  constructor(private readonly dir?: string) {}

  private file(bucket: string, key: string) {
    // One flat file per key: encodeURIComponent keeps "/" and ".." out of the path.
    return this.dir ? path.join(this.dir, encodeURIComponent(bucket), encodeURIComponent(key)) : undefined;
  }

  private metaFile(bucket: string, key: string) {
    return this.dir
      ? path.join(this.dir, `${encodeURIComponent(bucket)}%meta`, encodeURIComponent(key))
      : undefined;
  }

  put(bucket: string, key: string, body: Buffer, contentType = 'application/octet-stream') {
    const file = this.file(bucket, key);
    const meta = this.metaFile(bucket, key);
    if (file && meta) {
      mkdirSync(path.dirname(file), { recursive: true });
      mkdirSync(path.dirname(meta), { recursive: true });
      writeFileSync(file, body);
      writeFileSync(meta, JSON.stringify({ contentType }));
    } else {
      this.objects.set(`${bucket}/${key}`, { body, contentType, lastModified: new Date() });
    }
    return { etag: etagOf(body) };
  }

  get(bucket: string, key: string): StoredObject | undefined {
    const file = this.file(bucket, key);
    const meta = this.metaFile(bucket, key);
    if (file && meta) {
      if (!existsSync(file)) return undefined;
      const { contentType } = existsSync(meta)
        ? (JSON.parse(readFileSync(meta, 'utf8')) as { contentType: string })
        : { contentType: 'application/octet-stream' };
      return { body: readFileSync(file), contentType, lastModified: statSync(file).mtime };
    }
    return this.objects.get(`${bucket}/${key}`);
  }

  delete(bucket: string, key: string) {
    const file = this.file(bucket, key);
    const meta = this.metaFile(bucket, key);
    if (file && meta) {
      rmSync(file, { force: true });
      rmSync(meta, { force: true });
    } else {
      this.objects.delete(`${bucket}/${key}`);
    }
  }
}

const etagOf = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;

/** Whether an `If-Match`-style header (one ETag or `*`, quoted or not) holds for `body`. */
function etagMatches(header: string | string[] | undefined, body: Buffer) {
  if (header === undefined) return true;
  const wanted = String(header).trim();
  return wanted === '*' || wanted.replace(/"/g, '') === etagOf(body).replace(/"/g, '');
}

const PRECONDITION = 'At least one of the pre-conditions you specified did not hold';

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

const xmlElements = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([name, value]) => `<${name}>${xmlEscape(String(value))}</${name}>`)
    .join('');

/**
 * S3's REST error document, as the SDK parses it into NoSuchKey, MethodNotAllowed, …; `details` are the
 * code's own elements (Resource, ProposedSize, MaxSizeAllowed, ArgumentName…).
 */
function s3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: Record<string, string | number>,
  headers: Record<string, string> = {},
) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${xmlElements(details)}<RequestId>${crypto.randomUUID()}</RequestId><HostId>local</HostId></Error>`;
  if (Object.keys(headers).length === 0) return send(res, status, body, 'application/xml');
  res.writeHead(status, { 'content-type': 'application/xml', ...headers });
  res.end(body);
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

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against an object of `size` bytes; 'invalid' past the end. */
function byteRange(header: string | undefined, size: number): [number, number] | 'invalid' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return 'invalid';
  return [start, end];
}

/** The bucket's CORS rule (lib/constructs/data/attachments-bucket.ts): POST from any origin. */
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST' };

/** A POST policy document (the base64 `policy` form field, decoded). */
export type PostPolicy = { expiration: string; conditions: unknown[] };

export type PostPolicyVerdict =
  | { ok: true }
  | { ok: false; status: number; code: string; message: string; details?: Record<string, string | number> };

const denied = (message: string): PostPolicyVerdict => ({
  ok: false,
  status: 403,
  code: 'AccessDenied',
  message: `Invalid according to Policy: ${message}`,
});

/** Form fields S3 never expects a condition for. */
const UNCONDITIONED = (name: string) =>
  name === 'policy' || name === 'x-amz-signature' || name === 'file' || name.startsWith('x-ignore-');

/**
 * The checks S3 makes on a browser POST's policy document, in its words: the policy has not expired,
 * every condition holds (exact `{field: value}` and `eq`, `starts-with`, `content-length-range`; field
 * names are case-insensitive, `bucket` is the bucket posted to), and every form field is covered by a
 * condition. `fields` are the form fields before the file, with lower-case names.
 */
export function checkPostPolicy(
  policy: PostPolicy,
  fields: ReadonlyMap<string, string>,
  fileSize: number,
  bucket: string,
  now: Date,
): PostPolicyVerdict {
  const expires = Date.parse(policy.expiration);
  if (Number.isNaN(expires)) {
    return {
      ok: false,
      status: 400,
      code: 'InvalidPolicyDocument',
      message: 'Invalid Policy: Invalid expiration.',
    };
  }
  if (expires <= now.getTime()) return denied('Policy expired.');
  const fieldValue = (name: string) => (name === 'bucket' ? bucket : (fields.get(name) ?? ''));
  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [op, field, value] = condition as [unknown, unknown, unknown];
      if (op === 'content-length-range') {
        const [min, max] = [Number(field), Number(value)];
        if (fileSize > max) {
          return {
            ok: false,
            status: 400,
            code: 'EntityTooLarge',
            message: 'Your proposed upload exceeds the maximum allowed size',
            details: { ProposedSize: fileSize, MaxSizeAllowed: max },
          };
        }
        if (fileSize < min) {
          return {
            ok: false,
            status: 400,
            code: 'EntityTooSmall',
            message: 'Your proposed upload is smaller than the minimum allowed size',
            details: { ProposedSize: fileSize, MinSizeAllowed: min },
          };
        }
        continue;
      }
      const name = String(field).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const actual = fieldValue(name);
      // A Content-Type may list several types (comma-separated); starts-with must hold for each.
      const values = name === 'content-type' ? actual.split(',').map((v) => v.trim()) : [actual];
      const holds =
        op === 'eq'
          ? actual === String(value)
          : op === 'starts-with' && values.every((v) => v.startsWith(String(value)));
      if (!holds) {
        return denied(`Policy Condition failed: [${condition.map((v) => JSON.stringify(v)).join(', ')}]`);
      }
    } else if (condition && typeof condition === 'object') {
      for (const [field, value] of Object.entries(condition)) {
        const name = field.toLowerCase();
        covered.add(name);
        if (fieldValue(name) !== String(value)) {
          return denied(`Policy Condition failed: ["eq", "$${field}", ${JSON.stringify(value)}]`);
        }
      }
    } else {
      return {
        ok: false,
        status: 400,
        code: 'InvalidPolicyDocument',
        message: 'Invalid Policy: Invalid Condition.',
      };
    }
  }
  const extra = [...fields.keys()].filter((name) => !UNCONDITIONED(name) && !covered.has(name));
  if (extra.length > 0) return denied(`Extra input fields: ${extra.join(', ')}`);
  return { ok: true };
}

/**
 * A browser upload (POST Object, multipart/form-data to `/<bucket>`) as S3 treats a presigned POST: the
 * policy's expiry and conditions are enforced with S3's error codes, and the object is stored with the
 * form's Content-Type. The signature (x-amz-signature over the policy) is NOT checked: local mode has
 * no secret keys worth protecting, and a wrong signature fails only on AWS.
 */
async function postObject(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  store: FakeS3,
  bucket: string,
) {
  const cors = req.headers.origin ? CORS : {};
  const fail = (
    status: number,
    code: string,
    message: string,
    details: Record<string, string | number> = {},
  ) => s3Error(res, status, code, message, details, cors);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
    }).formData();
  } catch {
    return fail(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  }
  // Fields after the file are ignored, as S3 does.
  const fields = new Map<string, string>();
  let file: { bytes: Buffer; name: string } | undefined;
  for (const [name, value] of form.entries()) {
    if (name.toLowerCase() === 'file') {
      file =
        typeof value === 'string'
          ? { bytes: Buffer.from(value), name: '' }
          : { bytes: Buffer.from(await value.arrayBuffer()), name: value.name };
      break;
    }
    if (typeof value === 'string' && !fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value);
  }
  const key = fields.get('key');
  if (!key) {
    return fail(
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      { ArgumentName: 'key', ArgumentValue: '' },
    );
  }
  if (!file) {
    return fail(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
      ArgumentName: 'file',
      ArgumentValue: 0,
    });
  }
  const encoded = fields.get('policy');
  if (!encoded) return fail(403, 'AccessDenied', 'Access Denied');
  let policy: PostPolicy;
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as PostPolicy;
    if (!Array.isArray(policy.conditions)) throw new TypeError('no conditions');
  } catch {
    return fail(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  // Real time, not the local clock POST /_local/clock moves: the SDK dated the policy by Date.now().
  const verdict = checkPostPolicy(policy, fields, file.bytes.length, bucket, new Date());
  if (!verdict.ok) return fail(verdict.status, verdict.code, verdict.message, verdict.details);

  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own placeholder for the file's name.
  const objectKey = key.replaceAll('${filename}', file.name);
  const { etag } = store.put(
    bucket,
    objectKey,
    file.bytes,
    fields.get('content-type') ?? 'binary/octet-stream',
  );
  const location = `http://${req.headers.host}/_aws/s3/${encodeURIComponent(bucket)}/${objectKey.split('/').map(encodeURIComponent).join('/')}`;
  const status = Number(fields.get('success_action_status'));
  if (status === 201) {
    res.writeHead(201, { 'content-type': 'application/xml', etag, location, ...cors });
    return res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>${xmlElements({ Location: location, Bucket: bucket, Key: objectKey, ETag: etag })}</PostResponse>`,
    );
  }
  res.writeHead(status === 200 ? 200 : 204, { etag, location, ...cors });
  res.end();
}

/** CopyObject: PUT with `x-amz-copy-source: <bucket>/<key>` (URL-encoded), optionally if it still matches an ETag. */
function copyObject(req: IncomingMessage, res: ServerResponse, store: FakeS3, bucket: string, key: string) {
  const source =
    decodeURIComponent(String(req.headers['x-amz-copy-source'])).replace(/^\//, '').split('?')[0] ?? '';
  const slash = source.indexOf('/');
  const [fromBucket, fromKey] = [source.slice(0, slash), source.slice(slash + 1)];
  const object = slash > 0 ? store.get(fromBucket, fromKey) : undefined;
  if (!object) {
    return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: fromKey });
  }
  if (!etagMatches(req.headers['x-amz-copy-source-if-match'], object.body)) {
    return s3Error(res, 412, 'PreconditionFailed', PRECONDITION, { Condition: 'x-amz-copy-source-If-Match' });
  }
  const replace = String(req.headers['x-amz-metadata-directive'] ?? '').toUpperCase() === 'REPLACE';
  const contentType = replace
    ? String(req.headers['content-type'] ?? 'binary/octet-stream')
    : object.contentType;
  const { etag } = store.put(bucket, key, object.body, contentType);
  send(
    res,
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult>${xmlElements({ LastModified: new Date().toISOString(), ETag: etag })}</CopyObjectResult>`,
    'application/xml',
  );
}

/**
 * S3, path-style (`/_aws/s3/<bucket>/<key>`), the calls local mode makes: PutObject, CopyObject,
 * GetObject (Range, If-Match), HeadObject, DeleteObject, and the browser's POST upload to `/<bucket>`.
 */
export async function serveS3(req: IncomingMessage, body: Buffer, res: ServerResponse, store: FakeS3) {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname.replace(/^\/_aws\/s3\/?/, '');
  const slash = pathname.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? pathname : pathname.slice(0, slash));
  const key = slash < 0 ? '' : decodeURIComponent(pathname.slice(slash + 1));
  const resource = `/${bucket}/${key}`;
  if (bucket && !key && req.method === 'POST') return postObject(req, body, res, store, bucket);
  if (bucket && !key && req.method === 'OPTIONS') {
    // CORS preflight, answered by the bucket's rule.
    if (String(req.headers['access-control-request-method']).toUpperCase() !== 'POST') {
      return s3Error(res, 403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.', {
        Method: String(req.headers['access-control-request-method']),
        ResourceType: 'BUCKET',
      });
    }
    res.writeHead(200, {
      ...CORS,
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
      'access-control-max-age': '3000',
    });
    return res.end();
  }
  if (!bucket || !key) {
    return s3Error(res, 400, 'InvalidRequest', 'Local S3 serves objects only: /<bucket>/<key>.', {
      Resource: resource,
    });
  }
  if (req.method === 'PUT' && req.headers['x-amz-copy-source'])
    return copyObject(req, res, store, bucket, key);
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
  if (req.method === 'DELETE') {
    store.delete(bucket, key);
    res.writeHead(204);
    return res.end();
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const object = store.get(bucket, key);
    if (!object) {
      if (req.method === 'HEAD') {
        res.writeHead(404);
        return res.end();
      }
      return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', { Resource: resource });
    }
    if (!etagMatches(req.headers['if-match'], object.body)) {
      if (req.method === 'HEAD') {
        res.writeHead(412);
        return res.end();
      }
      return s3Error(res, 412, 'PreconditionFailed', PRECONDITION, { Condition: 'If-Match' });
    }
    const size = object.body.length;
    const range = req.method === 'GET' ? byteRange(req.headers.range, size) : undefined;
    if (range === 'invalid') {
      return s3Error(res, 416, 'InvalidRange', 'The requested range is not satisfiable', {
        RangeRequested: String(req.headers.range),
        ActualObjectSize: size,
      });
    }
    const served = range ? object.body.subarray(range[0], range[1] + 1) : object.body;
    res.writeHead(range ? 206 : 200, {
      'content-type': object.contentType,
      'content-length': String(served.length),
      ...(range ? { 'content-range': `bytes ${range[0]}-${range[1]}/${size}` } : {}),
      'accept-ranges': 'bytes',
      etag: etagOf(object.body),
      'last-modified': object.lastModified.toUTCString(),
    });
    return res.end(req.method === 'HEAD' ? undefined : served);
  }
  s3Error(res, 405, 'MethodNotAllowed', `${req.method} is not supported locally.`, { Resource: resource });
}
