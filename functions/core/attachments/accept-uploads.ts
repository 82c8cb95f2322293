import { type Bilingual, type FieldProblem, ValidationError } from '../errors.ts';
import { stripJpegMetadata } from './jpeg.ts';
import { findActivePdfContent } from './pdf.ts';
import { stripPngMetadata } from './png.ts';
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

type Refusal = { ok: false; problem: 'type' | 'size' | 'content' | 'damaged' | 'active'; detail: string };

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

/** Types read whole to be checked or rewritten; WebP is checked by its signature only. */
export const readsWhole = (type: AttachmentType) => type !== 'image/webp';

/**
 * Whether an uploaded object may become an attachment: what it declares (checkDeclared), first bytes
 * that really are that type; a JPEG or PNG complete and returned without its metadata; a PDF without
 * active content (docs/decisions/0093). `bytes` is the whole object for the types `readsWhole` names,
 * at least the first SNIFF_BYTES otherwise.
 */
export async function checkUpload(object: StoredObject, bytes: Uint8Array): Promise<UploadCheck> {
  const declared = checkDeclared(object);
  if (!declared.ok) return declared;
  const { type } = declared;
  const sniffed = sniffType(bytes.subarray(0, SNIFF_BYTES));
  if (sniffed !== type) {
    return { ok: false, problem: 'content', detail: `declared ${type}, content is ${sniffed ?? 'unknown'}` };
  }
  if (!readsWhole(type)) return { ok: true, type, removed: [] };
  if (bytes.length !== object.size) return { ok: false, problem: 'damaged', detail: 'incomplete read' };
  if (type === 'application/pdf') {
    const pdf = await findActivePdfContent(bytes);
    return pdf.ok ? { ok: true, type, removed: [] } : { ok: false, problem: 'active', detail: pdf.reason };
  }
  const stripped = type === 'image/png' ? stripPngMetadata(bytes) : stripJpegMetadata(bytes);
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
  active: {
    ar: 'ملف PDF يحتوي على برمجيات أو إجراءات تلقائية أو ملفات مضمّنة، أو لا يمكن فحصه. احفظه أو اطبعه كملف PDF عادي ثم أرسله.',
    en: 'This PDF contains scripts, automatic actions or embedded files, or cannot be checked. Save or print it as a plain PDF and send that.',
  },
};

/** The bilingual words for a refused upload, for channels that check files themselves (Open311). */
export const refusalMessage = (problem: Refusal['problem']) => MESSAGES[problem];

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
    // JPEG and PNG are read whole (they are rewritten), PDF too (it is searched); WebP only as far as its signature.
    const bytes = readsWhole(declared.type)
      ? await store.read(pending, object.version)
      : await store.readStart(pending, SNIFF_BYTES, object.version);
    if (!bytes) {
      // Deleted since describe(): a concurrent attempt moved it.
      if (await alreadyMoved()) accepted.push({ uploadId, key, done: true });
      else refuse('missing');
      continue;
    }
    const check = await checkUpload(object, bytes);
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
