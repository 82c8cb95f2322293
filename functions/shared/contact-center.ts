import { ConnectClient } from '@aws-sdk/client-connect';
import { nidaaQueuesOnce } from '#adapters/connect/connect-queues.ts';
import { ConnectTasks, noContactCenter } from '#adapters/connect/connect-tasks.ts';
import { contactCenterRegion } from '#adapters/resource-regions.ts';
import { once } from './container.ts';
import { ENV, readEnv } from './env.ts';

/**
 * Connect tasks for the tier queues, in the instance's region (regions.contactCenter: Amazon Connect has
 * no endpoint in the case-data region). Without CONNECT_INSTANCE_ID and CONNECT_TASK_FLOW_ID (set by the
 * contact-center stack) cases wait in Nidaa's own queues only, which the case panel shows.
 */
export const contactCenter = once(() => {
  const instanceId = readEnv(ENV.connectInstanceId);
  const taskFlowId = readEnv(ENV.connectTaskFlowId);
  if (!instanceId || !taskFlowId) return noContactCenter;
  const connect = new ConnectClient(contactCenterRegion());
  return new ConnectTasks(connect, {
    instanceId,
    taskFlowId,
    queues: nidaaQueuesOnce(connect, instanceId),
    panelUrl: readEnv(ENV.panelUrl) ?? '',
  });
});
