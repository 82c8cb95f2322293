import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { NIDAA_QUEUE_TAG, queueTagValue } from '../../../functions/adapters/connect/queue-tags.ts';
import type { Department } from '../../../functions/core/catalogue/types.ts';
import { queueOf } from '../../../functions/core/lifecycle/tiers.ts';
import type { StageConfig } from '../../config/stage-config.ts';
import { connectName } from './labels.ts';

type Label = StageConfig['contactCenter']['queues']['t1'];

const CHANNELS = ['VOICE', 'CHAT', 'TASK'] as const;

/**
 * The flow a queue quick connect runs: it only transfers the contact to the quick connect's queue (the
 * instance's own "Default queue transfer" flow has an ARN this stack cannot know for an imported instance).
 */
export const QUEUE_TRANSFER_FLOW = {
  Version: '2019-10-30',
  StartAction: 'Transfer',
  Metadata: {},
  Actions: [
    {
      Identifier: 'Transfer',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: {
        NextAction: 'End',
        Errors: [
          { NextAction: 'End', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'End', ErrorType: 'NoMatchingError' },
        ],
      },
    },
    { Identifier: 'End', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
};

export type TierRoutingProps = {
  instanceArn: string;
  hoursArn: string;
  config: StageConfig;
  departments: readonly Department[];
};

/**
 * Where work waits and who takes it: a queue per tier (t1, t2, t3#<department>) and for callbacks, a routing
 * profile per agent group (tier 1 takes tier 1 and callbacks, tier 2, each department its own tier-3
 * queue), and quick connects for escalating transfers.
 *
 * Quick connects only escalate (tier 1 and callbacks → tier 2 or a department; tier 2 → a department): a
 * queue lists its quick connects and a quick connect names its queue, so transfers in both directions would
 * be a dependency cycle CloudFormation cannot create. Moving work down a tier, or across departments, is
 * done in Nidaa (de-escalate, recategorize), which then opens the task in the right queue.
 */
export class TierRouting extends Construct {
  /** Queue ARNs by Nidaa queue name: t1, t2, callback, t3#<department code>. */
  readonly queueArns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: TierRoutingProps) {
    super(scope, id);
    const { instanceArn, hoursArn, config, departments } = props;
    const cc = config.contactCenter;
    const transferFlow = new connect.CfnContactFlow(this, 'QueueTransferFlow', {
      instanceArn,
      name: 'nidaa-queue-transfer',
      type: 'QUEUE_TRANSFER',
      description: 'Nidaa quick connects: transfer to the chosen tier queue',
      content: JSON.stringify(QUEUE_TRANSFER_FLOW),
    });

    const queue = (name: string, label: Label, quickConnectArns: string[]) => {
      const q = new connect.CfnQueue(this, `Queue-${name}`, {
        instanceArn,
        hoursOfOperationArn: hoursArn,
        name: connectName(label.name),
        description: connectName(label.description),
        ...(quickConnectArns.length ? { quickConnectArns } : {}),
        // Functions find their queues by this tag instead of carrying their ARNs (docs/decisions/0066).
        tags: [{ key: NIDAA_QUEUE_TAG, value: queueTagValue(name) }],
      });
      this.queueArns[name] = q.attrQueueArn;
      return q.attrQueueArn;
    };
    const quickConnect = (name: string, label: Label, queueArn: string) =>
      new connect.CfnQuickConnect(this, `QuickConnect-${name}`, {
        instanceArn,
        name: connectName(label.name),
        description: connectName(label.description),
        quickConnectConfig: {
          quickConnectType: 'QUEUE',
          queueConfig: { contactFlowArn: transferFlow.attrContactFlowArn, queueArn },
        },
      }).attrQuickConnectArn;

    // Created from the top tier down, so every queue's quick connects exist before it.
    const departmentLabels = departments.map((d) => ({
      name: queueOf({ tier: 3, departmentCode: d.code }),
      label: {
        name: {
          ar: `${cc.departmentQueuePrefix.ar} ${d.name.ar}`,
          en: `${cc.departmentQueuePrefix.en} ${d.name.en}`,
        },
        description: { ar: d.name.ar, en: d.name.en },
      },
    }));
    const toDepartments = departmentLabels.map(({ name, label }) =>
      quickConnect(name, label, queue(name, label, [])),
    );
    const toTier2 = quickConnect('t2', cc.queues.t2, queue('t2', cc.queues.t2, toDepartments));
    queue('t1', cc.queues.t1, [toTier2, ...toDepartments]);
    queue('callback', cc.queues.callback, [toTier2, ...toDepartments]);

    const profile = (id: string, label: Label, queueNames: string[]) =>
      new connect.CfnRoutingProfile(this, `Profile-${id}`, {
        instanceArn,
        name: connectName(label.name),
        description: connectName(label.description),
        defaultOutboundQueueArn: this.queueArns[queueNames[0] as string] as string,
        mediaConcurrencies: [
          { channel: 'VOICE', concurrency: cc.concurrency.voice },
          { channel: 'CHAT', concurrency: cc.concurrency.chat },
          { channel: 'TASK', concurrency: cc.concurrency.task },
        ],
        queueConfigs: queueNames.flatMap((name) =>
          CHANNELS.map((channel) => ({
            delay: 0,
            priority: 1,
            queueReference: { channel, queueArn: this.queueArns[name] as string },
          })),
        ),
      });
    profile('t1', cc.queues.t1, ['t1', 'callback']);
    profile('t2', cc.queues.t2, ['t2']);
    for (const { name, label } of departmentLabels) profile(name, label, [name]);
  }
}
