import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { sesSendingEvent, toDeliveryReport } from '#adapters/mail/ses-events.ts';
import { type DeliveryDeps, recordDelivery } from '#core/channels/delivery.ts';
import { container } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';
import { parseInput } from '#shared/validation.ts';

export type EmailEventOutcome =
  | { kind: 'recorded'; status: string; reference?: string }
  | { kind: 'ignored'; eventType: string };

/** One SNS record from the configuration set's topic: a Delivery, Bounce or Complaint on the timeline. */
export async function receiveEmailEvent(message: string, deps: DeliveryDeps): Promise<EmailEventOutcome> {
  const event = parseInput(sesSendingEvent, JSON.parse(message));
  const report = toDeliveryReport(event);
  if (!report) return { kind: 'ignored', eventType: event.eventType };
  const reference = await recordDelivery(report, deps);
  return { kind: 'recorded', status: report.status, ...(reference ? { reference } : {}) };
}

/**
 * SES sending events (configuration set → SNS → this function, asynchronously: retries, then the
 * dead-letter queue). Recording is idempotent, so a redelivered notification changes nothing.
 */
export const handler = middy<SNSEvent, void, Error, Context>().handler(async (event) => {
  const c = container();
  const deps: DeliveryDeps = { mailLog: c.mailLog, cases: c.cases, suppressions: c.suppressions };
  for (const record of event.Records) {
    const outcome = await receiveEmailEvent(record.Sns.Message, deps);
    // No addresses in logs: the SES message id finds the message.
    logger.info('email sending event', { snsMessageId: record.Sns.MessageId, ...outcome });
  }
});
