import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboundBegin, OutboundLedger } from '#core/ports.ts';
import type { DocumentClient } from './client.ts';

const key = (messageId: string) => ({ pk: `OUTBOUND#${messageId}`, sk: 'OUTBOUND' });
const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

/** How long an attempt owns a message before another may take it over: longer than any send takes. */
export const OUTBOUND_LEASE_SECONDS = 15;

/**
 * One item per outbound message id, a small state machine (docs/decisions/0082): `sending` (the intent,
 * written before the provider is called, with `sendingUntil`), then `sent` (providerMessageId, details)
 * or `failed`. `firstAttemptAt` stays what it was first, so every attempt records the message at one time.
 */
export class DynamoOutboundLedger implements OutboundLedger {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds: number,
  ) {}

  async begin(messageId: string, now: Date, leaseSeconds = OUTBOUND_LEASE_SECONDS): Promise<OutboundBegin> {
    const at = now.toISOString();
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(messageId),
          UpdateExpression:
            'SET entity = :entity, #state = :sending, attemptAt = :at, sendingUntil = :until, ' +
            'firstAttemptAt = if_not_exists(firstAttemptAt, :at), ' +
            'expiresAt = if_not_exists(expiresAt, :expires) ADD attempts :one',
          // Never after the provider accepted it; never while another attempt's lease runs.
          ConditionExpression:
            'attribute_not_exists(providerMessageId) AND (attribute_not_exists(sendingUntil) OR sendingUntil <= :at)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':entity': 'outbound',
            ':sending': 'sending',
            ':at': at,
            ':until': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
            ':expires': Math.floor(now.getTime() / 1000) + this.retentionSeconds,
            ':one': 1,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const before = out.Attributes;
      return {
        status: 'go',
        since: typeof before?.firstAttemptAt === 'string' ? before.firstAttemptAt : at,
        // An intent whose lease ran out with no outcome: that attempt may have reached the provider.
        afterUnknownAttempt: before?.state === 'sending',
      };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key(messageId), ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item?.providerMessageId) return { status: 'in_progress' };
    return {
      status: 'already_sent',
      since: String(item.firstAttemptAt ?? item.attemptAt ?? at),
      providerMessageId: String(item.providerMessageId),
      details: (item.details as Record<string, string | number> | undefined) ?? {},
    };
  }

  async sent(messageId: string, providerMessageId: string, details: Record<string, string | number> = {}) {
    // Details (an SMS's segments and encoding) are also named #d0, #d1… for statistics: their names are
    // ours, never input. The map `details` is what a later attempt gets back.
    const names = Object.keys(details);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(messageId),
        UpdateExpression: `${[
          'SET providerMessageId = :p, #state = :sent, details = :details',
          ...names.map((_, i) => `#d${i} = :d${i}`),
        ].join(', ')} REMOVE sendingUntil`,
        ExpressionAttributeNames: {
          '#state': 'state',
          ...Object.fromEntries(names.map((name, i) => [`#d${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':p': providerMessageId,
          ':sent': 'sent',
          ':details': details,
          ...Object.fromEntries(names.map((name, i) => [`:d${i}`, details[name]])),
        },
      }),
    );
  }

  async failed(messageId: string, reason: string) {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(messageId),
          UpdateExpression: 'SET #state = :failed, lastError = :reason REMOVE sendingUntil',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(providerMessageId)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason.slice(0, 200) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
