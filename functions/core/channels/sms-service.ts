import type { Language } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import type { Bilingual } from '../errors.ts';
import type { Inbound } from '../intake/inbound.ts';
import type { Answer } from '../intake/receive-inbound.ts';
import { renderAnswer } from '../notify/answers.ts';
import { type DeliveryResult, deliver, type SendingDeps } from '../notify/deliver.ts';
import type { Rendered } from '../notify/templates.ts';
import type { InboundOutcome, VehicleRecords } from '../ports.ts';
import { optedInReply, optedOutReply, usageReply, vehicleReply } from './sms-replies.ts';

export type SmsChannelDeps = SendingDeps & {
  vehicles: VehicleRecords;
  context: {
    municipality: Bilingual;
    referencePrefix: string;
    catalogue: Pick<Catalogue, 'departments'>;
    trackingLinkFor?(reference: string): string | undefined;
  };
};

/** Our id for the one reply an inbound SMS gets: a redelivered message is never answered twice. */
export const replyMessageId = (inbound: Pick<Inbound, 'channel' | 'externalId'>) =>
  `reply-${inbound.channel}-${inbound.externalId}`;

function reply(
  inbound: Inbound,
  message: Rendered,
  deps: SmsChannelDeps,
  options: { reference?: string; evenIfOptedOut?: boolean } = {},
): Promise<DeliveryResult> {
  return deliver(
    {
      messageId: replyMessageId(inbound),
      to: { channel: 'sms', to: inbound.from.value },
      message,
      ...(options.reference ? { options: { reference: options.reference } } : {}),
      ...(options.evenIfOptedOut ? { evenIfOptedOut: true } : {}),
    },
    deps,
  );
}

/** Intake's immediate answer (status, not found, help) as an SMS to the sender. */
export function answerSms(inbound: Inbound, answer: Answer, language: Language, deps: SmsChannelDeps) {
  const message = renderAnswer(answer, deps.context, language, 'sms');
  return reply(inbound, message, deps, answer.kind === 'status' ? { reference: answer.case.reference } : {});
}

/**
 * Runs the commands only SMS has, after intake stored the message and knows the sender: STOP and START
 * (kept on the phone's identity), a vehicle lookup through the municipality's connector, and usage help
 * for a garbled command. STOP is recorded before its confirmation goes out, and the confirmation is the
 * last SMS the number gets until START.
 */
export async function runSmsCommand(inbound: Inbound, deps: SmsChannelDeps): Promise<InboundOutcome> {
  const command = inbound.command;
  if (!command) throw new Error('An SMS command without its command');
  const phone = inbound.from.value;
  const language = command.language;
  switch (command.kind) {
    case 'opt_out':
      await deps.optOuts.set(phone, true, inbound.receivedAt);
      await reply(inbound, optedOutReply(deps.context, language), deps, { evenIfOptedOut: true });
      break;
    case 'opt_in':
      await deps.optOuts.set(phone, false, inbound.receivedAt);
      await reply(inbound, optedInReply(deps.context, language), deps);
      break;
    case 'vehicle':
      await reply(inbound, vehicleReply(await deps.vehicles.lookup(command.plate), language), deps);
      break;
    case 'malformed':
      await reply(inbound, usageReply(), deps);
      break;
  }
  return { kind: 'answered' };
}
