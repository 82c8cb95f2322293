import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoMailLog,
  DynamoSuppressionList,
  SENT_MAIL_RETENTION_SECONDS,
} from '../../../functions/adapters/dynamodb/mail-log.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const log = new DynamoMailLog(client, 'nidaa-test');
const suppressions = new DynamoSuppressionList(client, 'nidaa-test');
const SENT = {
  sesMessageId: '0102019a-ses-1',
  reference: '260000019',
  eventId: 'out-ack-260000019',
  to: 'citizen@example.om',
  sentAt: '2026-03-01T06:00:00.000Z',
};

beforeEach(() => ddb.reset());

describe('DynamoMailLog', () => {
  it('appends a Message-ID to the thread item next to the case, once', async () => {
    ddb.on(GetCommand).resolves({ Item: { messageIds: ['<first@example.om>'] } });
    ddb.on(UpdateCommand).resolves({});

    await log.addToThread('260000019', '<0102019a-ses-1@me-central-1.amazonses.com>');
    await log.addToThread('260000019', '<first@example.om>');

    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'nidaa-test',
      Key: { pk: 'CASE#260000019', sk: 'MAILTHREAD' },
      ConsistentRead: true,
    });
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: 'nidaa-test',
        Key: { pk: 'CASE#260000019', sk: 'MAILTHREAD' },
        UpdateExpression:
          'SET entity = :entity, messageIds = list_append(if_not_exists(messageIds, :empty), :id)',
        ExpressionAttributeValues: {
          ':entity': 'mail_thread',
          ':empty': [],
          ':id': ['<0102019a-ses-1@me-central-1.amazonses.com>'],
        },
      },
    ]);
  });

  it('reads an empty thread for a case without mail', async () => {
    ddb.on(GetCommand).resolves({});
    expect(await log.thread('260000019')).toEqual([]);
  });

  it('remembers a sent mail by SES message id for a year and finds it again', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: 'SENTMAIL#0102019a-ses-1', sk: 'SENTMAIL' } }).resolves({
      Item: { pk: 'SENTMAIL#0102019a-ses-1', sk: 'SENTMAIL', entity: 'sent_mail', ...SENT, expiresAt: 1 },
    });

    await log.recordSent(SENT);

    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'nidaa-test',
      Item: {
        pk: 'SENTMAIL#0102019a-ses-1',
        sk: 'SENTMAIL',
        entity: 'sent_mail',
        ...SENT,
        expiresAt: Date.parse(SENT.sentAt) / 1000 + SENT_MAIL_RETENTION_SECONDS,
      },
    });
    expect(await log.findSent('0102019a-ses-1')).toEqual(SENT);
    expect(await log.findSent('unknown')).toBeUndefined();
  });
});

describe('DynamoSuppressionList', () => {
  it('keeps addresses lower-cased under SUPPRESSED#<address>', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: 'SUPPRESSED#citizen@example.om', sk: 'SUPPRESSED' } }).resolves({
      Item: { pk: 'SUPPRESSED#citizen@example.om' },
    });

    await suppressions.suppress(
      'Citizen@Example.om',
      'bounced: Permanent/General',
      '2026-03-01T06:01:00.000Z',
    );

    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'nidaa-test',
      Item: {
        pk: 'SUPPRESSED#citizen@example.om',
        sk: 'SUPPRESSED',
        entity: 'suppressed',
        address: 'citizen@example.om',
        reason: 'bounced: Permanent/General',
        at: '2026-03-01T06:01:00.000Z',
      },
    });
    expect(await suppressions.isSuppressed('CITIZEN@example.om')).toBe(true);
    expect(await suppressions.isSuppressed('other@example.om')).toBe(false);
  });
});
