import middy from '@middy/core';
import type { ConnectContactFlowEvent, ConnectContactFlowResult, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { IVR_PATH_ATTRIBUTE } from '#core/analytics/contact-records.ts';
import type { Language } from '#core/case/case.ts';
import { isOmaniMobile, normalizePhone } from '#core/contact/phone.ts';
import {
  answerFlow,
  CHAT_PHONE_ATTRIBUTE,
  HOTLINE_OPERATIONS,
  type HotlineRequest,
} from '#core/hotline/hotline.ts';
import { HOTLINE_SETTINGS } from '#core/hotline/settings.ts';
import { receiveInbound } from '#core/intake/receive-inbound.ts';
import { PROCEDURES } from '#core/knowledge/procedures.ts';
import { deliver } from '#core/notify/deliver.ts';
import { container } from '#shared/container.ts';
import { newCaseIntakeDeps } from '#shared/intake.ts';
import { sendingDeps } from '#shared/messaging.ts';
import { logger } from '#shared/powertools.ts';
import { countPublicLookup } from '#shared/status-limits.ts';
import { parseInput } from '#shared/validation.ts';

/**
 * The part of Connect's "Invoke AWS Lambda function" event the hotline reads (research §2): the block's
 * parameters (`operation`, `lang`, …) and who is on the contact. Every value Connect passes is a string.
 */
const flowEvent = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().check(z.minLength(1), z.maxLength(256)),
      Channel: z.enum(['VOICE', 'CHAT', 'TASK', 'EMAIL']),
      Attributes: z.record(z.string(), z.string()),
      CustomerEndpoint: z.nullish(z.object({ Address: z.string(), Type: z.string() })),
    }),
    Parameters: z.object({
      operation: z.enum(HOTLINE_OPERATIONS),
      lang: z.optional(z.string()),
    }),
  }),
});

/** The other parameters are short strings (a key, a reference, a rating): anything longer is refused. */
const parameterValues = z.record(z.string(), z.string().check(z.maxLength(256)));

/** Connect's limit on a STRING_MAP response is 32 KB; the hotline's answers are a few hundred bytes. */
export const MAX_RESPONSE_BYTES = 32 * 1024;

export function toRequest(raw: unknown): HotlineRequest {
  const event = parseInput(flowEvent, raw);
  const parameters = parseInput(parameterValues, (raw as ConnectContactFlowEvent).Details.Parameters);
  const contact = event.Details.ContactData;
  const channel = contact.Channel === 'CHAT' ? 'CHAT' : 'VOICE';
  const language: Language = event.Details.Parameters.lang === 'en' ? 'en' : 'ar';
  const rawPhone =
    channel === 'VOICE' ? contact.CustomerEndpoint?.Address : contact.Attributes[CHAT_PHONE_ATTRIBUTE];
  const phone = rawPhone ? normalizePhone(rawPhone) : undefined;
  return {
    operation: event.Details.Parameters.operation,
    parameters,
    contactId: contact.ContactId,
    channel,
    language,
    ...(phone?.ok ? { phone: phone.e164 } : {}),
    ...(contact.Attributes[IVR_PATH_ATTRIBUTE] ? { ivrPath: contact.Attributes[IVR_PATH_ATTRIBUTE] } : {}),
  };
}

function hotlineDeps(request: HotlineRequest) {
  const c = container();
  return {
    ...c,
    links: c.contactLinks,
    utcOffsetMinutes: c.config.calendar.utcOffsetMinutes,
    procedures: PROCEDURES,
    settings: HOTLINE_SETTINGS,
    // The flow speaks the answer itself: intake never has to send one back on the call.
    receive: (inbound: Parameters<typeof receiveInbound>[0]) =>
      receiveInbound(
        inbound,
        newCaseIntakeDeps(async () => {}),
      ),
    countPublicLookup: (caller: string) => countPublicLookup(request.channel.toLowerCase(), caller),
    // Through the one outbound path: once, never to a number that texted STOP, segments recorded.
    sendSms: async (to: string, text: string, messageId: string) => {
      if (!isOmaniMobile(to)) return false;
      const sent = await deliver({ messageId, to: { channel: 'sms', to }, message: { text } }, sendingDeps());
      if (sent.status === 'failed') throw sent.error;
      return sent.status === 'sent' || sent.status === 'already_sent' || sent.status === 'in_progress';
    },
  };
}

/**
 * Amazon Connect flows (hotline and chat) invoke this synchronously, within the block's time limit (at most
 * 8 s). It answers a flat map of strings; a bad event or a failure throws, so the flow takes its Error
 * branch, apologises and offers an agent (contact-flows/README.md).
 */
export const handler = middy<unknown, ConnectContactFlowResult, Error, Context>().handler(async (raw) => {
  const request = toRequest(raw);
  const about = { operation: request.operation, contactId: request.contactId, channel: request.channel };
  try {
    const answer = await answerFlow(request, hotlineDeps(request));
    if (Buffer.byteLength(JSON.stringify(answer)) > MAX_RESPONSE_BYTES) {
      throw new Error(`answer larger than Connect's ${MAX_RESPONSE_BYTES} bytes`);
    }
    logger.info('hotline', about);
    return answer;
  } catch (error) {
    logger.error('hotline failed', { ...about, error: error as Error });
    throw error;
  }
});
