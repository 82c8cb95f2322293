import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3AttachmentStore } from '#adapters/storage/attachment-store.ts';
import { ConflictError } from '#core/errors.ts';

const BUCKET = 'nidaa-test-attachments';
const KEY = 'uploads/pending/0b7c2f9e-3a41-4d8e-9f60-1c2d3e4f5a6b';
const s3 = mockClient(S3Client);
const store = new S3AttachmentStore(new S3Client({ region: 'me-south-1' }), BUCKET);

const bodyOf = (bytes: Uint8Array) =>
  ({ transformToByteArray: async () => bytes }) as unknown as GetObjectCommandOutput['Body'];
const denied = () =>
  new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
const notFound = () => new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });

beforeEach(() => s3.reset());

describe('S3AttachmentStore.createUpload', () => {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  beforeEach(() => {
    delete process.env.AWS_ENDPOINT_URL_S3;
  });
  afterEach(() => {
    if (endpoint) process.env.AWS_ENDPOINT_URL_S3 = endpoint;
  });

  it('signs a POST policy for one key, one type and 1 byte up to the limit, valid for the given time', async () => {
    const before = Date.now();
    const form = await store.createUpload({
      key: KEY,
      contentType: 'image/jpeg',
      maxBytes: 10 * 1024 * 1024,
      expiresInSeconds: 600,
    });
    expect(form.url).toBe(`https://${BUCKET}.s3.me-south-1.amazonaws.com/`);
    expect(form.fields).toMatchObject({
      key: KEY,
      'Content-Type': 'image/jpeg',
      bucket: BUCKET,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const policy = JSON.parse(Buffer.from(form.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 10 * 1024 * 1024],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['eq', '$key', KEY],
        { key: KEY },
        { bucket: BUCKET },
      ]),
    );
    const expires = Date.parse(policy.expiration);
    expect(expires - before).toBeGreaterThan(599_000);
    expect(expires - before).toBeLessThanOrEqual(600_000);
    expect(Date.parse(form.expiresAt)).toBe(expires);
    // Signing is local: no request reaches S3.
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('S3AttachmentStore reads', () => {
  it('describes an object by its size and stored type', async () => {
    s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: KEY }).resolves({
      ContentLength: 1234,
      ContentType: 'image/png',
      ETag: '"e1"',
    });
    expect(await store.describe(KEY)).toEqual({ size: 1234, contentType: 'image/png', version: '"e1"' });
  });

  it('reads 404 and 403 (no s3:ListBucket) as "no such object", and lets other errors through', async () => {
    s3.on(HeadObjectCommand).rejectsOnce(notFound()).rejectsOnce(denied());
    expect(await store.describe(KEY)).toBeUndefined();
    expect(await store.describe(KEY)).toBeUndefined();
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
    );
    await expect(store.describe(KEY)).rejects.toThrow();
  });

  it('reads only the first bytes for sniffing, of the version it described', async () => {
    s3.on(GetObjectCommand).resolves({ Body: bodyOf(Uint8Array.of(0x89, 0x50)) });
    expect(await store.readStart(KEY, 16, '"e1"')).toEqual(Uint8Array.of(0x89, 0x50));
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: BUCKET,
      Key: KEY,
      Range: 'bytes=0-15',
      IfMatch: '"e1"',
    });
  });

  it('turns 412 PreconditionFailed (the file was posted again) into a ConflictError', async () => {
    const changed = new S3ServiceException({
      name: 'PreconditionFailed',
      $fault: 'client',
      $metadata: { httpStatusCode: 412 },
    });
    s3.on(GetObjectCommand).rejects(changed);
    s3.on(CopyObjectCommand).rejects(changed);
    await expect(store.read(KEY, '"e1"')).rejects.toThrow(ConflictError);
    await expect(store.copy(KEY, 'uploads/cases/x', 'application/pdf', '"e1"')).rejects.toThrow(
      ConflictError,
    );
  });

  it('reads a whole object, or nothing once it is gone', async () => {
    s3.on(GetObjectCommand).resolvesOnce({ Body: bodyOf(Uint8Array.of(1, 2, 3)) });
    expect(await store.read(KEY)).toEqual(Uint8Array.of(1, 2, 3));
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input.Range).toBeUndefined();

    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    s3.on(HeadObjectCommand).rejects(notFound());
    expect(await store.read(KEY)).toBeUndefined();
  });

  it('does not mistake a refused read of an existing object (e.g. its KMS key) for a missing one', async () => {
    s3.on(GetObjectCommand).rejects(denied());
    s3.on(HeadObjectCommand).resolves({ ContentLength: 3, ContentType: 'image/jpeg' });
    await expect(store.read(KEY)).rejects.toThrow(S3ServiceException);
  });
});

describe('S3AttachmentStore writes', () => {
  const CASE_KEY = 'uploads/cases/0b7c2f9e-3a41-4d8e-9f60-1c2d3e4f5a6b';

  it('writes a cleaned file as a download of its verified type', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put(CASE_KEY, Uint8Array.of(0xff, 0xd8), 'image/jpeg');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: CASE_KEY,
      Body: Uint8Array.of(0xff, 0xd8),
      ContentType: 'image/jpeg',
      ContentDisposition: 'attachment',
    });
  });

  it('copies the verified version server-side, replacing its metadata', async () => {
    s3.on(CopyObjectCommand).resolves({});
    await store.copy(KEY, CASE_KEY, 'application/pdf', '"e1"');
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Bucket: BUCKET,
      Key: CASE_KEY,
      CopySource: `${BUCKET}/${KEY}`,
      CopySourceIfMatch: '"e1"',
      MetadataDirective: 'REPLACE',
      ContentType: 'application/pdf',
      ContentDisposition: 'attachment',
    });
  });

  it('deletes the pending upload', async () => {
    s3.on(DeleteObjectCommand).resolves({});
    await store.remove(KEY);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: BUCKET, Key: KEY });
  });
});
