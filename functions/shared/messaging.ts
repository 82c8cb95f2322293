import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import type { SendingDeps } from '#core/notify/deliver.ts';
import { type NotifyRequest, notifyCitizen } from '#core/notify/notify-citizen.ts';
import { contactCenter } from './contact-center.ts';
import { container, once } from './container.ts';
import { faxLetterAttachment } from './fax.ts';

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
 */
export function sendingDeps(): SendingDeps {
  const c = container();
  return {
    outbound: c.outbound,
    messenger: messenger(),
    optOuts: c.optOuts,
    suppressions: c.suppressions,
    // Connect is reached only for a call back, so other senders never build its client.
    contactCenter: { requestCallback: (task) => contactCenter().requestCallback(task) },
    clock: c.clock,
  };
}

/** Sends a templated message to a case's citizen, once, and records it on the timeline. */
export function notify(req: NotifyRequest) {
  const c = container();
  return notifyCitizen(req, {
    ...c,
    messenger: messenger(),
    contactCenter: contactCenter(),
    context: {
      municipality: c.config.municipality,
      referencePrefix: c.config.referencePrefix,
      shortCode: c.config.sms.shortCode,
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
