import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboundLedger } from '#core/ports.ts';
import type { DocumentClient } from './client.ts';

const key = (messageId: string) => ({ pk: `OUTBOUND#${messageId}`, sk: 'OUTBOUND' });

/** One item per outbound message id; `sent` is set once the provider accepted it. */
export class DynamoOutboundLedger implements OutboundLedger {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
  ) {}

  async begin(messageId: string, now: Date): Promise<'go' | 'already_sent'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(messageId),
            entity: 'outbound',
            attemptAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + this.retentionSeconds,
          },
          // A failed earlier attempt (no providerMessageId) may be retried; a sent one may not.
          ConditionExpression: 'attribute_not_exists(providerMessageId)',
        }),
      );
      return 'go';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'already_sent';
      throw error;
    }
  }

  async sent(messageId: string, providerMessageId: string, details: Record<string, string | number> = {}) {
    // Details (an SMS's segments and encoding) are named #d0, #d1…: their names are ours, never input.
    const names = Object.keys(details);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(messageId),
        UpdateExpression: ['SET providerMessageId = :p', ...names.map((_, i) => `#d${i} = :d${i}`)].join(
          ', ',
        ),
        ExpressionAttributeValues: {
          ':p': providerMessageId,
          ...Object.fromEntries(names.map((name, i) => [`:d${i}`, details[name]])),
        },
        ...(names.length > 0
          ? { ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#d${i}`, name])) }
          : {}),
      }),
    );
  }
}
