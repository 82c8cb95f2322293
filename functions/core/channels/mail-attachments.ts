/**
 * Files that arrive with an e-mail or a fax (docs/decisions/0013 and 0047): the same checks as a
 * citizen's upload — the type its first bytes show, the type's size limit, JPEG metadata removed — plus
 * TIFF, the format fax gateways deliver. Accepted files are stored through the attachments path under a
 * key made of the SES message id, so a retried message writes the same keys and attaches nothing twice.
 */
import { stripJpegMetadata } from '../attachments/jpeg.ts';
import { type AttachmentType, caseAttachmentKey, MAX_ATTACHMENTS, MAX_BYTES } from '../attachments/policy.ts';
import { SNIFF_BYTES, sniffType } from '../attachments/sniff.ts';
import { safeFileName } from '../text/citizen-text.ts';

export type MailFileType = AttachmentType | 'image/tiff';

/** A fax page scan: TIFF (little- or big-endian). 15 MB, like a PDF. */
const TIFF_MAX_BYTES = 15 * 1024 * 1024;

/** One attachment or inline part as the MIME parser returned it. */
export type MailPart = { filename?: string; mimeType: string; inline: boolean; content: Uint8Array };

/** An accepted file; `filename` is the citizen's name for it, sanitized (functions/core/text/citizen-text.ts). */
export type AcceptedFile = { key: string; type: MailFileType; bytes: Uint8Array; filename?: string };
export type SkippedFile = { filename?: string; reason: string };

/** Inline images smaller than this are signature logos and tracking pixels, not evidence. */
export const MIN_INLINE_IMAGE_BYTES = 4 * 1024;

export function sniffMailFile(head: Uint8Array): MailFileType | undefined {
  const tiff =
    (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00) ||
    (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a);
  return tiff ? 'image/tiff' : sniffType(head.subarray(0, SNIFF_BYTES));
}

const maxBytes = (type: MailFileType) => (type === 'image/tiff' ? TIFF_MAX_BYTES : MAX_BYTES[type]);

/** The key of the `index`-th accepted file of a received message. */
export const mailAttachmentKey = (messageId: string, index: number) =>
  caseAttachmentKey(`mail-${messageId}-${index}`);

/**
 * Which parts become case attachments: at most MAX_ATTACHMENTS files of an accepted type (by content,
 * whatever the part claims) within the type's limit; JPEGs without their metadata. What is skipped is
 * reported, never silently dropped (the raw message stays in the raw-mail bucket).
 */
export function acceptMailParts(
  parts: readonly MailPart[],
  messageId: string,
): { accepted: AcceptedFile[]; skipped: SkippedFile[] } {
  const accepted: AcceptedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const part of parts) {
    const filename = safeFileName(part.filename);
    const name = filename ? { filename } : {};
    const type = sniffMailFile(part.content);
    if (!type) {
      skipped.push({ ...name, reason: `type ${part.mimeType} is not accepted` });
      continue;
    }
    if (part.inline && part.content.byteLength < MIN_INLINE_IMAGE_BYTES) {
      skipped.push({ ...name, reason: 'inline image under 4 KB (a logo or tracking pixel)' });
      continue;
    }
    if (part.content.byteLength > maxBytes(type)) {
      skipped.push({ ...name, reason: `${part.content.byteLength} bytes is above the limit for ${type}` });
      continue;
    }
    if (accepted.length >= MAX_ATTACHMENTS) {
      skipped.push({ ...name, reason: `more than ${MAX_ATTACHMENTS} files` });
      continue;
    }
    let bytes = part.content;
    if (type === 'image/jpeg') {
      const stripped = stripJpegMetadata(bytes);
      if (!stripped.ok) {
        skipped.push({ ...name, reason: `damaged JPEG: ${stripped.reason}` });
        continue;
      }
      bytes = stripped.bytes;
    }
    accepted.push({ key: mailAttachmentKey(messageId, accepted.length), type, bytes, ...name });
  }
  return { accepted, skipped };
}
