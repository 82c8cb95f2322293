import { type ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { SCREEN_POP_ATTRIBUTES } from '#core/contact/screen-pop.ts';
import { queueOf } from '#core/lifecycle/tiers.ts';
import type { CallbackTask, ContactCenter, TierTask } from '#core/ports.ts';

export type ConnectTaskSettings = {
  instanceId: string;
  /** The task flow that reads the `queue` attribute and transfers the task to that queue. */
  taskFlowId: string;
  /** Queue ARNs by Nidaa queue name: t1, t2, t3#<department>, callback (connect-queues.ts). */
  queues: () => Promise<Readonly<Record<string, string>>>;
  /** The case panel (`https://…/panel/`), opened from the task's link; empty until its address is known. */
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
    const queues = await this.settings.queues();
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
          queueId: queues[queue] ?? queues.t1 ?? '',
        },
        ...caseLinkIn(this.settings.panelUrl, task.reference),
        ClientToken: task.clientToken,
      }),
    );
    return out.ContactId;
  }

  /**
   * A task in the callback queue: the agent who takes it calls the citizen and reads them the message.
   * The task's name carries the number to call, so it shows in the agent's contact list.
   */
  readonly canCallBack = true;

  async requestCallback(task: CallbackTask): Promise<string> {
    const queues = await this.settings.queues();
    const out = await this.connect.send(
      new StartTaskContactCommand({
        InstanceId: this.settings.instanceId,
        ContactFlowId: this.settings.taskFlowId,
        Name: `${CALL_BACK[task.language]} ${task.phone} · ${task.reference}`.slice(0, 512),
        Description: task.text.slice(0, 4096),
        Attributes: {
          reference: task.reference,
          queue: 'callback',
          queueId: queues.callback ?? queues.t1 ?? '',
          [SCREEN_POP_ATTRIBUTES.callerPhone]: task.phone,
          [SCREEN_POP_ATTRIBUTES.language]: task.language,
          [SCREEN_POP_ATTRIBUTES.intent]: 'callback',
        },
        ...caseLinkIn(this.settings.panelUrl, task.reference),
        // Connect keeps a client token for 7 days and caps it at 500 characters.
        ClientToken: task.clientToken.slice(0, 500),
      }),
    );
    if (!out.ContactId) throw new Error('StartTaskContact returned no ContactId');
    return out.ContactId;
  }
}

/** The panel's hash route for a case; no link at all until the panel's address is known. */
function caseLinkIn(panelUrl: string, reference: string) {
  if (!panelUrl) return {};
  const base = panelUrl.endsWith('/') ? panelUrl : `${panelUrl}/`;
  return { References: { Case: { Type: 'URL' as const, Value: `${base}#/cases/${reference}` } } };
}

const CALL_BACK = { ar: 'اتصل بـ', en: 'Call back' } as const;

/** Without a Connect instance configured (CONNECT_INSTANCE_ID), cases wait in Nidaa's own queues only. */
export const noContactCenter: ContactCenter = {
  openTask: async () => undefined,
  canCallBack: false,
  requestCallback: () => Promise.reject(new Error('No contact center is configured to call back from')),
};
