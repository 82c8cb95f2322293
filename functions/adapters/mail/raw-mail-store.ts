import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PLATFORM_ENV } from '#shared/env.ts';

/** The raw MIME message SES stored, or only its size when it is above the limit the caller set. */
export type RawMail = { kind: 'found'; raw: Uint8Array } | { kind: 'too_large'; bytes: number };

export interface RawMailReader {
  read(messageId: string, maxBytes: number): Promise<RawMail>;
}

type Body = { transformToByteArray?: () => Promise<Uint8Array>; destroy?: () => void } & Partial<
  AsyncIterable<Uint8Array>
>;

/**
 * Reads received mail from the bucket SES's S3 action writes to: the object key is the rule's
 * objectKeyPrefix followed by SES's message id. Oversized objects are not downloaded. Local mode serves
 * S3 under a path (AWS_ENDPOINT_URL_S3), so requests are path-style there.
 */
export class S3RawMailStore implements RawMailReader {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  /** `at`: the bucket's region, regions.mailReceiving, which differs from the function's own. */
  static create(bucket: string, prefix: string, at: { region: string }) {
    return new S3RawMailStore(
      new S3Client({ forcePathStyle: Boolean(process.env[PLATFORM_ENV.s3Endpoint]), ...at }),
      bucket,
      prefix,
    );
  }

  keyOf(messageId: string) {
    return `${this.prefix}${messageId}`;
  }

  async read(messageId: string, maxBytes: number): Promise<RawMail> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(messageId) }));
    const body = out.Body as Body | undefined;
    if (out.ContentLength !== undefined && out.ContentLength > maxBytes) {
      body?.destroy?.();
      return { kind: 'too_large', bytes: out.ContentLength };
    }
    const raw = await readAll(body, maxBytes);
    return raw ? { kind: 'found', raw } : { kind: 'too_large', bytes: maxBytes + 1 };
  }
}

/** The whole body, or undefined once it passes `maxBytes` (a missing Content-Length must not let it through). */
async function readAll(body: Body | undefined, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  if (body.transformToByteArray) {
    const bytes = await body.transformToByteArray();
    return bytes.byteLength > maxBytes ? undefined : bytes;
  }
  if (!body[Symbol.asyncIterator]) throw new TypeError('Unreadable S3 object body');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy?.();
      return undefined;
    }
    chunks.push(chunk);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
