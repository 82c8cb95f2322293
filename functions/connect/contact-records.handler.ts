import { gunzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context, S3Event } from 'aws-lambda';
import { rowsOfContactRecords } from '#core/analytics/contact-records.ts';
import type { AnalyticsSink } from '#core/analytics/sink.ts';
import type { BusinessCalendar } from '#core/sla/business-calendar.ts';
import { analyticsSink } from '#shared/analytics-sink.ts';
import { contactCenterS3 } from '#shared/contact-center-s3.ts';
import { runtimeConfig } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';
import { objectKey } from '#shared/s3-event.ts';

/** Firehose compresses the batch (GZIP, lib/constructs/contact-center/contact-records.ts); local mode may not. */
export const textOfBatch = (bytes: Uint8Array) =>
  (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes)).toString('utf8');

export type ContactRecordDeps = {
  read(bucket: string, key: string): Promise<Uint8Array>;
  sink: AnalyticsSink;
  calendar: BusinessCalendar;
};

/**
 * Each stored batch of contact records becomes `contacts` and `ivr_steps` rows in the analytics store.
 * A row the sink could not deliver fails the invocation, so S3's retries (then the dead-letter queue) send
 * the batch again; rows carry the contact id, so a batch delivered twice is visible (docs/decisions/0104).
 */
export async function storeContactRecords(event: S3Event, deps: ContactRecordDeps) {
  let contacts = 0;
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = objectKey(record.s3.object.key);
    const rows = rowsOfContactRecords(textOfBatch(await deps.read(bucket, key)), deps.calendar);
    const sent = [
      await deps.sink.put('contacts', rows.contacts),
      await deps.sink.put('ivr_steps', rows.ivrSteps),
    ];
    const undelivered = sent.reduce((n, s) => n + s.undelivered.length, 0);
    if (undelivered > 0) {
      throw new Error(
        `${undelivered} analytics rows of ${key} not delivered: ${sent.map((s) => s.reason).join('; ')}`,
      );
    }
    contacts += rows.contacts.length;
    logger.info('contact records', { key, contacts: rows.contacts.length, ivrSteps: rows.ivrSteps.length });
  }
  return { contacts };
}

export const handler = middy<S3Event, void, Error, Context>().handler(async (event) => {
  await storeContactRecords(event, {
    read: async (bucket, key) => {
      const out = await contactCenterS3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    },
    sink: analyticsSink(),
    calendar: runtimeConfig().calendar,
  });
});
