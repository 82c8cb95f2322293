import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SmsOptOuts } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

const phoneIdentity = (phone: string) => keys.identity({ kind: 'phone', value: phone });

/**
 * STOP and START on the phone's identity item (`smsOptedOutAt`): one read tells every sender of SMS
 * whether the number may be texted. The item exists once intake has seen the number, so the update
 * refuses to create a half identity (which would block the contact's creation).
 */
export class DynamoSmsOptOuts implements SmsOptOuts {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {}

  async isOptedOut(phone: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: phoneIdentity(phone),
        ProjectionExpression: 'smsOptedOutAt',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getOptOut', out.ConsumedCapacity);
    return typeof out.Item?.smsOptedOutAt === 'string';
  }

  async set(phone: string, optedOut: boolean, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: phoneIdentity(phone),
        UpdateExpression: optedOut
          ? 'SET smsOptedOutAt = :at'
          : 'REMOVE smsOptedOutAt SET smsOptedInAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
