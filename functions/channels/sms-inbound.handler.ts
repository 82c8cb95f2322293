import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { parseSmsCommand } from '#core/channels/sms-command.ts';
import { normalizePhone } from '#core/contact/phone.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { type Answer, receiveInbound } from '#core/intake/receive-inbound.ts';
import { render, type TemplateName } from '#core/notify/templates.ts';
import { detectLanguage } from '#core/text/arabic.ts';
import { container } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';
import { parseInput } from '#shared/validation.ts';

/** The JSON AWS publishes to the SNS topic for each inbound two-way SMS. */
const twoWaySms = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string(),
  messageBody: z.string().check(z.maxLength(1600)),
  inboundMessageId: z.string().check(z.minLength(1)),
});

const TEMPLATE_FOR: Record<Answer['kind'], TemplateName> = {
  status: 'status',
  not_found: 'notFound',
  help: 'help',
};

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
      return { ...base, language: detectLanguage(sms.messageBody) };
  }
}

export const handler = middy<SNSEvent, void, Error, Context>().handler(async (event) => {
  const c = container();
  for (const record of event.Records) {
    const sms = parseInput(twoWaySms, JSON.parse(record.Sns.Message));
    const inbound = toInbound(sms, record.Sns.Timestamp, [c.config.referencePrefix]);
    const result = await receiveInbound(inbound, {
      ...c,
      openCase: (input) => c.caseIntake().openCase(input),
      answer: async (question, answer, language) => {
        const departmentName =
          answer.kind === 'status'
            ? c.catalogue.departments.find((d) => d.code === answer.case.departmentCode)?.name
            : undefined;
        const text = render(
          TEMPLATE_FOR[answer.kind],
          {
            municipality: c.config.municipality,
            referencePrefix: c.config.referencePrefix,
            ...(answer.kind === 'status' ? { case: answer.case } : {}),
            ...(departmentName ? { departmentName } : {}),
          },
          language,
          'sms',
        );
        await c.messenger.send({ channel: 'sms', to: question.from.value }, text, {});
      },
    });
    logger.info('inbound sms', { kind: result.kind, duplicate: result.duplicate });
  }
});
