import { SNSClient } from '@aws-sdk/client-sns';
import { SnsAlertNotices } from '#adapters/messaging/alert-notices.ts';
import { SnsSupervisorAlerts } from '#adapters/messaging/supervisor-alerts.ts';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import { once } from './container.ts';
import { ENV, readEnv, requireEnv } from './env.ts';

/** The supervisors' alert topic (SLA breaches). */
export const supervisorAlerts = once(
  () => new SnsSupervisorAlerts(new SNSClient(caseDataRegion()), requireEnv(ENV.supervisorTopicArn)),
);

/** New early-warning alerts to the same topic, linking to the alert in the panel (docs/decisions/0108). */
export const alertNotices = once(
  () =>
    new SnsAlertNotices(
      new SNSClient(caseDataRegion()),
      requireEnv(ENV.supervisorTopicArn),
      readEnv(ENV.panelUrl) ?? '',
    ),
);
