import { SNSClient } from '@aws-sdk/client-sns';
import { SnsSupervisorAlerts } from '#adapters/messaging/supervisor-alerts.ts';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** The supervisors' alert topic (SLA breaches). */
export const supervisorAlerts = once(
  () => new SnsSupervisorAlerts(new SNSClient(caseDataRegion()), requireEnv(ENV.supervisorTopicArn)),
);
