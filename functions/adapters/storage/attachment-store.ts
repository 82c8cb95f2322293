import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StoredObject, UploadStore } from '#core/attachments/accept-uploads.ts';
import type { AttachmentType } from '#core/attachments/policy.ts';
import { ConflictError } from '#core/errors.ts';
import { PLATFORM_ENV } from '#shared/env.ts';
import { caseDataRegion } from '../resource-regions.ts';

/** A browser-ready upload: POST `fields` and then the file, as multipart/form-data, to `url`. */
export type UploadForm = { url: string; fields: Record<string, string>; expiresAt: string };

/**
 * Citizens' attachments in S3 (docs/decisions/0013). Uploads arrive by presigned POST under
 * `uploads/pending/`; verified files are written or copied under `uploads/cases/`. Objects are served
 * only as downloads (`Content-Disposition: attachment`) with the type they were verified as.
 *
 * The function may not list the bucket, so S3 answers a missing key with 403 rather than 404; both
 * read as "no such object" (`describe`). Local mode serves S3 under a path (AWS_ENDPOINT_URL_S3), so
 * requests are path-style there.
 */
export class S3AttachmentStore implements UploadStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  static create(bucket: string) {
    return new S3AttachmentStore(
      new S3Client({ forcePathStyle: Boolean(process.env[PLATFORM_ENV.s3Endpoint]), ...caseDataRegion() }),
      bucket,
    );
  }

  /**
   * A presigned POST for exactly one object: this key, this Content-Type, 1 to `maxBytes` bytes, until
   * the form expires. S3 refuses anything else before storing a byte.
   */
  async createUpload(args: {
    key: string;
    contentType: AttachmentType;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<UploadForm> {
    // The policy states its expiry to the second, rounded down; so does the answer.
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + args.expiresInSeconds) * 1000);
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: args.key,
      // createPresignedPost adds a `{field: value}` condition for every field too (key, bucket,
      // Content-Type, x-amz-*); the explicit ones state the rules where they are read.
      Conditions: [
        ['content-length-range', 1, args.maxBytes],
        ['eq', '$Content-Type', args.contentType],
        ['eq', '$key', args.key],
      ],
      Fields: { 'Content-Type': args.contentType },
      Expires: args.expiresInSeconds,
    });
    return { url, fields, expiresAt: expiresAt.toISOString() };
  }

  async describe(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: out.ContentLength ?? 0,
        contentType: out.ContentType,
        ...(out.ETag ? { version: out.ETag } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /**
   * A short-lived link to view one verified attachment (the case panel's image previews). Signed with
   * the function's credentials: whoever holds the link may read that one object until it expires.
   */
  async viewUrl(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }

  readStart(key: string, bytes: number, version?: string) {
    return this.get(key, version, `bytes=0-${bytes - 1}`);
  }

  read(key: string, version?: string) {
    return this.get(key, version);
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentDisposition: 'attachment',
      }),
    );
  }

  async copy(fromKey: string, toKey: string, contentType: AttachmentType, version?: string) {
    await this.s3
      .send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: toKey,
          CopySource: encodeURI(`${this.bucket}/${fromKey}`),
          ...(version ? { CopySourceIfMatch: version } : {}),
          MetadataDirective: 'REPLACE',
          ContentType: contentType,
          ContentDisposition: 'attachment',
        }),
      )
      .catch((error: unknown) => {
        throwIfChanged(error);
        throw error;
      });
  }

  async remove(key: string) {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  private async get(key: string, version?: string, range?: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(version ? { IfMatch: version } : {}),
          ...(range ? { Range: range } : {}),
        }),
      );
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      throwIfChanged(error);
      // Gone since it was described (a concurrent request moved it), or refused for another reason
      // (the key): only a HEAD that now finds nothing makes it "gone".
      if (isMissing(error) && !(await this.describe(key))) return undefined;
      throw error;
    }
  }
}

/** S3 answers 412 PreconditionFailed when the object no longer has the ETag a request names. */
function throwIfChanged(error: unknown) {
  if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) {
    throw new ConflictError({
      ar: 'تغيّر الملف المرفوع أثناء فحصه، أعد إرسال الطلب.',
      en: 'An uploaded file changed while it was being checked; send the request again.',
    });
  }
}

function isMissing(error: unknown) {
  if (!(error instanceof S3ServiceException)) return false;
  const status = error.$metadata.httpStatusCode;
  return status === 404 || status === 403 || error.name === 'NoSuchKey' || error.name === 'NotFound';
}
