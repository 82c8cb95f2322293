import { joinBytes } from './bytes.ts';

/**
 * Removes metadata from a PNG without decoding it: a walk over the file's chunks (PNG, 3rd edition §5)
 * that keeps what a viewer needs to draw the image as its author meant and drops the rest.
 *
 * Kept: the critical chunks (IHDR, PLTE, IDAT, IEND) and the ancillary chunks that change how the pixels
 * look: transparency (tRNS), colour space (gAMA, cHRM, sRGB, iCCP, cICP, mDCV, cLLI, sBIT), background
 * (bKGD) and pixel size (pHYs). None carries free text about the citizen or their phone.
 * Dropped: text (tEXt, iTXt, zTXt, which phones and editors fill with GPS, device and author), eXIf,
 * the modification time (tIME), palettes suggestions and histograms (sPLT, hIST), APNG animation frames
 * (acTL, fcTL, fdAT: the still default image remains), private chunks, and anything after IEND.
 * Each chunk's CRC is checked, so a damaged or truncated upload is refused (docs/decisions/0093).
 */

export type PngStripResult =
  | { ok: true; bytes: Uint8Array; removed: string[] }
  | { ok: false; reason: string };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'mDCV',
  'cLLI',
  'sBIT',
  'bKGD',
  'pHYs',
]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309) of the bytes, as PNG computes it over a chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const readU32 = (b: Uint8Array, at: number) =>
  (((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)) >>>
  0;

const fail = (reason: string): PngStripResult => ({ ok: false, reason });

/** The same PNG with only the chunks above, or why it is not a complete, intact PNG. */
export function stripPngMetadata(input: Uint8Array): PngStripResult {
  if (input.length < 8 || SIGNATURE.some((b, i) => input[i] !== b)) return fail('not a PNG (no signature)');
  const kept: Uint8Array[] = [input.subarray(0, 8)];
  const removed: string[] = [];
  let at = 8;
  let sawData = false;
  for (let first = true; ; first = false) {
    if (at + 12 > input.length) return fail('truncated: the file ends before IEND');
    const length = readU32(input, at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > input.length)
      return fail(`truncated: a chunk at byte ${at} runs past the end`);
    const typeBytes = input.subarray(at + 4, at + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type)) return fail(`not a chunk type at byte ${at + 4}`);
    if (crc32(input.subarray(at + 4, at + 8 + length)) !== readU32(input, at + 8 + length)) {
      return fail(`damaged: the ${type} chunk's CRC does not match`);
    }
    if (first && type !== 'IHDR') return fail('the first chunk is not IHDR');
    const critical = type.charCodeAt(0) < 0x61;
    if (KEPT.has(type)) {
      kept.push(input.subarray(at, end));
      if (type === 'IDAT') sawData = true;
    } else if (critical) {
      // A critical chunk we do not know means an image we cannot vouch for.
      return fail(`unknown critical chunk ${type}`);
    } else {
      removed.push(type);
    }
    at = end;
    if (type === 'IEND') break;
  }
  if (!sawData) return fail('no image data (IDAT)');
  if (at < input.length) removed.push('trailing data');
  return { ok: true, bytes: joinBytes(kept), removed };
}
