import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '#core/case/case.ts';
import type { Identity } from '#core/intake/inbound.ts';
import type { Contact, ContactStore } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** An identity item: who owns the identity and, when the identity created the contact, the contact itself. */
type IdentityItem = { contactId: string; contact?: Contact };

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

/**
 * Contacts and their identities. DynamoDB Local stand-ins have no transactions (docs/decisions/0005), so
 * the identity item that claims a new citizen carries the whole contact: the identity is the commit
 * point, and a contact item that never got written (a crash or a throttled second put) is written again
 * from it by whoever reads the identity next (docs/decisions/0080). Nobody waits for a contact that may
 * never come.
 */
export class DynamoContactStore implements ContactStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly meter?: CapacityMeter,
  ) {}

  /** The contact of an identity; one whose contact item is missing is answered from the identity. */
  async findByIdentity(identity: Identity): Promise<Contact | undefined> {
    const owner = await this.owner(identity);
    if (!owner) return undefined;
    return (await this.get(owner.contactId)) ?? contactOf(owner, identity);
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
    const existing = await this.owner(identity);
    if (existing) return this.contactOrRepair(existing, identity, language, now);
    const contact: Contact = {
      contactId: this.newId(),
      identities: [identity],
      preferredLanguage: language,
      createdAt: now,
    };
    // The identity item is the uniqueness guard and the commit point: whoever claims it first owns the
    // identity, and the claim carries the contact so the next step can always be redone.
    try {
      const claim = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.identity(identity),
            entity: 'identity',
            contactId: contact.contactId,
            ...identity,
            contact,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('claimIdentity', claim.ConsumedCapacity);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const winner = await this.owner(identity);
      if (!winner) throw error;
      return this.contactOrRepair(winner, identity, language, now);
    }
    await this.writeContact(contact);
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
      if (isConditionFailure(error)) return false;
      throw error;
    }
    const out = await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.contact(contactId),
          UpdateExpression: 'SET identities = list_append(identities, :one)',
          // A retried link must not list the identity twice; a missing contact is not created half-empty
          // (its identity item still finds it, and ensure writes it whole).
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(identities, :identity)',
          ExpressionAttributeValues: { ':one': [identity], ':identity': identity },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      )
      .catch((error: unknown) => {
        if (isConditionFailure(error)) return undefined;
        throw error;
      });
    this.meter?.record('linkIdentity', out?.ConsumedCapacity);
    return true;
  }

  private async owner(identity: Identity): Promise<IdentityItem | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.identity(identity),
        // The claim is the commit point: read the latest, or a loser of the race could miss it.
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('getIdentity', out.ConsumedCapacity);
    const contactId = out.Item?.contactId;
    if (typeof contactId !== 'string') return undefined;
    return { contactId, ...(out.Item?.contact ? { contact: out.Item.contact as Contact } : {}) };
  }

  /** The identity's contact, written again from the identity when its own item never was. */
  private async contactOrRepair(owner: IdentityItem, identity: Identity, language: Language, now: string) {
    const stored = await this.get(owner.contactId);
    if (stored) return stored;
    const contact = contactOf(owner, identity, language, now);
    await this.writeContact(contact);
    // Someone else (the claimer, a concurrent repair) may have written it first: theirs stands.
    return (await this.get(contact.contactId)) ?? contact;
  }

  /** Writes a contact item that does not exist yet; one that does (written by a racing intake) stays. */
  private async writeContact(contact: Contact) {
    try {
      const out = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.contact(contact.contactId), entity: 'contact', ...contact },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter?.record('putContact', out.ConsumedCapacity);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/**
 * The contact an identity item carries, or — for an identity claimed before identities carried their
 * contact — the smallest true one: this identity, the language of the message at hand.
 */
function contactOf(
  owner: IdentityItem,
  identity: Identity,
  language: Language = 'ar',
  now?: string,
): Contact {
  if (owner.contact) return owner.contact;
  return {
    contactId: owner.contactId,
    identities: [identity],
    preferredLanguage: language,
    createdAt: now ?? new Date(0).toISOString(),
  };
}
