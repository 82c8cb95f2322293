import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '#adapters/dynamodb/case-repository.ts';
import { records } from '#adapters/dynamodb/keys.ts';
import type { CaseEvent } from '#core/case/case.ts';
import { StaleVersionError } from '#core/errors.ts';
import { aCase } from '../../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoCaseStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'nidaa-test');
const CASE = aCase({ reference: '260001234', version: 3 });
const EVENT: CaseEvent = {
  reference: '260001234',
  id: 'escalate-3',
  at: '2026-03-01T06:00:00.000Z',
  kind: 'tier',
  actor: 'agent.t1',
  text: 'needs a senior',
};

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({ Item: records.case(CASE) });
});

describe('DynamoCaseStore.update', () => {
  it('writes the events, then the case conditional on the version it read', async () => {
    ddb.on(PutCommand).resolves({});
    const next = await store.update('260001234', 3, { tier: 2 }, [EVENT]);
    expect(next).toMatchObject({ tier: 2, version: 4 });
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts[0]?.Item).toMatchObject({ pk: 'CASE#260001234', sk: `EVT#${EVENT.at}#escalate-3` });
    expect(puts[1]).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
    });
    expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
  });

  it('takes its events back off the timeline when another write wins the race, and says so', async () => {
    // Events go in; the case item, conditional on version 3, finds version 4 already there.
    ddb.on(PutCommand).resolves({});
    ddb
      .on(PutCommand, { Item: { sk: 'META' } })
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    await expect(store.update('260001234', 3, { tier: 2 }, [EVENT])).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: 'nidaa-test',
      Key: { pk: 'CASE#260001234', sk: `EVT#${EVENT.at}#escalate-3` },
    });
  });

  it('leaves alone an event it did not create (the same cause already stored by the winner)', async () => {
    ddb.on(PutCommand).resolves({});
    const conflict = new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: {},
    });
    ddb.on(PutCommand, { Item: { sk: 'META' } }).rejects(conflict);
    ddb.on(PutCommand, { Item: { sk: `EVT#${EVENT.at}#escalate-3` } }).rejects(conflict);
    await expect(store.update('260001234', 3, { tier: 2 }, [EVENT])).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
  });
});
