import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactCaseLinks } from '#core/ports.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** Connect keeps chat transcripts and contact records far longer, but the transcript arrives within minutes. */
export const CONTACT_LINK_RETENTION_SECONDS = 30 * 24 * 3600;

/** One small item per hotline/chat contact: `CONTACTLINK#<contactId>` → the case it was last about. */
export class DynamoContactCaseLinks implements ContactCaseLinks {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {}

  async link(contactId: string, reference: string, at: string): Promise<void> {
    const out = await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.contactLink(contactId),
          entity: 'contact_link',
          contactId,
          reference,
          at,
          expiresAt: Math.floor(Date.parse(at) / 1000) + CONTACT_LINK_RETENTION_SECONDS,
        },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('linkContact', out.ConsumedCapacity);
  }

  async find(contactId: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.contactLink(contactId),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('findContactLink', out.ConsumedCapacity);
    return out.Item ? String(out.Item.reference) : undefined;
  }
}
