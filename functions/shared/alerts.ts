import { SNSClient } from '@aws-sdk/client-sns';
import { SnsSupervisorAlerts } from '#adapters/messaging/supervisor-alerts.ts';
import { once, requireEnv } from './container.ts';

/** The supervisors' alert topic (SLA breaches). */
export const supervisorAlerts = once(
  () => new SnsSupervisorAlerts(new SNSClient({}), requireEnv('SUPERVISOR_TOPIC_ARN')),
);
