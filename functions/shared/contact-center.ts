import { ConnectClient } from '@aws-sdk/client-connect';
import { ConnectTasks, noContactCenter } from '#adapters/connect/connect-tasks.ts';
import { once } from './container.ts';

/**
 * Connect tasks for the tier queues. Without CONNECT_INSTANCE_ID and CONNECT_TASK_FLOW_ID (set by the
 * contact-center stack) cases wait in Nidaa's own queues only, which the case panel shows.
 */
export const contactCenter = once(() => {
  const instanceId = process.env.CONNECT_INSTANCE_ID;
  const taskFlowId = process.env.CONNECT_TASK_FLOW_ID;
  if (!instanceId || !taskFlowId) return noContactCenter;
  return new ConnectTasks(new ConnectClient({}), {
    instanceId,
    taskFlowId,
    queues: JSON.parse(process.env.CONNECT_QUEUES ?? '{}') as Record<string, string>,
    panelUrl: process.env.PANEL_URL ?? '',
  });
});
