import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { Outbox } from './outbox.ts';
import type { LocalWorkflows } from './workflows.ts';

/**
 * Stand-ins for the AWS APIs that have no local emulator. Handlers reach them through the SDK's own
 * endpoint settings (AWS_ENDPOINT_URL_SNS, …_SFN, …_CONNECT, …_S3), so the code that runs is the code
 * Lambda runs: the same clients, commands and wire protocols. Only the calls Nidaa makes are implemented.
 */
export type FakeAwsDeps = { outbox: Outbox; workflows: LocalWorkflows; now: () => Date; s3: FakeS3 };

const send = (res: ServerResponse, status: number, body: string, type: string) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};
const json = (res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.0') =>
  send(res, status, JSON.stringify(body), type);

/** SNS speaks the AWS Query protocol: form-encoded request, XML response. */
function sns(body: string, res: ServerResponse, deps: FakeAwsDeps) {
  const form = new URLSearchParams(body);
  if (form.get('Action') !== 'Publish' || !form.get('PhoneNumber')) {
    return send(
      res,
      400,
      '<ErrorResponse><Error><Code>InvalidParameter</Code></Error></ErrorResponse>',
      'text/xml',
    );
  }
  const attributes: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] =
      form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  const messageId = crypto.randomUUID();
  deps.outbox.add({
    channel: 'sms',
    to: form.get('PhoneNumber') ?? '',
    text: form.get('Message') ?? '',
    at: deps.now().toISOString(),
    senderId: attributes['AWS.SNS.SMS.SenderID'],
    messageId,
  });
  send(
    res,
    200,
    `<PublishResponse><PublishResult><MessageId>${messageId}</MessageId></PublishResult></PublishResponse>`,
    'text/xml',
  );
}

/** Step Functions speaks JSON 1.0 with the operation in X-Amz-Target. */
async function stepFunctions(target: string, body: string, res: ServerResponse, deps: FakeAwsDeps) {
  const request = JSON.parse(body) as { stateMachineArn: string; name?: string; input?: string };
  const operation = target.replace('AWSStepFunctions.', '');
  const machine = deps.workflows.nameOf(request.stateMachineArn);
  if (operation !== 'StartSyncExecution' || !machine) {
    return json(res, 400, {
      __type: 'InvalidArn',
      message: `Unsupported locally: ${operation} ${request.stateMachineArn}`,
    });
  }
  const executionName = request.name ?? crypto.randomUUID();
  const startDate = deps.now().getTime() / 1000;
  const result = await deps.workflows.run(machine, JSON.parse(request.input ?? '{}'), executionName);
  json(res, 200, {
    executionArn: `${request.stateMachineArn.replace(':stateMachine:', ':express:')}:${executionName}`,
    stateMachineArn: request.stateMachineArn,
    name: executionName,
    startDate,
    stopDate: deps.now().getTime() / 1000,
    ...(result.status === 'SUCCEEDED'
      ? { status: 'SUCCEEDED', output: JSON.stringify(result.output) }
      : { status: 'FAILED', error: result.error, cause: result.cause }),
  });
}

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
function s3(req: IncomingMessage, body: Buffer, res: ServerResponse, deps: FakeAwsDeps) {
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
    const { etag } = deps.s3.put(
      bucket,
      key,
      data,
      String(req.headers['content-type'] ?? 'application/octet-stream'),
    );
    res.writeHead(200, { etag });
    return res.end();
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const object = deps.s3.get(bucket, key);
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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves `/_aws/<service>/…`; returns false for other paths. */
export async function handleFakeAws(
  req: IncomingMessage,
  res: ServerResponse,
  deps: FakeAwsDeps,
): Promise<boolean> {
  const url = req.url ?? '';
  if (!url.startsWith('/_aws/')) return false;
  const raw = await readBody(req);
  // S3 carries bytes (raw MIME); the JSON and Query protocols carry UTF-8 text.
  if (url.startsWith('/_aws/s3')) {
    s3(req, raw, res, deps);
    return true;
  }
  const body = raw.toString('utf8');
  if (url.startsWith('/_aws/sns')) sns(body, res, deps);
  else if (url.startsWith('/_aws/sfn'))
    await stepFunctions(String(req.headers['x-amz-target']), body, res, deps);
  else json(res, 404, { message: `No local stand-in for ${url}` }, 'application/json');
  return true;
}
