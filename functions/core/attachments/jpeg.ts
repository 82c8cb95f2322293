import { joinBytes } from './bytes.ts';

/**
 * Removes metadata from a JPEG without decoding it: a walk over the file's segments (ITU T.81 B.1) that
 * keeps what a decoder needs and drops what can identify the citizen or their phone.
 *
 * Kept: SOI, JFIF/JFXX (APP0), the colour profile (APP2 `ICC_PROFILE`), Adobe's colour transform (APP14),
 * tables, frame and scan headers, the entropy-coded image data, EOI.
 * Dropped: every other application segment — APP1 Exif (GPS position, device make and model, serial
 * numbers, thumbnails) and XMP, APP13 IPTC, APP2 MPF, vendor segments — comments, and anything after
 * EOI (MPF secondary images carry their own Exif; appended data would make a polyglot file).
 *
 * The Exif orientation tag goes with the rest, so an image may show rotated; the case keeps the
 * location the citizen gave, not the camera's (docs/decisions/0013).
 */

export type StripResult = { ok: true; bytes: Uint8Array; removed: string[] } | { ok: false; reason: string };

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

const isRestart = (code: number) => code >= 0xd0 && code <= 0xd7;
const isApp = (code: number) => code >= APP0 && code <= 0xef;
/** Start-of-frame markers (C4 DHT, C8 JPG and CC DAC are not frames). */
const isFrame = (code: number) =>
  code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;

function startsWith(payload: Uint8Array, text: string) {
  if (payload.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (payload[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Segments a decoder needs from the APPn range; the rest is metadata. */
function keepsApp(code: number, payload: Uint8Array) {
  if (code === APP0) return startsWith(payload, 'JFIF\0') || startsWith(payload, 'JFXX\0');
  if (code === APP2) return startsWith(payload, 'ICC_PROFILE\0');
  if (code === APP14) return startsWith(payload, 'Adobe');
  return false;
}

function nameOf(code: number, payload: Uint8Array) {
  if (code === COM) return 'COM';
  if (code === 0xe1 && startsWith(payload, 'Exif\0')) return 'Exif';
  if (code === 0xe1 && startsWith(payload, 'http://ns.adobe.com/x')) return 'XMP';
  if (code === APP2 && startsWith(payload, 'MPF\0')) return 'MPF';
  return `APP${code - APP0}`;
}

const fail = (reason: string): StripResult => ({ ok: false, reason });

/**
 * The same JPEG without its metadata, or why it is not a complete JPEG: a file that does not start with
 * SOI, a segment running past the end, image data before a frame header, no image data, or no EOI
 * (a truncated upload) is refused.
 */
export function stripJpegMetadata(input: Uint8Array): StripResult {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return fail('not a JPEG (no SOI marker)');
  const kept: Uint8Array[] = [input.subarray(0, 2)];
  const removed: string[] = [];
  let at = 2;
  let sawFrame = false;
  let sawScan = false;

  for (;;) {
    if (at >= input.length) return fail('truncated: the file ends before EOI');
    if (input[at] !== 0xff) return fail(`expected a marker at byte ${at}`);
    // Any number of 0xFF fill bytes may precede a marker code.
    let codeAt = at + 1;
    while (codeAt < input.length && input[codeAt] === 0xff) codeAt++;
    if (codeAt >= input.length) return fail('truncated: the file ends inside a marker');
    const code = input[codeAt] as number;
    at = codeAt + 1;

    if (code === EOI) {
      if (!sawScan) return fail('no image data before EOI');
      kept.push(Uint8Array.of(0xff, EOI));
      if (at < input.length) removed.push('trailing data');
      break;
    }
    if (code === 0x00 || code === SOI)
      return fail(`unexpected marker 0x${code.toString(16)} at byte ${codeAt}`);
    if (isRestart(code) || code === 0x01) {
      // Standalone markers have no length.
      kept.push(Uint8Array.of(0xff, code));
      continue;
    }
    if (at + 2 > input.length) return fail('truncated: the file ends inside a segment length');
    const length = ((input[at] as number) << 8) | (input[at + 1] as number);
    if (length < 2 || at + length > input.length)
      return fail(`truncated: a segment at byte ${at - 2} runs past the end`);
    const payload = input.subarray(at + 2, at + length);
    const segment = input.subarray(at, at + length);
    at += length;

    if ((isApp(code) && !keepsApp(code, payload)) || code === COM) {
      removed.push(nameOf(code, payload));
      continue;
    }
    kept.push(Uint8Array.of(0xff, code), segment);
    if (isFrame(code)) sawFrame = true;
    if (code !== SOS) continue;

    if (!sawFrame) return fail('image data before a frame header');
    sawScan = true;
    // Entropy-coded data runs to the next marker: 0xFF 0x00 is an escaped 0xFF and RSTn markers sit
    // inside the scan; 0xFF fill bytes may repeat before a real marker.
    const start = at;
    for (;;) {
      if (at + 1 >= input.length) return fail('truncated: the image data has no end');
      if (input[at] === 0xff) {
        const next = input[at + 1] as number;
        if (next === 0x00 || isRestart(next)) {
          at += 2;
          continue;
        }
        if (next !== 0xff) break;
      }
      at++;
    }
    kept.push(input.subarray(start, at));
  }

  return { ok: true, bytes: joinBytes(kept), removed };
}
