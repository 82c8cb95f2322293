import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoOutboundLedger } from '../../../functions/adapters/dynamodb/outbound-ledger.ts';
import { DynamoReplayGuard } from '../../../functions/adapters/dynamodb/replay-guard.ts';
import { DynamoSmsOptOuts } from '../../../functions/adapters/dynamodb/sms-opt-outs.ts';
import { readSecretString } from '../../../functions/adapters/secrets/secret-reader.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'no', $metadata: {} });

beforeEach(() => ddb.reset());

describe('DynamoSmsOptOuts', () => {
  const optOuts = new DynamoSmsOptOuts(db, 'nidaa-test');

  it('reads the opt-out from the phone identity item', async () => {
    ddb.on(GetCommand).resolves({ Item: { smsOptedOutAt: '2026-11-28T07:00:00.000Z' } });
    expect(await optOuts.isOptedOut('+96891234567')).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'nidaa-test',
      Key: { pk: 'IDENT#phone#+96891234567', sk: 'IDENT' },
      ProjectionExpression: 'smsOptedOutAt',
    });
    ddb.on(GetCommand).resolves({ Item: {} });
    expect(await optOuts.isOptedOut('+96891234567')).toBe(false);
  });

  it('sets STOP and START on an identity that exists, never creating one', async () => {
    ddb.on(UpdateCommand).resolves({});
    await optOuts.set('+96891234567', true, '2026-11-28T07:00:00.000Z');
    await optOuts.set('+96891234567', false, '2026-11-28T08:00:00.000Z');
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: 'nidaa-test',
        Key: { pk: 'IDENT#phone#+96891234567', sk: 'IDENT' },
        UpdateExpression: 'SET smsOptedOutAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': '2026-11-28T07:00:00.000Z' },
      },
      {
        TableName: 'nidaa-test',
        Key: { pk: 'IDENT#phone#+96891234567', sk: 'IDENT' },
        UpdateExpression: 'REMOVE smsOptedOutAt SET smsOptedInAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': '2026-11-28T08:00:00.000Z' },
      },
    ]);
  });
});

describe('DynamoReplayGuard', () => {
  const guard = new DynamoReplayGuard(db, 'nidaa-test');
  const now = new Date('2026-11-28T08:00:00.000Z');
  const until = new Date('2026-11-28T08:05:00.000Z');

  it('remembers a signature until it could no longer pass the window; an expired one counts as unseen', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await guard.firstSeen('sms-webhook', 'v1=ab12', until, now)).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'nidaa-test',
      Item: {
        pk: 'SEEN#sms-webhook#v1=ab12',
        sk: 'SEEN',
        entity: 'seen_signature',
        expiresAt: until.getTime() / 1000,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': now.getTime() / 1000 },
    });
  });

  it('answers false to the same signature again', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    expect(await guard.firstSeen('sms-webhook', 'v1=ab12', until, now)).toBe(false);
  });
});

describe('DynamoOutboundLedger', () => {
  it('keeps an SMS’s segments and encoding with the provider id, for cost statistics', async () => {
    ddb.on(UpdateCommand).resolves({});
    await new DynamoOutboundLedger(db, 'nidaa-test', 3600).sent('ack-260001233', 'sns-1', {
      segments: 2,
      encoding: 'UCS-2',
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: 'nidaa-test',
      Key: { pk: 'OUTBOUND#ack-260001233', sk: 'OUTBOUND' },
      UpdateExpression:
        'SET providerMessageId = :p, #state = :sent, details = :details, #d0 = :d0, #d1 = :d1 REMOVE sendingUntil',
      ExpressionAttributeNames: { '#state': 'state', '#d0': 'segments', '#d1': 'encoding' },
      ExpressionAttributeValues: {
        ':p': 'sns-1',
        ':sent': 'sent',
        ':details': { segments: 2, encoding: 'UCS-2' },
        ':d0': 2,
        ':d1': 'UCS-2',
      },
    });
  });
});

describe('readSecretString', () => {
  const secrets = mockClient(SecretsManagerClient);

  it('gets the secret string by ARN', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'shh' });
    const arn =
      'arn:aws:secretsmanager:me-central-1:111122223333:secret:nidaa/prod/sms-aggregator-webhook-Ab12Cd';
    expect(await readSecretString(arn, { client: new SecretsManagerClient({}) })).toBe('shh');
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: arn });
  });

  it('refuses a binary-only secret', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(readSecretString('x', { client: new SecretsManagerClient({}) })).rejects.toThrow(
      'no string value',
    );
  });
});
