import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessCodes } from '#core/status/access-code.ts';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** A code is stored as its hash with the reference. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** One current code per reference, hashed with its reference; redeeming deletes it (single use). */
export class DynamoAccessCodes implements AccessCodes {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async issue(reference: string, code: string, expiresAt: Date) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.accessCode(reference),
          entity: 'accessCode',
          codeHash: digest(`${reference}:${code}`),
          validUntil: expiresAt.toISOString(),
          // DynamoDB's TTL removes it within days; validUntil is what redeem checks.
          expiresAt: Math.ceil(expiresAt.getTime() / 1000),
        },
      }),
    );
  }

  async redeem(reference: string, code: string, now: Date) {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.accessCode(reference),
          ConditionExpression: 'codeHash = :hash AND validUntil > :now',
          ExpressionAttributeValues: { ':hash': digest(`${reference}:${code}`), ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
