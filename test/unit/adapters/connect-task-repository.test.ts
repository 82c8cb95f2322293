import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CONNECT_TASK_RETENTION_SECONDS,
  DynamoConnectTaskStore,
} from '../../../functions/adapters/dynamodb/connect-task-repository.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoConnectTaskStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'nidaa-test');
const task = {
  contactId: 'c-1',
  reference: '260000019',
  tier: 2 as const,
  openedAt: '2026-03-01T06:00:00.000Z',
};

beforeEach(() => ddb.reset());

describe('DynamoConnectTaskStore', () => {
  it('puts CONNECTTASK#<contactId> with the case, tier and opening time, expiring 30 days later', async () => {
    ddb.on(PutCommand).resolves({});

    await store.remember(task);

    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'nidaa-test',
      Item: {
        pk: 'CONNECTTASK#c-1',
        sk: 'CONNECTTASK',
        entity: 'connect_task',
        ...task,
        expiresAt: Date.parse(task.openedAt) / 1000 + CONNECT_TASK_RETENTION_SECONDS,
      },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(CONNECT_TASK_RETENTION_SECONDS).toBe(30 * 24 * 3600);
  });

  it('finds a task by contact id, and nothing for an unknown one', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'CONNECTTASK#c-1', sk: 'CONNECTTASK' } })
      .resolves({ Item: { pk: 'CONNECTTASK#c-1', sk: 'CONNECTTASK', entity: 'connect_task', ...task } })
      .on(GetCommand, { Key: { pk: 'CONNECTTASK#c-2', sk: 'CONNECTTASK' } })
      .resolves({});

    expect(await store.find('c-1')).toEqual(task);
    expect(await store.find('c-2')).toBeUndefined();
  });
});
