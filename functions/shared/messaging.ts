import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import type { SendingDeps } from '#core/notify/deliver.ts';
import { type NotifyRequest, notifyCitizen } from '#core/notify/notify-citizen.ts';
import { contactCenter } from './contact-center.ts';
import { container, once } from './container.ts';
import { faxLetterAttachment } from './fax.ts';
import type { TrackingLinks } from './tracking.ts';

/** SMS (SNS) and e-mail (SES v2) for handlers that talk to citizens. */
export const messenger = once(() => {
  const { config } = container();
  return AwsMessenger.create(config.sms.senderId, config.email.from, {
    ...(config.email.configurationSet ? { configurationSet: config.email.configurationSet } : {}),
    ...(config.fax ? { faxAddress: config.fax.sendTo } : {}),
  });
});

/**
 * What the one outbound path (functions/core/notify/deliver.ts) needs: the ledger, the senders, STOP and
 * the suppression list. The only place that hands the senders out (biome.json restricts their imports).
 * No call backs: the functions that answer by call back get them through notify(), and a function that
 * only texts or mails then carries no Connect client and needs no Connect bindings.
 */
export function sendingDeps(): SendingDeps {
  const c = container();
  return {
    outbound: c.outbound,
    messenger: messenger(),
    optOuts: c.optOuts,
    suppressions: c.suppressions,
    clock: c.clock,
  };
}

/**
 * Sends a templated message to a case's citizen, once, and records it on the timeline. `tracking` puts the
 * case's link in acknowledgements: only the functions that hold the tracking key pass it (notify).
 */
export function notify(req: NotifyRequest, tracking?: TrackingLinks) {
  const c = container();
  return notifyCitizen(req, {
    ...c,
    messenger: messenger(),
    contactCenter: contactCenter(),
    context: {
      municipality: c.config.municipality,
      referencePrefix: c.config.referencePrefix,
      shortCode: c.config.sms.shortCode,
      hotline: c.config.hotline,
      ...(tracking ? { trackingLinkFor: tracking.linkFor, ratingLinkFor: tracking.rateLinkFor } : {}),
    },
    departmentName: (code) => c.catalogue.departments.find((d) => d.code === code)?.name,
    mail: {
      log: c.mailLog,
      suppressions: c.suppressions,
      from: c.config.email.from,
      ...(c.config.fax ? { faxSendTo: c.config.fax.sendTo } : {}),
    },
    faxLetter: faxLetterAttachment,
  });
}
