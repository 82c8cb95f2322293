import { describe, expect, it } from 'vitest';
import { checkUpload } from '#core/attachments/accept-uploads.ts';
import { stripJpegMetadata } from '#core/attachments/jpeg.ts';
import { MAX_BYTES } from '#core/attachments/policy.ts';
import { sniffType } from '#core/attachments/sniff.ts';
import {
  aJpeg,
  anActivePdf,
  anExe,
  anHtmlPage,
  aPdf,
  aPng,
  aWebp,
  containsText,
  EXIF_WITH_GPS,
  segment,
} from '../../../support/attachment-fixtures.ts';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('sniffType', () => {
  it.each([
    ['a JPEG', aJpeg(), 'image/jpeg'],
    ['a JPEG with Exif', aJpeg({ exif: true }), 'image/jpeg'],
    ['a PNG', aPng(), 'image/png'],
    ['a WebP', aWebp(), 'image/webp'],
    ['a PDF', aPdf(), 'application/pdf'],
    ['a Windows executable', anExe(), undefined],
    ['an HTML page', anHtmlPage(), undefined],
    ['an SVG image', ascii('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), undefined],
    ['a GIF', ascii('GIF89a\x01\x00\x01\x00'), undefined],
    ['a ZIP archive', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0), undefined],
    ['a RIFF file that is not WebP (WAV)', ascii('RIFF\x24\x00\x00\x00WAVEfmt '), undefined],
    ['a PNG signature cut short', Uint8Array.of(0x89, 0x50, 0x4e, 0x47), undefined],
    ['two JPEG bytes', Uint8Array.of(0xff, 0xd8), undefined],
    ['nothing', new Uint8Array(), undefined],
  ])('%s → %s', (_label, bytes, expected) => {
    expect(sniffType(bytes)).toBe(expected);
  });
});

describe('stripJpegMetadata', () => {
  it('removes the Exif segment with its GPS and device data and keeps every image byte', () => {
    const original = aJpeg({ exif: true });
    expect(containsText(original, 'Exif')).toBe(true);
    expect(containsText(original, 'GPS')).toBe(true);
    const result = stripJpegMetadata(original);
    if (!result.ok) throw new Error(result.reason);
    expect(result.removed).toEqual(['Exif']);
    // Exactly the same file built without the Exif segment: tables, frame, scan and data untouched.
    expect(result.bytes).toEqual(aJpeg());
    expect(result.bytes.length).toBe(original.length - EXIF_WITH_GPS.length);
    expect(containsText(result.bytes, 'Exif')).toBe(false);
    expect(containsText(result.bytes, 'GPS')).toBe(false);
    expect(containsText(result.bytes, 'iPhone')).toBe(false);
  });

  it('also drops XMP, comments and data after the end of the image, but keeps the colour profile', () => {
    const result = stripJpegMetadata(
      aJpeg({ exif: true, xmp: true, icc: true, comment: true, trailing: [...ascii('PK\x03\x04zip')] }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.removed).toEqual(['Exif', 'XMP', 'COM', 'trailing data']);
    expect(result.bytes).toEqual(aJpeg({ icc: true }));
  });

  it('leaves a JPEG without metadata as it is', () => {
    const result = stripJpegMetadata(aJpeg());
    expect(result).toEqual({ ok: true, bytes: aJpeg(), removed: [] });
  });

  it('keeps fill bytes out of the output but accepts them before markers', () => {
    const jpeg = aJpeg({ exif: true });
    // FF FF FF E1 …: fill bytes before the Exif marker.
    const padded = Uint8Array.from([...jpeg.subarray(0, 2), 0xff, 0xff, ...jpeg.subarray(2)]);
    const result = stripJpegMetadata(padded);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['cut inside the image data', (j: Uint8Array) => j.subarray(0, j.length - 4)],
    ['cut just before EOI', (j: Uint8Array) => j.subarray(0, j.length - 2)],
    ['cut inside the Exif segment', (j: Uint8Array) => j.subarray(0, 40)],
    ['cut after the SOI marker', (j: Uint8Array) => j.subarray(0, 3)],
  ])('refuses a truncated JPEG (%s)', (_label, cut) => {
    const result = stripJpegMetadata(cut(aJpeg({ exif: true })));
    expect(result.ok).toBe(false);
  });

  it('refuses files that only start like a JPEG', () => {
    const fake = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...ascii('<script>alert(1)</script>')]);
    expect(stripJpegMetadata(fake).ok).toBe(false);
    expect(stripJpegMetadata(anExe()).ok).toBe(false);
    // Metadata and an end marker but no image at all.
    const noImage = Uint8Array.from([0xff, 0xd8, ...segment(0xe1, ascii('Exif\0\0GPS')), 0xff, 0xd9]);
    expect(stripJpegMetadata(noImage)).toMatchObject({ ok: false, reason: 'no image data before EOI' });
  });
});

describe('checkUpload', () => {
  const stored = (contentType: string | undefined, bytes: Uint8Array) => ({
    size: bytes.length,
    contentType,
  });

  it('accepts each type whose content matches, cleaning JPEGs and PNGs', async () => {
    const jpeg = aJpeg({ exif: true });
    expect(await checkUpload(stored('image/jpeg', jpeg), jpeg)).toEqual({
      ok: true,
      type: 'image/jpeg',
      cleaned: aJpeg(),
      removed: ['Exif'],
    });
    const png = aPng({ text: true, exif: true });
    expect(await checkUpload(stored('image/png', png), png)).toEqual({
      ok: true,
      type: 'image/png',
      cleaned: aPng(),
      removed: ['tEXt', 'eXIf'],
    });
    for (const [type, bytes] of [
      ['image/webp', aWebp()],
      ['application/pdf', aPdf()],
    ] as const) {
      expect(await checkUpload(stored(type, bytes), bytes)).toEqual({ ok: true, type, removed: [] });
    }
  });

  it.each([
    ['an executable labelled image/jpeg', 'image/jpeg', anExe(), 'content'],
    ['an HTML page labelled image/png', 'image/png', anHtmlPage(), 'content'],
    ['a PNG labelled image/jpeg', 'image/jpeg', aPng(), 'content'],
    ['a PDF labelled image/webp', 'image/webp', aPdf(), 'content'],
    ['an HTML page as text/html', 'text/html', anHtmlPage(), 'type'],
    ['a file without a type', undefined, aPng(), 'type'],
    ['a truncated JPEG', 'image/jpeg', aJpeg().subarray(0, 30), 'damaged'],
    ['a truncated PNG', 'image/png', aPng().subarray(0, 40), 'damaged'],
    ['a PDF that runs JavaScript when opened', 'application/pdf', anActivePdf(), 'active'],
  ])('refuses %s', async (_label, type, bytes, problem) => {
    expect(await checkUpload(stored(type, bytes), bytes)).toMatchObject({ ok: false, problem });
  });

  it('refuses empty files and files over the limit of their type', async () => {
    expect(await checkUpload({ size: 0, contentType: 'image/png' }, new Uint8Array())).toMatchObject({
      problem: 'size',
    });
    const png = aPng();
    expect(
      await checkUpload({ size: MAX_BYTES['image/png'] + 1, contentType: 'image/png' }, png),
    ).toMatchObject({
      problem: 'size',
    });
    // PDFs may be larger than photos (a PDF is read whole, so the size read must match).
    const big = new Uint8Array(MAX_BYTES['image/png'] + 1);
    big.set(aPdf());
    expect(await checkUpload({ size: big.length, contentType: 'application/pdf' }, big)).toMatchObject({
      ok: true,
    });
  });

  it('accepts a Content-Type with parameters or in capitals', async () => {
    expect(await checkUpload(stored('IMAGE/PNG; charset=binary', aPng()), aPng())).toMatchObject({
      ok: true,
    });
  });
});
