import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '#core/case/case.ts';
import type { Identity } from '#core/intake/inbound.ts';
import type { Contact, ContactStore } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

export class DynamoContactStore implements ContactStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly meter?: CapacityMeter,
  ) {}

  async findByIdentity(identity: Identity): Promise<Contact | undefined> {
    const owner = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.identity(identity),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getIdentity', owner.ConsumedCapacity);
    const contactId = owner.Item?.contactId as string | undefined;
    return contactId ? this.get(contactId) : undefined;
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.contact(contactId),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getContact', out.ConsumedCapacity);
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, ...contact } = out.Item;
    return contact as Contact;
  }

  async ensure(identity: Identity, language: Language, now: string): Promise<Contact> {
    const existing = await this.findByIdentity(identity);
    if (existing) return existing;
    const contact: Contact = {
      contactId: this.newId(),
      identities: [identity],
      preferredLanguage: language,
      createdAt: now,
    };
    // The identity item is the uniqueness guard: whoever claims it first owns the identity.
    try {
      const claim = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.identity(identity), entity: 'identity', contactId: contact.contactId, ...identity },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('claimIdentity', claim.ConsumedCapacity);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.waitForWinner(identity);
    }
    const out = await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.contact(contact.contactId), entity: 'contact', ...contact },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('putContact', out.ConsumedCapacity);
    return contact;
  }

  async link(contactId: string, identity: Identity): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.identity(identity), entity: 'identity', contactId, ...identity },
          ConditionExpression: 'attribute_not_exists(pk) OR contactId = :mine',
          ExpressionAttributeValues: { ':mine': contactId },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    const out = await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.contact(contactId),
          UpdateExpression: 'SET identities = list_append(identities, :one)',
          // A retried link must not list the identity twice.
          ConditionExpression: 'NOT contains(identities, :identity)',
          ExpressionAttributeValues: { ':one': [identity], ':identity': identity },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      });
    this.meter?.record('linkIdentity', out?.ConsumedCapacity);
    return true;
  }

  /** A concurrent intake claimed the identity first; its contact item follows within milliseconds. */
  private async waitForWinner(identity: Identity): Promise<Contact> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const contact = await this.findByIdentity(identity);
      if (contact) return contact;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
    throw new Error(`Identity ${identity.kind} is claimed but its contact never appeared`);
  }
}
