import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ALERT_STATUSES,
  type Alert,
  type AlertPage,
  type AlertQuery,
  type AlertStatus,
  type AlertStore,
  alertHour,
} from '#core/insights/alert.ts';
import type { DocumentClient } from './client.ts';
import { ALERT_SK_PREFIX, keys } from './keys.ts';

const toAlert = (item: Record<string, unknown>): Alert => {
  const { pk: _pk, sk: _sk, entity: _entity, ...alert } = item;
  return alert as Alert;
};

/** A page cursor: which status is being listed and where DynamoDB stopped. */
type Cursor = { status: AlertStatus; key?: Record<string, unknown> };
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    return ALERT_STATUSES.includes(c.status) ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Alerts in the case table (`ALERTS | ALERT#<id>`, docs/decisions/0108): put once per id (a re-run of the
 * same hour changes nothing), acknowledged once (conditional on still being open), listed open first and
 * newest first within each status.
 */
export class DynamoAlertStore implements AlertStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async add(alert: Alert): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.alert(alert.id), entity: 'alert', ...alert },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(id: string): Promise<Alert | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.alert(id) }));
    return out.Item ? toAlert(out.Item) : undefined;
  }

  async recent(since: string): Promise<Alert[]> {
    const alerts: Alert[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: {
            ':pk': keys.alert('').pk,
            ':from': `${ALERT_SK_PREFIX}${alertHour(since)}`,
          },
          ExclusiveStartKey: start,
        }),
      );
      alerts.push(...(out.Items ?? []).map(toAlert));
      start = out.LastEvaluatedKey;
    } while (start);
    return alerts.filter((a) => a.detectedAt >= since);
  }

  async list(query: AlertQuery): Promise<AlertPage> {
    const cursor = decode(query.after);
    const statuses: AlertStatus[] = query.status ? [query.status] : ['open', 'acknowledged'];
    let index = Math.max(0, cursor ? statuses.indexOf(cursor.status) : 0);
    let start = cursor?.key;
    const alerts: Alert[] = [];
    while (index < statuses.length) {
      const status = statuses[index] as AlertStatus;
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: query.kind ? '#status = :status AND #kind = :kind' : '#status = :status',
          ExpressionAttributeNames: { '#status': 'status', ...(query.kind ? { '#kind': 'kind' } : {}) },
          ExpressionAttributeValues: {
            ':pk': keys.alert('').pk,
            ':prefix': ALERT_SK_PREFIX,
            ':status': status,
            ...(query.kind ? { ':kind': query.kind } : {}),
          },
          ScanIndexForward: false,
          // The filter drops items after the limit is applied: read a few pages' worth at a time.
          Limit: Math.max(query.limit * 4, 25),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        alerts.push(toAlert(item));
        if (alerts.length === query.limit) {
          const more = item !== out.Items?.at(-1) || out.LastEvaluatedKey || index + 1 < statuses.length;
          return more ? { alerts, next: encode({ status, key: { pk: item.pk, sk: item.sk } }) } : { alerts };
        }
      }
      start = out.LastEvaluatedKey;
      if (!start) {
        index++;
        start = undefined;
      }
    }
    return { alerts };
  }

  async acknowledge(id: string, by: string, note: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.alert(id),
          UpdateExpression:
            'SET #status = :acknowledged, acknowledgedAt = :at, acknowledgedBy = :by, note = :note',
          ConditionExpression: 'attribute_exists(pk) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':acknowledged': 'acknowledged',
            ':open': 'open',
            ':at': at,
            ':by': by,
            ':note': note,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
