import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/**
 * Remembers signatures of accepted webhook requests until they could no longer pass the timestamp
 * window. The table's TTL deletes them late (up to days), so an expired item counts as unseen.
 */
export class DynamoReplayGuard {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** True the first time `signature` is presented; false when the same signed request comes again. */
  async firstSeen(scope: string, signature: string, until: Date, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.seenSignature(scope, signature),
            entity: 'seen_signature',
            expiresAt: Math.ceil(until.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
