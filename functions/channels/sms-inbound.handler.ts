import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { parseSmsCommand } from '#core/channels/sms-command.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { receiveInbound } from '#core/intake/receive-inbound.ts';
import { renderAnswer } from '#core/notify/answers.ts';
import { detectLanguage } from '#core/text/arabic.ts';
import { container } from '#shared/container.ts';
import { intakeDeps } from '#shared/intake.ts';
import { messenger } from '#shared/messaging.ts';
import { logger } from '#shared/powertools.ts';
import { parseInput } from '#shared/validation.ts';

/** The JSON AWS publishes to the SNS topic for each inbound two-way SMS. */
const twoWaySms = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string(),
  messageBody: z.string().check(z.maxLength(1600)),
  inboundMessageId: z.string().check(z.minLength(1)),
});

/** Turns one inbound SMS into an Inbound: commands ("رط 260001233", HELP) become intents. */
export function toInbound(
  sms: z.infer<typeof twoWaySms>,
  receivedAt: string,
  prefixes: readonly string[],
): Inbound {
  const phone = normalizePhone(sms.originationNumber);
  if (!phone.ok) throw new Error(`Unusable sender number (${phone.reason})`);
  const command = parseSmsCommand(sms.messageBody, prefixes);
  const base = {
    channel: 'sms',
    externalId: sms.inboundMessageId,
    from: { kind: 'phone', value: phone.e164 },
    receivedAt,
    text: sms.messageBody,
  } as const;
  switch (command.kind) {
    case 'status':
      return { ...base, intent: 'status', reference: command.reference, language: command.language };
    case 'bad_reference':
      return { ...base, intent: 'status', language: command.language };
    case 'help':
      return { ...base, intent: 'help', language: command.language };
    default:
      return {
        ...base,
        language: detectLanguage(sms.messageBody),
        ...(command.reference ? { reference: command.reference } : {}),
      };
  }
}

export const handler = middy<SNSEvent, void, Error, Context>().handler(async (event) => {
  const c = container();
  const deps = intakeDeps(async (question, answer, language) => {
    const text = renderAnswer(answer, { ...c.config, catalogue: c.catalogue }, language, 'sms');
    await messenger().send({ channel: 'sms', to: question.from.value }, text, {});
  });
  for (const record of event.Records) {
    const sms = parseInput(twoWaySms, JSON.parse(record.Sns.Message));
    const inbound = toInbound(sms, record.Sns.Timestamp, [c.config.referencePrefix]);
    const result = await receiveInbound(inbound, deps);
    logger.info('inbound sms', { kind: result.kind, duplicate: result.duplicate });
  }
});
