/**
 * Small files built byte by byte for the attachment tests: a structurally complete baseline JPEG (with
 * or without an Exif segment carrying GPS and device data), file signatures of the other accepted
 * types, and the disguises a hostile upload might use.
 */

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** A marker segment: FF <code>, a big-endian length that counts itself, the payload. */
export function segment(code: number, payload: number[] | Uint8Array) {
  const length = payload.length + 2;
  return concat([0xff, code, length >> 8, length & 0xff], payload);
}

export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];
export const JFIF = segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
/** Exif with a GPS IFD and the phone's make and model, the data the citizen should not give away. */
export const EXIF_WITH_GPS = segment(0xe1, [
  ...ascii('Exif\0\0'),
  ...ascii('MM\0*'),
  0,
  0,
  0,
  8,
  ...ascii('Apple\0iPhone 15 Pro\0'),
  ...ascii('GPSLatitude 23.5880 N GPSLongitude 58.3829 E\0'),
]);
export const XMP = segment(0xe1, [
  ...ascii('http://ns.adobe.com/xap/1.0/\0'),
  ...ascii('<x:xmpmeta><exif:GPSLatitude>23,35.28N</exif:GPSLatitude></x:xmpmeta>'),
]);
export const ICC = segment(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1, ...ascii('fake profile')]);
export const COMMENT = segment(0xfe, ascii('taken at home'));
const DQT = segment(0xdb, [0x00, ...Array.from({ length: 64 }, () => 1)]);
/** Baseline frame: 8-bit, 8×8 pixels, one component. */
const SOF0 = segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
/** One Huffman table with a single one-bit code. */
const DHT = segment(0xc4, [0x00, 1, ...Array.from({ length: 15 }, () => 0), 0]);
const SOS = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
/** Entropy-coded data with an escaped 0xFF (FF 00) and a restart marker, as real scans have. */
const SCAN = [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78];

type JpegParts = { exif?: boolean; xmp?: boolean; icc?: boolean; comment?: boolean; trailing?: number[] };

/** A JPEG whose segments a decoder would accept, with the metadata segments asked for. */
export function aJpeg(parts: JpegParts = {}) {
  return concat(
    SOI,
    JFIF,
    parts.exif ? EXIF_WITH_GPS : [],
    parts.xmp ? XMP : [],
    parts.icc ? ICC : [],
    parts.comment ? COMMENT : [],
    DQT,
    SOF0,
    DHT,
    SOS,
    SCAN,
    EOI,
    parts.trailing ?? [],
  );
}

/** CRC-32 as PNG uses it, written out here rather than taken from the code under test. */
function pngCrc(bytes: number[]) {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A PNG chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: number[] | Uint8Array) {
  const body = [...ascii(type), ...data];
  return concat(u32(data.length), body, u32(pngCrc(body)));
}

/** zlib stream (stored, uncompressed block) of one red 1×1 RGB row: filter 0, then R G B. */
const IDAT_1X1 = [0x78, 0x01, 0x01, 0x04, 0x00, 0xfb, 0xff, 0, 255, 0, 0, 0x03, 0x01, 0x01, 0x00];

type PngParts = { text?: boolean; exif?: boolean; time?: boolean; gamma?: boolean; trailing?: number[] };

/** A complete 1×1 PNG (valid CRCs), with the metadata chunks asked for. */
export const aPng = (parts: PngParts = {}) =>
  concat(
    [0x89, ...ascii('PNG\r\n\x1a\n')],
    pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
    parts.gamma ? pngChunk('gAMA', u32(45455)) : [],
    parts.text ? pngChunk('tEXt', ascii('Comment\0GPS 23.5880 N 58.3829 E')) : [],
    parts.exif ? pngChunk('eXIf', [...ascii('MM\0*'), 0, 0, 0, 8, ...ascii('Apple iPhone GPSLatitude')]) : [],
    parts.time ? pngChunk('tIME', [0x07, 0xea, 12, 7, 10, 0, 0]) : [],
    pngChunk('IDAT', IDAT_1X1),
    pngChunk('IEND', []),
    parts.trailing ?? [],
  );
export const aWebp = () => concat(ascii('RIFF'), [26, 0, 0, 0], ascii('WEBPVP8 '), Array(14).fill(0));
export const aPdf = () => Uint8Array.from(ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
/** A PDF whose catalogue runs JavaScript when it is opened. */
export const anActivePdf = () =>
  Uint8Array.from(
    ascii(
      '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n',
    ),
  );
/** A Windows executable (MZ header), as someone might send labelled image/jpeg. */
export const anExe = () =>
  concat(ascii('MZ'), [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], ascii('This program cannot be run'));
/** An HTML page with a script, as someone might send labelled image/png. */
export const anHtmlPage = () =>
  Uint8Array.from(ascii('<!doctype html><script>alert(document.cookie)</script>'));

/** Whether `bytes` contains `text` (ASCII). */
export const containsText = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes).includes(text, 0, 'latin1');
