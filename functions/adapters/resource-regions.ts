import { ENV, requireEnv } from '#shared/env.ts';

/**
 * The region an SDK client must call, from the function's bindings (lib/function-catalog.ts): the region
 * its resource lives in, which is not always the function's own. Amazon Connect has no endpoint in
 * regions.caseData, and SES receives mail in regions.mailReceiving only.
 */

/** The case table, workflows, timers, messaging: regions.caseData (unset only in unit tests: the SDK's region). */
export function caseDataRegion(): { region?: string } {
  const region = process.env[ENV.caseDataRegion];
  return region ? { region } : {};
}

/** The Amazon Connect instance: regions.contactCenter. */
export const contactCenterRegion = () => ({ region: requireEnv(ENV.contactCenterRegion) });

/** The bucket SES stores received mail in: regions.mailReceiving. */
export const mailReceivingRegion = () => ({ region: requireEnv(ENV.mailReceivingRegion) });
