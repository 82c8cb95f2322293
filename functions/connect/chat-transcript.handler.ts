import { GetObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context, S3Event } from 'aws-lambda';
import * as z from 'zod/mini';
import { appendTranscript, type ChatTranscript } from '#core/hotline/chat-transcript.ts';
import { contactCenterS3 } from '#shared/contact-center-s3.ts';
import { container } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';
import { objectKey } from '#shared/s3-event.ts';
import { parseInput } from '#shared/validation.ts';

/** Connect's chat transcript file (Version 2019-08-26): the fields Nidaa reads. */
const transcriptFile = z.object({
  Version: z.string(),
  InstanceId: z.string(),
  ContactId: z.string().check(z.minLength(1)),
  InitialContactId: z.optional(z.string()),
  Transcript: z.array(
    z.object({
      AbsoluteTime: z.string(),
      Content: z.optional(z.string()),
      ContentType: z.string(),
      Id: z.string(),
      Type: z.string(),
      ParticipantId: z.optional(z.string()),
      DisplayName: z.optional(z.string()),
      ParticipantRole: z.optional(z.string()),
    }),
  ),
});

/**
 * S3 ObjectCreated on the chat-transcript bucket (Connect writes one JSON file per chat): the transcript
 * joins the case the chat was about. Invoked asynchronously by S3: retries, then the dead-letter queue.
 */
export const handler = middy<S3Event, void, Error, Context>().handler(async (event) => {
  const c = container();
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = objectKey(record.s3.object.key);
    if (!key.endsWith('.json')) continue;
    const out = await contactCenterS3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const transcript = parseInput(
      transcriptFile,
      JSON.parse((await out.Body?.transformToString('utf8')) ?? ''),
    );
    const outcome = await appendTranscript(transcript as ChatTranscript, `s3://${bucket}/${key}`, {
      cases: c.cases,
      links: c.contactLinks,
    });
    logger.info('chat transcript', { key, ...outcome });
  }
});
