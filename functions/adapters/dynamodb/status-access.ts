import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessCodes } from '#core/status/access-code.ts';
import type { Limit, RateLimiter } from '#core/status/limits.ts';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Senders' phones and addresses are counted, not stored: the key is their hash. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Fixed-window counters, one item per bucket and window (`ADD hits :one`, atomic under concurrency), gone
 * with DynamoDB's TTL a window after they end.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async hit(bucket: string, limit: Limit, now: Date) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(digest(bucket), windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ExpressionAttributeValues: { ':one': 1, ':expires': Math.ceil((windowStart + 2 * windowMs) / 1000) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = Number(out.Attributes?.hits ?? 1);
    return { allowed: count <= limit.max, count };
  }
}

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
