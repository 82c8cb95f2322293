import { type ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { queueOf } from '#core/lifecycle/tiers.ts';
import type { ContactCenter, TierTask } from '#core/ports.ts';

export type ConnectTaskSettings = {
  instanceId: string;
  /** The task flow that reads the `queue` attribute and transfers the task to that queue. */
  taskFlowId: string;
  /** Queue ids by Nidaa queue name: t1, t2, t3#<department>. */
  queues: Record<string, string>;
  /** The case panel, opened from the task's reference link. */
  panelUrl: string;
};

/**
 * Puts a case in front of the tier's agents as an Amazon Connect task. ClientToken makes a retried
 * call return the same task instead of opening a second one.
 */
export class ConnectTasks implements ContactCenter {
  constructor(
    private readonly connect: ConnectClient,
    private readonly settings: ConnectTaskSettings,
  ) {}

  async openTask(task: TierTask): Promise<string | undefined> {
    const queue = queueOf(task);
    const out = await this.connect.send(
      new StartTaskContactCommand({
        InstanceId: this.settings.instanceId,
        ContactFlowId: this.settings.taskFlowId,
        Name: task.name.slice(0, 512),
        Description: task.description.slice(0, 4096),
        Attributes: {
          reference: task.reference,
          tier: String(task.tier),
          department: task.departmentCode,
          queue,
          queueId: this.settings.queues[queue] ?? this.settings.queues.t1 ?? '',
        },
        References: { Case: { Type: 'URL', Value: `${this.settings.panelUrl}/cases/${task.reference}` } },
        ClientToken: task.clientToken,
      }),
    );
    return out.ContactId;
  }
}

/** Until the contact-center stack provides an instance (issue 4), the case waits in Nidaa's own queues. */
export const noContactCenter: ContactCenter = { openTask: async () => undefined };
