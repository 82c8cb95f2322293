import * as z from 'zod/mini';

/**
 * The part of the stage configuration that functions need at run time, passed by CDK as one JSON
 * environment variable (NIDAA_CONFIG) and validated once per container.
 */
export const runtimeConfigSchema = z.object({
  municipality: z.object({ ar: z.string(), en: z.string() }),
  referencePrefix: z.string(),
  calendar: z.object({
    utcOffsetMinutes: z.number(),
    workingDays: z.array(z.number()),
    dayStart: z.string(),
    dayEnd: z.string(),
    holidays: z.array(z.string()),
  }),
  idempotencyHours: z.number(),
  reopenWindowDays: z.number(),
  sms: z.object({ senderId: z.string(), shortCode: z.string() }),
  /** The vehicle-lookup connector (SMS `ام`): the municipality's HTTP API, or the fixture in local mode; absent = none. */
  vehicleLookup: z.optional(
    z.union([
      z.object({ connector: z.literal('http'), baseUrl: z.string(), timeoutMs: z.number() }),
      z.object({ connector: z.literal('fixture') }),
    ]),
  ),
  email: z.object({
    from: z.string(),
    domain: z.string(),
    /** The SES configuration set whose sending events reach emailEvents (absent in tests). */
    configurationSet: z.optional(z.string()),
  }),
  hotline: z.string(),
  /** The citizens' portal (the edge's address; local mode's own URL): our messages link to its tracking page. */
  portalUrl: z.optional(z.string()),
  /** The fax-to-email gateway, when the municipality has one (docs/decisions/0047). */
  fax: z.optional(z.object({ gatewayDomains: z.array(z.string()), sendTo: z.string() })),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export function readRuntimeConfig(raw = process.env.NIDAA_CONFIG): RuntimeConfig {
  if (!raw) throw new Error('NIDAA_CONFIG is not set');
  return runtimeConfigSchema.parse(JSON.parse(raw));
}
