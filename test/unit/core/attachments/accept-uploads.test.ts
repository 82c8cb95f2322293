import { describe, expect, it } from 'vitest';
import { acceptUploads, type StoredObject, type UploadStore } from '#core/attachments/accept-uploads.ts';
import { ConflictError, ValidationError } from '#core/errors.ts';
import { aJpeg, anExe, aPdf, aPng } from '../../../support/attachment-fixtures.ts';

type Stored = { bytes: Uint8Array; contentType: string | undefined; version: string };

/** The attachments bucket in memory, recording every call; versions behave like S3's If-Match. */
class MemoryUploads implements UploadStore {
  readonly objects = new Map<string, Stored>();
  readonly calls: string[] = [];
  private versions = 0;
  /** Runs before a read: lets a test delete the object in between, like a concurrent request. */
  beforeRead: (key: string) => void = () => {};
  /** Runs before a copy: lets a test post another file in between. */
  beforeCopy: (key: string) => void = () => {};

  add(key: string, bytes: Uint8Array, contentType: string | undefined) {
    this.objects.set(key, { bytes, contentType, version: `v${++this.versions}` });
    return this;
  }

  private current(key: string, version: string | undefined) {
    const o = this.objects.get(key);
    if (o && version && o.version !== version) throw new ConflictError({ ar: 'تغيّر', en: 'changed' });
    return o;
  }

  async describe(key: string): Promise<StoredObject | undefined> {
    this.calls.push(`describe ${key}`);
    const o = this.objects.get(key);
    return o && { size: o.bytes.length, contentType: o.contentType, version: o.version };
  }
  async readStart(key: string, bytes: number, version?: string) {
    this.calls.push(`readStart ${key} ${bytes}`);
    this.beforeRead(key);
    return this.current(key, version)?.bytes.subarray(0, bytes);
  }
  async read(key: string, version?: string) {
    this.calls.push(`read ${key}`);
    this.beforeRead(key);
    return this.current(key, version)?.bytes;
  }
  async put(key: string, bytes: Uint8Array, contentType: string) {
    this.calls.push(`put ${key}`);
    this.add(key, bytes, contentType);
  }
  async copy(from: string, to: string, contentType: string, version?: string) {
    this.calls.push(`copy ${from} ${to}`);
    this.beforeCopy(from);
    const o = this.current(from, version);
    if (o) this.add(to, o.bytes, contentType);
  }
  async remove(key: string) {
    this.calls.push(`remove ${key}`);
    this.objects.delete(key);
  }
  get writes() {
    return this.calls.filter((c) => /^(put|copy|remove) /.test(c));
  }
}

const PHOTO = 'b3c1f0a2-8f7e-4c55-9d0e-0a1b2c3d4e5f';
const SCAN = 'c4d2e1b3-9a8f-4d66-8e1f-1b2c3d4e5f60';

describe('acceptUploads', () => {
  it('rewrites a JPEG without its metadata, copies a PDF, deletes the pending uploads', async () => {
    const store = new MemoryUploads()
      .add(`uploads/pending/${PHOTO}`, aJpeg({ exif: true }), 'image/jpeg')
      .add(`uploads/pending/${SCAN}`, aPdf(), 'application/pdf');
    const keys = await acceptUploads([PHOTO, SCAN], store);
    expect(keys).toEqual([`uploads/cases/${PHOTO}`, `uploads/cases/${SCAN}`]);
    expect(store.objects.get(`uploads/cases/${PHOTO}`)).toMatchObject({
      bytes: aJpeg(),
      contentType: 'image/jpeg',
    });
    expect(store.objects.get(`uploads/cases/${SCAN}`)?.bytes).toEqual(aPdf());
    expect([...store.objects.keys()].filter((k) => k.startsWith('uploads/pending/'))).toEqual([]);
    // Both are read whole: the JPEG is rewritten, the PDF searched for active content.
    expect(store.calls).toContain(`read uploads/pending/${PHOTO}`);
    expect(store.calls).toContain(`read uploads/pending/${SCAN}`);
    expect(store.writes).toEqual([
      `put uploads/cases/${PHOTO}`,
      `remove uploads/pending/${PHOTO}`,
      `copy uploads/pending/${SCAN} uploads/cases/${SCAN}`,
      `remove uploads/pending/${SCAN}`,
    ]);
  });

  it('refuses the whole request, in both languages, when one upload is disguised, and writes nothing', async () => {
    const store = new MemoryUploads()
      .add(`uploads/pending/${PHOTO}`, aJpeg(), 'image/jpeg')
      .add(`uploads/pending/${SCAN}`, anExe(), 'image/jpeg');
    const error = await acceptUploads([PHOTO, SCAN], store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const { fields, messages } = error as ValidationError;
    expect(messages.ar).toMatch(/[\u0600-\u06FF]/);
    expect(fields).toEqual([
      {
        path: 'attachments.1',
        message: {
          ar: expect.stringMatching(/[\u0600-\u06FF]/),
          en: expect.stringContaining('does not match'),
        },
      },
    ]);
    expect(store.writes).toEqual([]);
  });

  it('refuses an upload that never arrived or has expired', async () => {
    const error = (await acceptUploads([PHOTO], new MemoryUploads()).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(error.fields[0]?.message.en).toContain('not found');
  });

  it('refuses a type that is not accepted without reading the file', async () => {
    const store = new MemoryUploads().add(`uploads/pending/${PHOTO}`, aPng(), 'image/svg+xml');
    const error = (await acceptUploads([PHOTO], store).catch((e: unknown) => e)) as ValidationError;
    expect(error.fields[0]?.message.en).toContain('type is not accepted');
    expect(store.calls.filter((c) => c.startsWith('read'))).toEqual([]);
  });

  it('is idempotent: a retry finds what the first attempt moved', async () => {
    const store = new MemoryUploads().add(`uploads/pending/${PHOTO}`, aJpeg({ exif: true }), 'image/jpeg');
    const first = await acceptUploads([PHOTO], store);
    const writes = store.writes.length;
    expect(await acceptUploads([PHOTO], store)).toEqual(first);
    expect(store.writes.length).toBe(writes);
  });

  it('uses the moved object when a concurrent attempt moves the upload mid-check', async () => {
    const store = new MemoryUploads().add(`uploads/pending/${PHOTO}`, aJpeg({ exif: true }), 'image/jpeg');
    store.beforeRead = (key) => {
      store.objects.delete(key);
      store.add(`uploads/cases/${PHOTO}`, aJpeg(), 'image/jpeg');
    };
    expect(await acceptUploads([PHOTO], store)).toEqual([`uploads/cases/${PHOTO}`]);
    expect(store.writes).toEqual([]);
  });

  it('does not copy a file posted again after it was checked', async () => {
    const store = new MemoryUploads().add(`uploads/pending/${SCAN}`, aPdf(), 'application/pdf');
    // The upload form is still valid: someone posts an executable under the same key mid-request.
    store.beforeCopy = (key) => store.add(key, anExe(), 'application/pdf');
    await expect(acceptUploads([SCAN], store)).rejects.toThrow(ConflictError);
    expect(store.objects.has(`uploads/cases/${SCAN}`)).toBe(false);
  });

  it('attaches an upload listed twice once', async () => {
    const store = new MemoryUploads().add(`uploads/pending/${PHOTO}`, aPng(), 'image/png');
    expect(await acceptUploads([PHOTO, PHOTO], store)).toEqual([`uploads/cases/${PHOTO}`]);
  });
});
