import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import {
  aJpeg,
  anActivePdf,
  anExe,
  anHtmlPage,
  aPdf,
  aPng,
  containsText,
} from '../support/attachment-fixtures.ts';
import { localClient } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

type UploadForm = {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
};
type Problem = {
  status: number;
  messages: { ar: string; en: string };
  errors: { path: string; message: { ar: string; en: string } }[];
};

const BUCKET = 'nidaa-local-attachments';
/** The local S3 as the handlers reach it (path-style, AWS_ENDPOINT_URL_S3). */
const s3 = () =>
  new S3Client({ endpoint: `${stack.url}/_aws/s3`, forcePathStyle: true, region: 'me-central-1' });
const exists = (key: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    .then(
      () => true,
      () => false,
    );

async function uploadForm(contentType: string, size: number): Promise<UploadForm> {
  const res = await post('/v1/uploads', { contentType, size });
  expect(res.status).toBe(201);
  return (await res.json()) as UploadForm;
}

/** What the portal does: the signed fields, then the file, as multipart/form-data, straight to S3. */
function sendFile(form: UploadForm, bytes: Uint8Array, type: string, overrides: Record<string, string> = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...overrides })) body.append(name, value);
  body.append('file', new Blob([bytes], { type }), 'photo');
  return fetch(form.url, { method: 'POST', body });
}

/**
 * Each report from its own citizen (one phone may open only so many cases an hour, docs/decisions/0092);
 * a retry under the same Idempotency-Key is the same request, from the same citizen (0087).
 */
const citizenOf = new Map<string, string>();
const phoneFor = (key: string) => {
  if (!citizenOf.has(key)) citizenOf.set(key, `+968920${String(1000 + citizenOf.size).padStart(5, '0')}`);
  return citizenOf.get(key) as string;
};
const report = (key: string, attachments?: string[]) =>
  post(
    '/v1/requests',
    {
      text: 'Broken water pipe flooding the street near the mosque in Al Khuwair',
      contact: { phone: phoneFor(key) },
      location: { lat: 23.59, lng: 58.42 },
      ...(attachments ? { attachments } : {}),
    },
    { 'idempotency-key': key },
  );

describe('citizen photo attachments through local mode', () => {
  it('uploads a photo by presigned POST and attaches it to the case without its Exif/GPS data', async () => {
    const photo = aJpeg({ exif: true });
    expect(containsText(photo, 'GPS')).toBe(true);
    const form = await uploadForm('image/jpeg', photo.length);
    expect(form.url).toBe(`${stack.url}/_aws/s3/${BUCKET}`);
    expect(form.fields.key).toBe(`uploads/pending/${form.uploadId}`);
    // The form takes exactly the size the portal declared, no more (issue 11, defect 11).
    expect(form.maxBytes).toBe(photo.length);
    expect(Date.parse(form.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await sendFile(form, photo, 'image/jpeg')).status).toBe(204);

    const res = await report('attachment-test-0001', [form.uploadId]);
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };

    const caseRes = await get(`/v1/cases/${reference}`, await as('supervisor'));
    const { timeline } = (await caseRes.json()) as {
      timeline: { kind: string; data?: { attachments?: string[] } }[];
    };
    const key = `uploads/cases/${form.uploadId}`;
    expect(timeline.find((e) => e.kind === 'message_in')?.data?.attachments).toEqual([key]);

    const stored = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const bytes = await stored.Body?.transformToByteArray();
    expect(stored.ContentType).toBe('image/jpeg');
    expect(bytes).toEqual(aJpeg());
    expect(containsText(bytes ?? new Uint8Array(), 'Exif')).toBe(false);
    expect(containsText(bytes ?? new Uint8Array(), 'GPS')).toBe(false);
    // The original, with its GPS data, is gone.
    expect(await exists(`uploads/pending/${form.uploadId}`)).toBe(false);

    // A retry of the same request (same Idempotency-Key) finds the moved upload and the same case.
    const retry = await report('attachment-test-0001', [form.uploadId]);
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { reference: string }).reference).toBe(reference);
  });

  it('lets staff who may see the case view its photo through a short-lived link, and nobody else', async () => {
    const photo = aJpeg();
    const form = await uploadForm('image/jpeg', photo.length);
    await sendFile(form, photo, 'image/jpeg');
    const { reference } = (await (await report('attachment-view-0001', [form.uploadId])).json()) as {
      reference: string;
    };
    const path = `/v1/cases/${reference}/attachments/${form.uploadId}`;

    const res = await get(path, await as('agent1'));
    expect(res.status).toBe(200);
    const view = (await res.json()) as { url: string; contentType: string };
    expect(view.contentType).toBe('image/jpeg');
    expect(view.url).toContain('X-Amz-Expires=300');
    const image = await fetch(view.url);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(photo);

    // Another case's upload id, or a department that does not own the case, finds nothing.
    const other = await get(`/v1/cases/${reference}/attachments/${crypto.randomUUID()}`, await as('agent1'));
    expect(other.status).toBe(404);
    const { case: found } = (await (await get(`/v1/cases/${reference}`, await as('agent1'))).json()) as {
      case: { departmentCode: string };
    };
    const outsider = found.departmentCode === 'roads' ? 'dept.cleanliness' : 'dept.roads';
    expect((await get(path, await as(outsider))).status).toBe(404);
  });

  it('copies a PDF as it is', async () => {
    const pdf = aPdf();
    const form = await uploadForm('application/pdf', pdf.length);
    expect(form.maxBytes).toBe(pdf.length);
    expect((await sendFile(form, pdf, 'application/pdf')).status).toBe(204);
    expect((await report('attachment-test-0002', [form.uploadId])).status).toBe(201);
    const stored = await s3().send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `uploads/cases/${form.uploadId}` }),
    );
    expect(await stored.Body?.transformToByteArray()).toEqual(pdf);
  });

  it.each([
    ['an executable labelled image/jpeg', 'image/jpeg', anExe()],
    ['an HTML page labelled image/png', 'image/png', anHtmlPage()],
  ])('refuses %s with a bilingual 400 and opens no case', async (_label, type, bytes) => {
    const form = await uploadForm(type, bytes.length);
    // S3 stores whatever bytes match the policy: the check happens when the upload is attached.
    expect((await sendFile(form, bytes, type)).status).toBe(204);
    const key = `disguised-${type.replace('/', '-')}-0001`;
    const res = await report(key, [form.uploadId]);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
    expect(problem.errors).toEqual([
      {
        path: 'attachments.0',
        message: {
          ar: expect.stringMatching(/[\u0600-\u06FF]/),
          en: expect.stringContaining('does not match'),
        },
      },
    ]);
    expect(await exists(`uploads/cases/${form.uploadId}`)).toBe(false);
    // Nothing was stored under the key: the same key without the file opens a case now.
    expect((await report(key)).status).toBe(201);
  });

  it('keeps a PNG without its text and Exif chunks, and refuses a PDF that runs JavaScript', async () => {
    const png = aPng({ text: true, exif: true, time: true });
    expect(containsText(png, 'GPS')).toBe(true);
    const pngForm = await uploadForm('image/png', png.length);
    expect((await sendFile(pngForm, png, 'image/png')).status).toBe(204);
    expect((await report('attachment-test-png1', [pngForm.uploadId])).status).toBe(201);
    const stored = await s3().send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `uploads/cases/${pngForm.uploadId}` }),
    );
    const bytes = (await stored.Body?.transformToByteArray()) ?? new Uint8Array();
    expect(bytes).toEqual(aPng());
    expect(containsText(bytes, 'GPS')).toBe(false);

    const pdf = anActivePdf();
    const pdfForm = await uploadForm('application/pdf', pdf.length);
    expect((await sendFile(pdfForm, pdf, 'application/pdf')).status).toBe(204);
    const refused = await report('attachment-test-pdf1', [pdfForm.uploadId]);
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors[0]?.message.en).toContain('scripts');
    expect(problem.errors[0]?.message.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it('refuses an unknown or expired upload id', async () => {
    const res = await report('attachment-test-0003', ['5b0f7c4e-1d2a-4e6b-9c8d-7a6b5c4d3e2f']);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors[0]?.message.en).toContain('not found');
  });

  it('refuses more than five attachments and ids that are not upload ids', async () => {
    const ids = Array.from({ length: 6 }, () => crypto.randomUUID());
    const tooMany = (await (await report('attachment-test-0004', ids)).json()) as Problem;
    expect(tooMany.errors[0]).toMatchObject({
      path: 'attachments',
      message: { en: 'At most 5 files can be attached.' },
    });
    const notIds = (await (await report('attachment-test-0005', ['../../etc/passwd'])).json()) as Problem;
    expect(notIds.errors[0]).toMatchObject({
      path: 'attachments.0',
      message: { en: 'The upload id is not valid.' },
    });
  });
});

describe('upload forms', () => {
  it.each([
    ['a type that is not accepted', { contentType: 'image/svg+xml', size: 100 }, 'contentType'],
    ['a photo over 10 MB', { contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 }, 'size'],
    ['a PDF over 15 MB', { contentType: 'application/pdf', size: 15 * 1024 * 1024 + 1 }, 'size'],
    ['an empty file', { contentType: 'image/png', size: 0 }, 'size'],
  ])('refuses %s with a bilingual 400', async (_label, body, field) => {
    const res = await post('/v1/uploads', body);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors[0]?.path).toBe(field);
    expect(problem.errors[0]?.message.ar).toMatch(/[\u0600-\u06FF]/);
    expect(problem.errors[0]?.message.en).toMatch(/[a-z]/);
  });

  it('lets the local S3 refuse, like S3, a file over the declared size, another type or another key', async () => {
    const form = await uploadForm('image/png', 1000);
    // Declared 1,000 bytes, sent 2 MB: refused before a byte is stored.
    const tooLarge = await sendFile(form, new Uint8Array(2 * 1024 * 1024), 'image/png');
    expect(tooLarge.status).toBe(400);
    const xml = await tooLarge.text();
    expect(xml).toContain('<Code>EntityTooLarge</Code>');
    expect(xml).toContain('<MaxSizeAllowed>1000</MaxSizeAllowed>');
    expect((await sendFile(form, new Uint8Array(1001), 'image/png')).status).toBe(400);

    const otherType = await sendFile(form, aPdf(), 'text/html', { 'Content-Type': 'text/html' });
    expect(otherType.status).toBe(403);
    expect(await otherType.text()).toContain('<Code>AccessDenied</Code>');

    const otherKey = await sendFile(form, aPdf(), 'image/png', { key: 'uploads/cases/someone-elses' });
    expect(otherKey.status).toBe(403);

    const empty = await sendFile(form, new Uint8Array(), 'image/png');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('<Code>EntityTooSmall</Code>');
    expect(await exists(form.fields.key ?? '')).toBe(false);
  });
});

describe('local S3', () => {
  it('refuses reads of an object that changed since its ETag, like S3 (412), and serves ranges', async () => {
    const form = await uploadForm('image/png', 100);
    expect((await sendFile(form, aPdf(), 'image/png')).status).toBe(204);
    const key = form.fields.key ?? '';
    const error = await s3()
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: key, IfMatch: '"another-version"' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    const ranged = await s3().send(
      new GetObjectCommand({ Bucket: BUCKET, Key: key, IfMatch: head.ETag, Range: 'bytes=0-3' }),
    );
    expect(ranged.ContentRange).toBe(`bytes 0-3/${aPdf().length}`);
    expect(await ranged.Body?.transformToString()).toBe('%PDF');
  });
});
