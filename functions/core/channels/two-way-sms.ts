import { normalizePhone } from '../contact/phone.ts';
import type { Inbound } from '../intake/inbound.ts';
import { detectLanguage } from '../text/arabic.ts';
import { parseSmsCommand } from './sms-command.ts';

/**
 * The JSON AWS publishes to an SNS topic for each inbound two-way SMS (End User Messaging SMS). The
 * aggregator's webhook is normalized to the same shape, so both paths run the same code.
 */
export type TwoWaySms = {
  originationNumber: string;
  destinationNumber: string;
  messageKeyword?: string;
  messageBody: string;
  inboundMessageId: string;
  previousPublishedMessageId?: string;
};

/** Builds the two-way SMS JSON for a message that reached us another way (webhook, local mode). */
export function twoWaySms(input: {
  from: string;
  to: string;
  text: string;
  inboundMessageId: string;
  previousPublishedMessageId?: string;
}): TwoWaySms {
  return {
    originationNumber: input.from,
    destinationNumber: input.to,
    // AWS puts the keyword the message matched; its first word is what a keyword match looks at.
    messageKeyword: input.text.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
    messageBody: input.text,
    inboundMessageId: input.inboundMessageId,
    ...(input.previousPublishedMessageId
      ? { previousPublishedMessageId: input.previousPublishedMessageId }
      : {}),
  };
}

/** Turns one inbound SMS into an Inbound: commands ("رط 260001233", HELP, STOP, ام …) become intents. */
export function toInbound(sms: TwoWaySms, receivedAt: string, prefixes: readonly string[]): Inbound {
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
    case 'message':
      return {
        ...base,
        language: detectLanguage(sms.messageBody),
        ...(command.reference ? { reference: command.reference } : {}),
      };
    default:
      return { ...base, intent: 'command', command, language: command.language };
  }
}
