import { type Bilingual, type FieldProblem, ValidationError } from '../errors.ts';
import { stripJpegMetadata } from './jpeg.ts';
import {
  type AttachmentType,
  caseAttachmentKey,
  isAttachmentType,
  MAX_BYTES,
  maxMegabytes,
  pendingKey,
} from './policy.ts';
import { SNIFF_BYTES, sniffType } from './sniff.ts';

/**
 * An object's size, the Content-Type it was stored with, and its version (S3's ETag): reads and copies
 * that name a version fail with a ConflictError if the object was replaced since, so what is copied is
 * what was checked.
 */
export type StoredObject = { size: number; contentType: string | undefined; version?: string };

/** The attachments bucket, as the domain needs it (S3 in functions/adapters/storage). */
export interface UploadStore {
  /** Size, type and version, or undefined when there is no such object. */
  describe(key: string): Promise<StoredObject | undefined>;
  /** The first `bytes` bytes, or undefined when the object is gone. */
  readStart(key: string, bytes: number, version?: string): Promise<Uint8Array | undefined>;
  /** The whole object, or undefined when it is gone. */
  read(key: string, version?: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array, contentType: AttachmentType): Promise<void>;
  copy(fromKey: string, toKey: string, contentType: AttachmentType, version?: string): Promise<void>;
  remove(key: string): Promise<void>;
}

type Refusal = { ok: false; problem: 'type' | 'size' | 'content' | 'damaged'; detail: string };

export type UploadCheck =
  | { ok: true; type: AttachmentType; cleaned?: Uint8Array; removed: string[] }
  | Refusal;

/** What the stored object claims: a type on the list and a size within that type's limit. */
export function checkDeclared(object: StoredObject): { ok: true; type: AttachmentType } | Refusal {
  const declared = object.contentType?.split(';')[0]?.trim().toLowerCase();
  if (!isAttachmentType(declared)) {
    return { ok: false, problem: 'type', detail: `type ${object.contentType ?? '(none)'} is not accepted` };
  }
  if (object.size < 1 || object.size > MAX_BYTES[declared]) {
    return { ok: false, problem: 'size', detail: `${object.size} bytes for ${declared}` };
  }
  return { ok: true, type: declared };
}

/**
 * Whether an uploaded object may become an attachment: what it declares (checkDeclared), first bytes
 * that really are that type, and for JPEG a complete file, returned without its metadata. `bytes` is
 * the whole object for JPEG, at least the first SNIFF_BYTES otherwise.
 */
export function checkUpload(object: StoredObject, bytes: Uint8Array): UploadCheck {
  const declared = checkDeclared(object);
  if (!declared.ok) return declared;
  const { type } = declared;
  const sniffed = sniffType(bytes.subarray(0, SNIFF_BYTES));
  if (sniffed !== type) {
    return { ok: false, problem: 'content', detail: `declared ${type}, content is ${sniffed ?? 'unknown'}` };
  }
  if (type !== 'image/jpeg') return { ok: true, type, removed: [] };
  if (bytes.length !== object.size) return { ok: false, problem: 'damaged', detail: 'incomplete read' };
  const stripped = stripJpegMetadata(bytes);
  if (!stripped.ok) return { ok: false, problem: 'damaged', detail: stripped.reason };
  return { ok: true, type, cleaned: stripped.bytes, removed: stripped.removed };
}

const MESSAGES: Record<'missing' | Refusal['problem'], Bilingual> = {
  missing: {
    ar: 'لم نجد الملف المرفوع أو انتهت مهلة رفعه، ارفعه مرة أخرى.',
    en: 'The uploaded file was not found or its upload expired; upload it again.',
  },
  type: {
    ar: 'نوع الملف غير مقبول: أرسل صور JPEG أو PNG أو WebP أو ملفات PDF.',
    en: 'This file type is not accepted: send JPEG, PNG or WebP photos or PDF files.',
  },
  size: {
    ar: `حجم الملف غير مقبول (الحد ${maxMegabytes('image/jpeg')} ميغابايت للصور و${maxMegabytes('application/pdf')} ميغابايت لملفات PDF).`,
    en: `The file size is not accepted (at most ${maxMegabytes('image/jpeg')} MB for photos, ${maxMegabytes('application/pdf')} MB for PDF files).`,
  },
  content: {
    ar: 'محتوى الملف لا يطابق نوعه المعلن.',
    en: 'The file’s content does not match its declared type.',
  },
  damaged: {
    ar: 'الصورة تالفة أو لم يكتمل رفعها.',
    en: 'The image is damaged or was not uploaded completely.',
  },
};

type Accepted = { uploadId: string; key: string } & (
  | { done: true }
  | { done: false; type: AttachmentType; cleaned?: Uint8Array; version?: string }
);

/**
 * Turns upload ids into attachment keys for a new message. Every upload is checked before anything is
 * written: one refused upload refuses the request (a bilingual ValidationError naming it) and leaves
 * the bucket as it was. Then each JPEG is written back without its metadata and every other file is
 * copied, to `uploads/cases/<uploadId>`, and the pending upload is deleted.
 *
 * A file replaced while it is checked (the upload form can be posted again until it expires) fails
 * the request with a ConflictError instead of being copied unchecked.
 *
 * Idempotent: an upload already moved by an earlier attempt of the same request (a retry, or a
 * concurrent duplicate that got there first) is found under its case key and used as it is.
 */
export async function acceptUploads(uploadIds: readonly string[], store: UploadStore): Promise<string[]> {
  const problems: FieldProblem[] = [];
  const accepted: Accepted[] = [];
  const seen = new Set<string>();

  for (const [i, uploadId] of uploadIds.entries()) {
    // The same upload listed twice is attached once.
    if (seen.has(uploadId)) continue;
    seen.add(uploadId);
    const refuse = (problem: keyof typeof MESSAGES) =>
      problems.push({ path: `attachments.${i}`, message: MESSAGES[problem] });
    const key = caseAttachmentKey(uploadId);
    const alreadyMoved = async () => (await store.describe(key)) !== undefined;
    const pending = pendingKey(uploadId);
    const object = await store.describe(pending);
    if (!object) {
      if (await alreadyMoved()) accepted.push({ uploadId, key, done: true });
      else refuse('missing');
      continue;
    }
    const declared = checkDeclared(object);
    if (!declared.ok) {
      refuse(declared.problem);
      continue;
    }
    // A JPEG is read whole (it is rewritten); other types only as far as their signature.
    const bytes =
      declared.type === 'image/jpeg'
        ? await store.read(pending, object.version)
        : await store.readStart(pending, SNIFF_BYTES, object.version);
    if (!bytes) {
      // Deleted since describe(): a concurrent attempt moved it.
      if (await alreadyMoved()) accepted.push({ uploadId, key, done: true });
      else refuse('missing');
      continue;
    }
    const check = checkUpload(object, bytes);
    if (!check.ok) {
      refuse(check.problem);
      continue;
    }
    accepted.push({
      uploadId,
      key,
      done: false,
      type: check.type,
      ...(check.cleaned ? { cleaned: check.cleaned } : {}),
      ...(object.version ? { version: object.version } : {}),
    });
  }

  if (problems.length > 0) {
    throw new ValidationError(
      { ar: 'لم نتمكن من قبول الملفات المرفقة.', en: 'The attached files could not be accepted.' },
      problems,
    );
  }
  for (const a of accepted) {
    if (a.done) continue;
    if (a.cleaned) await store.put(a.key, a.cleaned, a.type);
    // The form stays valid for minutes: the copy names the version that was checked, so a file posted
    // again in between is not copied unchecked.
    else await store.copy(pendingKey(a.uploadId), a.key, a.type, a.version);
    await store.remove(pendingKey(a.uploadId));
  }
  return accepted.map((a) => a.key);
}
