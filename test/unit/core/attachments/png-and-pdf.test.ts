import { describe, expect, it } from 'vitest';
import { joinBytes } from '#core/attachments/bytes.ts';
import { findActivePdfContent } from '#core/attachments/pdf.ts';
import { crc32, stripPngMetadata } from '#core/attachments/png.ts';
import { aPng, pngChunk } from '../../../support/attachment-fixtures.ts';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => joinBytes(parts);

describe('stripPngMetadata', () => {
  it('computes CRC-32 as PNG does', () => {
    // The CRC of "IEND" with no data, in every PNG.
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
  });

  it('keeps the critical and rendering chunks and drops text, Exif, time and trailing data', () => {
    const result = stripPngMetadata(
      aPng({ gamma: true, text: true, exif: true, time: true, trailing: [1, 2, 3] }),
    );
    expect(result).toEqual({
      ok: true,
      bytes: aPng({ gamma: true }),
      removed: ['tEXt', 'eXIf', 'tIME', 'trailing data'],
    });
    expect(stripPngMetadata(aPng())).toEqual({ ok: true, bytes: aPng(), removed: [] });
  });

  it('drops iTXt, zTXt and private chunks, and refuses an unknown critical chunk', () => {
    const png = aPng();
    const iend = png.length - 12;
    const withChunks = (...chunks: Uint8Array[]) =>
      concat(png.subarray(0, iend), ...chunks, png.subarray(iend));
    expect(
      stripPngMetadata(
        withChunks(
          pngChunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0<gps/>')),
          pngChunk('zTXt', ascii('a\0\0x')),
          pngChunk('prVt', [1]),
        ),
      ),
    ).toMatchObject({ ok: true, bytes: png, removed: ['iTXt', 'zTXt', 'prVt'] });
    expect(stripPngMetadata(withChunks(pngChunk('ZZZZ', [1])))).toMatchObject({
      ok: false,
      reason: 'unknown critical chunk ZZZZ',
    });
  });

  it('refuses damaged, truncated and fake PNGs', () => {
    const png = aPng();
    const damaged = png.slice();
    damaged[40] = (damaged[40] ?? 0) ^ 0xff;
    expect(stripPngMetadata(damaged)).toMatchObject({ ok: false });
    expect(stripPngMetadata(png.subarray(0, png.length - 12))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('truncated'),
    });
    expect(stripPngMetadata(ascii('<svg onload=alert(1)>'))).toMatchObject({ ok: false });
    const noData = concat(png.subarray(0, 33), pngChunk('IEND', []));
    expect(stripPngMetadata(noData)).toMatchObject({ ok: false, reason: 'no image data (IDAT)' });
  });
});

async function deflate(bytes: Uint8Array) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const pdf = (body: string) => ascii(`%PDF-1.7\n${body}\n%%EOF\n`);

describe('findActivePdfContent', () => {
  it('accepts a plain document, and an OpenAction that only opens a page', async () => {
    expect(await findActivePdfContent(pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj'))).toEqual({
      ok: true,
    });
    expect(
      await findActivePdfContent(pdf('1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj')),
    ).toEqual({ ok: true });
    // A name that only starts like an active one.
    expect(await findActivePdfContent(pdf('<< /JSON 1 /AAB 2 /JavaScripts 3 >>'))).toEqual({ ok: true });
  });

  it.each([
    ['/JavaScript', '<< /S /JavaScript /JS (app.alert(1)) >>'],
    ['/JS', '<< /JS 5 0 R >>'],
    ['/OpenAction', '<< /OpenAction 4 0 R >>'],
    ['/AA', '<< /Type /Page /AA << /O 6 0 R >> >>'],
    ['/Launch', '<< /S /Launch /F (cmd.exe) >>'],
    ['/EmbeddedFile', '<< /Type /EmbeddedFile /Length 3 >>'],
    ['/EmbeddedFiles', '<< /Names << /EmbeddedFiles 7 0 R >> >>'],
    ['/XFA', '<< /AcroForm << /XFA 8 0 R >> >>'],
    ['/SubmitForm', '<< /S /SubmitForm /F (https://evil.example) >>'],
    ['/RichMedia', '<< /Subtype /RichMedia >>'],
    ['/JavaScript written with #xx escapes', '<< /S /J#61vaScript /J#53 (x) >>'],
  ])('refuses %s', async (_label, dict) => {
    expect(await findActivePdfContent(pdf(`1 0 obj ${dict} endobj`))).toMatchObject({ ok: false });
  });

  it('finds JavaScript hidden in a compressed object stream, and refuses one it cannot read', async () => {
    const hidden = await deflate(ascii('5 0 << /S /JavaScript /JS (app.alert(1)) >>'));
    const objStm = (data: Uint8Array) =>
      concat(
        ascii(
          `%PDF-1.7\n9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        ),
        data,
        ascii('\nendstream\nendobj\n%%EOF\n'),
      );
    expect(await findActivePdfContent(objStm(hidden))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('object stream'),
    });
    const harmless = await deflate(ascii('5 0 << /Type /Font /BaseFont /Helvetica >>'));
    expect(await findActivePdfContent(objStm(harmless))).toEqual({ ok: true });
    expect(await findActivePdfContent(objStm(ascii('not deflate data at all')))).toMatchObject({ ok: false });
  });
});
