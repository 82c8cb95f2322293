import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '#core/case/case.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import type { InboundClaim, InboundOutcome, InboundStore, StoredInbound } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

/** Raw inbound messages, one item per (channel, external id): the idempotency record and the audit copy. */
export class DynamoInboundStore implements InboundStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    /** How long the de-duplication record lives (DynamoDB TTL), in seconds. */
    private readonly retentionSeconds: number,
    private readonly meter?: CapacityMeter,
  ) {}

  async claim(inbound: Inbound, now: Date, leaseSeconds: number): Promise<InboundClaim> {
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    try {
      const out = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.inbound(inbound.channel, inbound.externalId),
            entity: 'inbound',
            ...inbound,
            outcome: { kind: 'pending' } satisfies InboundOutcome,
            leaseUntil,
            expiresAt: Math.floor(now.getTime() / 1000) + this.retentionSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('claimInbound', out.ConsumedCapacity);
      return { status: 'claimed' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await this.get(inbound.channel, inbound.externalId);
    if (!stored) throw new Error('inbound vanished between put and get');
    if (stored.outcome.kind !== 'pending') return { status: 'done', stored };
    if (stored.leaseUntil && stored.leaseUntil > now.toISOString()) return { status: 'in_progress', stored };
    return this.takeOver(inbound, stored, leaseUntil);
  }

  /** The worker holding the lease died: take the message over, unless a third delivery beat us to it. */
  private async takeOver(inbound: Inbound, stored: StoredInbound, leaseUntil: string): Promise<InboundClaim> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.inbound(inbound.channel, inbound.externalId),
          UpdateExpression: 'SET leaseUntil = :next',
          ConditionExpression: 'leaseUntil = :seen',
          ExpressionAttributeValues: { ':next': leaseUntil, ':seen': stored.leaseUntil },
        }),
      );
      return { status: 'claimed' };
    } catch (error) {
      if (isConditionFailure(error)) return { status: 'in_progress', stored };
      throw error;
    }
  }

  async get(channel: Channel, externalId: string): Promise<StoredInbound | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.inbound(channel, externalId),
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getInbound', out.ConsumedCapacity);
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...stored } = out.Item;
    return stored as StoredInbound;
  }

  async setOutcome(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    outcome: InboundOutcome,
    contactId?: string,
  ) {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.inbound(inbound.channel, inbound.externalId),
        UpdateExpression: contactId ? 'SET outcome = :o, contactId = :c' : 'SET outcome = :o',
        ExpressionAttributeValues: { ':o': outcome, ...(contactId ? { ':c': contactId } : {}) },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('setInboundOutcome', out.ConsumedCapacity);
  }

  async bindReference(
    inbound: Pick<Inbound, 'channel' | 'externalId'>,
    reference: string,
    at: string,
  ): Promise<{ reference: string; at: string }> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.inbound(inbound.channel, inbound.externalId),
          UpdateExpression: 'SET boundReference = :r, boundAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(boundReference)',
          ExpressionAttributeValues: { ':r': reference, ':at': at },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('bindReference', out.ConsumedCapacity);
      return { reference, at };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(inbound.channel, inbound.externalId);
      if (!stored?.boundReference) throw new Error('inbound has no bound reference and cannot take one');
      return { reference: stored.boundReference, at: stored.boundAt ?? at };
    }
  }
}
