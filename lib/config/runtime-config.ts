import type { RuntimeConfig } from '../../functions/shared/runtime-config.ts';
import { portalUrlOf, type StageConfig } from './stage-config.ts';

/** Asia/Muscat is UTC+04:00 all year: Oman observes no daylight saving time. */
export const MUSCAT_UTC_OFFSET_MINUTES = 240;
/** The same, as the IANA zone Amazon Connect's hours of operation take. */
export const MUSCAT_TIME_ZONE = 'Asia/Muscat';

/** The SES configuration set every e-mail of the stage is sent with (lib/constructs/messaging/mail-sending.ts). */
export const sendingConfigurationSetName = (stage: Pick<StageConfig, 'stage'>) => `nidaa-${stage.stage}`;

/** What the functions of a stage receive as NIDAA_CONFIG. */
export function runtimeConfigFor(stage: StageConfig): RuntimeConfig {
  return {
    municipality: stage.municipality.name,
    referencePrefix: stage.municipality.referencePrefix,
    calendar: { utcOffsetMinutes: MUSCAT_UTC_OFFSET_MINUTES, ...stage.businessCalendar },
    idempotencyHours: stage.retention.idempotencyHours,
    reopenWindowDays: stage.retention.reopenWindowDays,
    sms: { senderId: stage.sms.senderId, shortCode: stage.sms.shortCode },
    ...(stage.sms.vehicleLookup
      ? { vehicleLookup: { connector: 'http' as const, ...stage.sms.vehicleLookup } }
      : {}),
    email: {
      from: `${stage.email.fromLocalPart}@${stage.email.domain}`,
      domain: stage.email.domain,
      configurationSet: sendingConfigurationSetName(stage),
    },
    hotline: stage.contactCenter.hotline,
    ...(portalUrlOf(stage) ? { portalUrl: portalUrlOf(stage) } : {}),
    ...(stage.fax ? { fax: stage.fax } : {}),
    analytics: { reportRecipients: stage.analytics.reportRecipients, unitPrices: stage.analytics.unitPrices },
  };
}
