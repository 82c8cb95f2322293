import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { RegionRole } from '../../lib/function-catalog.ts';

/**
 * Local mode is region-true: each stand-in knows where the resources it serves live (the dev stage's
 * regions, as lib/function-catalog.ts RESOURCES places them) and refuses a call signed for another region
 * with the error AWS gives there, so a client built for the wrong region fails here as it fails in AWS.
 * The region is the one the SDK signed for: SigV4's credential scope
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`), in the Authorization header or, for
 * presigned URLs, the X-Amz-Credential query parameter, or the `x-amz-credential` field of a presigned POST
 * form a browser sends. Unsigned requests (local mode's own reads) are not checked.
 */
export type LocalRegions = {
  regions: Record<RegionRole, string>;
  /** Where each local bucket lives. */
  buckets: Record<string, RegionRole>;
};

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

const FORM_CREDENTIAL = /name="x-amz-credential"\r\n\r\n([^\r]+)\r\n/i;

/** The region and service a request is signed for, if it is signed (`body`: a form POST's fields). */
export function signedScope(
  req: IncomingMessage,
  body?: string,
): { region: string; service: string } | undefined {
  const header = SCOPE.exec(String(req.headers.authorization ?? ''));
  if (header) return { region: header[1] as string, service: header[2] as string };
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('X-Amz-Credential');
  const form = body && req.method === 'POST' ? FORM_CREDENTIAL.exec(body)?.[1] : undefined;
  const parts = (query ?? form)?.split('/');
  if (parts && parts.length === 5) return { region: parts[2] as string, service: parts[3] as string };
  return undefined;
}

/** A call signed for `region` to a resource living in `home`: the region AWS would send it to. */
export function wrongRegion(req: IncomingMessage, home: string, body?: string): string | undefined {
  const scope = signedScope(req, body);
  return scope && scope.region !== home ? scope.region : undefined;
}

/** The answers AWS gives a client that calls a region where the resource does not exist, per protocol. */
export const refuse = {
  /** JSON 1.0 / 1.1 protocols (DynamoDB, Step Functions, Secrets Manager): the error in `__type`. */
  json(res: ServerResponse, type: string, message: string) {
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type });
    res.end(JSON.stringify({ __type: type, message }));
  },
  /** REST-JSON protocols (Connect, Lambda, Scheduler, SES v2). */
  restJson(res: ServerResponse, status: number, type: string, message: string) {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
    res.end(JSON.stringify({ Message: message, message }));
  },
  /** Query protocol (SNS). */
  query(res: ServerResponse, status: number, code: string, message: string) {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(
      `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`,
    );
  },
  /** S3: a bucket asked for in another region answers with a redirect to its own (the SDK throws it). */
  s3(res: ServerResponse, bucket: string, region: string) {
    res.writeHead(301, { 'content-type': 'application/xml', 'x-amz-bucket-region': region });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message><Endpoint>${bucket}.s3.${region}.amazonaws.com</Endpoint><Bucket>${bucket}</Bucket></Error>`,
    );
  },
};

/**
 * A proxy in front of an emulator that has no notion of regions (dynalite, aws-ses-v2-local): calls
 * signed for `home` go through unchanged, others get `refusal`.
 */
export async function regionGuardedProxy(options: {
  target: { host: string; port: number };
  home: string;
  refusal: (res: ServerResponse, signedRegion: string, req: IncomingMessage) => void;
  host: string;
}): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const away = wrongRegion(req, options.home);
    if (away) {
      req.resume();
      options.refusal(res, away, req);
      return;
    }
    const upstream = request(
      {
        host: options.target.host,
        port: options.target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, options.host, () => resolve((server.address() as { port: number }).port)),
  );
  return { server, port };
}
