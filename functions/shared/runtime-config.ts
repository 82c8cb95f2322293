import * as z from 'zod/mini';

/**
 * The part of the stage configuration that functions need at run time. CDK inlines it into each bundle
 * as a constant (esbuild `define`, docs/decisions/0066), out of the 4 KB of environment variables Lambda
 * allows; it is validated once per container.
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
  /** Who receives the monthly report (absent or empty: nobody, the run is skipped). */
  analytics: z.optional(
    z.object({
      reportRecipients: z.array(z.string()),
      /** The cost-per-channel figure's prices; absent: DEFAULT_UNIT_PRICES (functions/core/analytics/unit-prices.ts). */
      unitPrices: z.optional(
        z.object({
          currency: z.string(),
          smsSegment: z.number(),
          emailMessage: z.number(),
          faxMessage: z.number(),
          voiceMinute: z.number(),
          chatContact: z.number(),
          taskContact: z.number(),
        }),
      ),
    }),
  ),
  /** The fax-to-email gateway, when the municipality has one (docs/decisions/0047). */
  fax: z.optional(z.object({ gatewayDomains: z.array(z.string()), sendTo: z.string() })),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/**
 * The global name the bundle's constant has: esbuild replaces it with the JSON text at synth. Local mode
 * and tests define the same global (`globalThis.NIDAA_STAGE_CONFIG`), which plain Node then resolves.
 */
export const STAGE_CONFIG_CONSTANT = 'NIDAA_STAGE_CONFIG';
declare const NIDAA_STAGE_CONFIG: string | undefined;

export function readRuntimeConfig(
  raw = typeof NIDAA_STAGE_CONFIG === 'string' ? NIDAA_STAGE_CONFIG : undefined,
): RuntimeConfig {
  if (!raw) throw new Error(`${STAGE_CONFIG_CONSTANT} is not defined: the bundle carries no stage config`);
  return runtimeConfigSchema.parse(JSON.parse(raw));
}

/** Makes the stage config available as the bundle's constant is (local mode, tests). */
export function defineStageConfig(config: RuntimeConfig) {
  (globalThis as Record<string, unknown>)[STAGE_CONFIG_CONSTANT] = JSON.stringify(config);
}
