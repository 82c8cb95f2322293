import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ConnectTask, ConnectTaskStore } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Longer than a Connect task can wait (7 days by default); the item then expires by TTL. */
export const CONNECT_TASK_RETENTION_SECONDS = 30 * 24 * 3600;

/** One small item per Connect task: `CONNECTTASK#<contactId>` → reference, tier, openedAt. No task token. */
export class DynamoConnectTaskStore implements ConnectTaskStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
    private readonly retentionSeconds = CONNECT_TASK_RETENTION_SECONDS,
  ) {}

  async remember(task: ConnectTask): Promise<void> {
    const out = await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.connectTask(task.contactId),
          entity: 'connect_task',
          contactId: task.contactId,
          reference: task.reference,
          tier: task.tier,
          openedAt: task.openedAt,
          expiresAt: Math.floor(Date.parse(task.openedAt) / 1000) + this.retentionSeconds,
        },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('rememberConnectTask', out.ConsumedCapacity);
  }

  async find(contactId: string): Promise<ConnectTask | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.connectTask(contactId),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('findConnectTask', out.ConsumedCapacity);
    const item = out.Item;
    if (!item) return undefined;
    return {
      contactId: String(item.contactId),
      reference: String(item.reference),
      tier: Number(item.tier) as ConnectTask['tier'],
      openedAt: String(item.openedAt),
    };
  }
}
