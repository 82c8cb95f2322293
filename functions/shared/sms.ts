import * as z from 'zod/mini';
import { FixtureVehicleRecords } from '#adapters/vehicles/fixture-vehicle-records.ts';
import { HttpVehicleRecords } from '#adapters/vehicles/http-vehicle-records.ts';
import { answerSms, runSmsCommand, type SmsChannelDeps } from '#core/channels/sms-service.ts';
import { type TwoWaySms, toInbound } from '#core/channels/two-way-sms.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { type IntakeResult, receiveInbound } from '#core/intake/receive-inbound.ts';
import type { VehicleRecords } from '#core/ports.ts';
import { container, once } from './container.ts';
import { intakeDeps } from './intake.ts';
import { messenger } from './messaging.ts';
import { logger } from './powertools.ts';
import { trackingLinks } from './tracking.ts';

/** The JSON AWS publishes to the SNS topic for each inbound two-way SMS, as zod checks it. */
export const twoWaySmsSchema = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string(),
  messageKeyword: z.optional(z.string()),
  messageBody: z.string().check(z.maxLength(1600)),
  inboundMessageId: z.string().check(z.minLength(1), z.maxLength(200)),
  previousPublishedMessageId: z.optional(z.string()),
});

/** The vehicle-lookup connector the stage configures: HTTP in AWS, the fixture in local mode, else none. */
export const vehicleRecords = once((): VehicleRecords => {
  const config = container().config.vehicleLookup;
  if (config?.connector === 'http') {
    return new HttpVehicleRecords(config.baseUrl, config.timeoutMs, (reason) =>
      logger.warn('vehicle lookup failed', { reason }),
    );
  }
  if (config?.connector === 'fixture') return new FixtureVehicleRecords();
  return { lookup: async (plate) => ({ kind: 'unavailable', plate }) };
});

async function smsChannelDeps(): Promise<SmsChannelDeps> {
  const c = container();
  const tracking = await trackingLinks();
  return {
    ...c,
    messenger: messenger(),
    vehicles: vehicleRecords(),
    context: {
      municipality: c.config.municipality,
      referencePrefix: c.config.referencePrefix,
      catalogue: c.catalogue,
      ...(tracking ? { trackingLinkFor: tracking.linkFor } : {}),
    },
  };
}

/**
 * One inbound SMS, however it arrived (SNS two-way SMS or the aggregator's webhook): stored first and
 * idempotent on its inboundMessageId, then answered, run as a command, followed up or opened as a case.
 */
export async function processTwoWaySms(sms: TwoWaySms, receivedAt: string): Promise<IntakeResult> {
  const c = container();
  const smsDeps = await smsChannelDeps();
  const deps = {
    ...intakeDeps(async (inbound, answer, language) => {
      const sent = await answerSms(inbound, answer, language, smsDeps);
      if (sent.status === 'suppressed') logger.info('reply suppressed: the number opted out');
    }),
    runCommand: (inbound: Inbound) => runSmsCommand(inbound, smsDeps),
  };
  const inbound = toInbound(sms, receivedAt, [c.config.referencePrefix]);
  const result = await receiveInbound(inbound, deps);
  logger.info('inbound sms', { kind: result.kind, duplicate: result.duplicate, intent: inbound.intent });
  return result;
}
