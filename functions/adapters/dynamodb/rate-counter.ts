import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateCounter } from '#core/limits/rate-limit.ts';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Counters name phones, e-mail addresses and network addresses: the table keeps only their hash. */
const hashed = (counter: string) => createHash('sha256').update(counter).digest('base64url');

/**
 * Fixed-window counters (`RATE#<hash of the counter> | <window start>`): one atomic ADD per use, so
 * concurrent Lambdas count together; TTL removes a window an hour after it ends. The one counter behind
 * every limit: API keys, new cases per contact, status lookups and access codes.
 */
export class DynamoRateCounter implements RateCounter {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async add(counter: string, windowStart: Date, expiresAt: Date): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(hashed(counter), windowStart.toISOString()),
        UpdateExpression: 'ADD #n :one SET entity = :entity, expiresAt = :expires',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':entity': 'rate_window',
          ':expires': Math.ceil(expiresAt.getTime() / 1000) + 3600,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.count ?? 1);
  }

  async read(counter: string, windowStart: Date): Promise<number> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.rateWindow(hashed(counter), windowStart.toISOString()),
        ProjectionExpression: '#n',
        ExpressionAttributeNames: { '#n': 'count' },
      }),
    );
    return Number(out.Item?.count ?? 0);
  }
}
