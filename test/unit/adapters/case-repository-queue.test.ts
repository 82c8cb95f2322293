import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../../functions/adapters/dynamodb/case-repository.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoCaseStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'nidaa-test');

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

const query = () => ddb.commandCalls(QueryCommand)[0]?.args[0].input;

describe('DynamoCaseStore.listQueue with a deadline range', () => {
  it('reads breached cases as one key range below now on the queue index', async () => {
    await store.listQueue('t1', 50, undefined, { before: '2026-03-03T06:00:00.000Z' });

    expect(query()).toEqual({
      TableName: 'nidaa-test',
      IndexName: 'gsi1-queue',
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': 'QUEUE#t1', ':before': '2026-03-03T06:00:00.000Z' },
      ScanIndexForward: true,
      Limit: 50,
      ExclusiveStartKey: undefined,
      ReturnConsumedCapacity: 'TOTAL',
    });
  });

  it('reads at-risk cases as a BETWEEN range, and a plain queue without a range', async () => {
    await store.listQueue('t3#roads', 20, undefined, {
      from: '2026-03-03T06:00:00.000Z',
      before: '2026-03-03T08:00:00.000Z',
    });
    expect(query()).toMatchObject({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :before',
      ExpressionAttributeValues: {
        ':pk': 'QUEUE#t3#roads',
        ':from': '2026-03-03T06:00:00.000Z',
        ':before': '2026-03-03T08:00:00.000Z',
      },
    });

    ddb.resetHistory();
    await store.listQueue('t2', 10);
    expect(query()).toMatchObject({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'gsi1pk' },
      ExpressionAttributeValues: { ':pk': 'QUEUE#t2' },
    });
  });
});
