import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { processTwoWaySms, twoWaySmsSchema } from '#shared/sms.ts';
import { parseInput } from '#shared/validation.ts';

/** AWS two-way SMS: each inbound SMS arrives as JSON in an SNS notification (docs/decisions/0040). */
export const handler = middy<SNSEvent, void, Error, Context>().handler(async (event) => {
  for (const record of event.Records) {
    const sms = parseInput(twoWaySmsSchema, JSON.parse(record.Sns.Message));
    await processTwoWaySms(sms, record.Sns.Timestamp);
  }
});
