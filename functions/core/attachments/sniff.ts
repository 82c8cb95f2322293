import type { AttachmentType } from './policy.ts';

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 16;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** Byte values at fixed offsets; `undefined` matches any byte (the RIFF size field). */
const SIGNATURES: readonly { type: AttachmentType; bytes: readonly (number | undefined)[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  {
    type: 'image/webp',
    bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii('WEBP')],
  },
  { type: 'application/pdf', bytes: ascii('%PDF-') },
];

/**
 * The type a file's first bytes ("magic numbers") say it is, whatever the uploader declared: JPEG
 * `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF….WEBP`, PDF `%PDF-`. Anything else
 * (executables, HTML, SVG, archives) is `undefined`.
 */
export function sniffType(head: Uint8Array): AttachmentType | undefined {
  return SIGNATURES.find(
    (s) => head.length >= s.bytes.length && s.bytes.every((b, i) => b === undefined || head[i] === b),
  )?.type;
}
