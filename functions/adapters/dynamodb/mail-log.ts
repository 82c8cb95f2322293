import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailLog, SentMail, SuppressionList } from '#core/ports.ts';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** A sent mail is remembered for a year: replies and late bounces still find their case. */
export const SENT_MAIL_RETENTION_SECONDS = 365 * 24 * 3600;

/**
 * The e-mail side of cases in the case table: the thread item next to the case (`CASE#<ref>` /
 * `MAILTHREAD`) and one item per sent mail (`SENTMAIL#<SES message id>`).
 */
export class DynamoMailLog implements MailLog {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly retentionSeconds = SENT_MAIL_RETENTION_SECONDS,
  ) {}

  async thread(reference: string): Promise<string[]> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.mailThread(reference), ConsistentRead: true }),
    );
    return (out.Item?.messageIds as string[] | undefined) ?? [];
  }

  async addToThread(reference: string, messageId: string): Promise<void> {
    const current = await this.thread(reference);
    if (current.includes(messageId)) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.mailThread(reference),
        UpdateExpression:
          'SET entity = :entity, messageIds = list_append(if_not_exists(messageIds, :empty), :id)',
        ExpressionAttributeValues: { ':entity': 'mail_thread', ':empty': [], ':id': [messageId] },
      }),
    );
  }

  async recordSent(mail: SentMail): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.sentMail(mail.sesMessageId),
          entity: 'sent_mail',
          ...mail,
          expiresAt: Math.floor(Date.parse(mail.sentAt) / 1000) + this.retentionSeconds,
        },
      }),
    );
  }

  async findSent(sesMessageId: string): Promise<SentMail | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.sentMail(sesMessageId) }),
    );
    const item = out.Item;
    if (!item) return undefined;
    return {
      sesMessageId: String(item.sesMessageId),
      reference: String(item.reference),
      eventId: String(item.eventId),
      to: String(item.to),
      sentAt: String(item.sentAt),
    };
  }
}

/** `SUPPRESSED#<address>`: kept until someone removes it (a citizen may ask to be written to again). */
export class DynamoSuppressionList implements SuppressionList {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async isSuppressed(address: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.suppressed(address) }),
    );
    return out.Item !== undefined;
  }

  async suppress(address: string, reason: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.suppressed(address),
          entity: 'suppressed',
          address: address.toLowerCase(),
          reason,
          at,
        },
      }),
    );
  }
}
