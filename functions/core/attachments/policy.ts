/**
 * What citizens may attach to a report, and where uploads live in the attachments bucket
 * (docs/decisions/0013). Plain data: the API, the adapter, CDK and local mode read the same values.
 */

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const MB = 1024 * 1024;

/** Largest accepted upload per type: phone photos fit in 10 MB, scanned documents in 15 MB. */
export const MAX_BYTES: Readonly<Record<AttachmentType, number>> = {
  'image/jpeg': 10 * MB,
  'image/png': 10 * MB,
  'image/webp': 10 * MB,
  'application/pdf': 15 * MB,
};

/** Attachments per request. */
export const MAX_ATTACHMENTS = 5;

/** How long a presigned upload form stays valid. */
export const UPLOAD_TTL_SECONDS = 600;

/** Where a browser uploads (expires after a day, CORS-enabled) and where a verified upload is kept. */
export const UPLOADS_PREFIX = 'uploads/';
export const PENDING_PREFIX = `${UPLOADS_PREFIX}pending/`;
export const CASE_PREFIX = `${UPLOADS_PREFIX}cases/`;

/** Photos an app sends inside an Open311 request get upload ids starting with this (checked, then stored). */
export const APP_MEDIA_PREFIX = 'app-';

export const pendingKey = (uploadId: string) => `${PENDING_PREFIX}${uploadId}`;
export const caseAttachmentKey = (uploadId: string) => `${CASE_PREFIX}${uploadId}`;

export const isAttachmentType = (value: string | undefined): value is AttachmentType =>
  (ATTACHMENT_TYPES as readonly string[]).includes(value ?? '');

/** A type's limit in whole megabytes, for messages. */
export const maxMegabytes = (type: AttachmentType) => Math.round(MAX_BYTES[type] / MB);
