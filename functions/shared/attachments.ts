import { S3AttachmentStore } from '#adapters/storage/attachment-store.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** The attachments bucket (S3) for handlers that take citizens' uploads; ATTACHMENTS_BUCKET names it. */
export const attachmentStore = once(() => S3AttachmentStore.create(requireEnv(ENV.attachmentsBucket)));
