import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '#adapters/dynamodb/case-repository.ts';
import { keys, records } from '#adapters/dynamodb/keys.ts';
import type { CaseEvent } from '#core/case/case.ts';
import { aCase } from '../../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoCaseStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'nidaa-test');
const REFERENCE = '260000019';
const CASE = aCase({ reference: REFERENCE, originChannel: 'email', replyChannel: 'email' });
const event = (id: string, at: string, kind: CaseEvent['kind']): CaseEvent => ({
  reference: REFERENCE,
  id,
  at,
  kind,
  actor: 'system',
  channel: 'email',
});
const CREATED = event('created', '2026-03-01T06:00:00.000Z', 'created');
const ACK = event('out-ack', '2026-03-01T06:00:01.000Z', 'message_out');
/** The e-mail thread item as DynamoMailLog.addToThread leaves it: same partition, no kind, no time. */
const MAIL_THREAD = {
  ...keys.mailThread(REFERENCE),
  entity: 'mail_thread',
  messageIds: ['<citizen@example.om>', '<0102019a@me-central-1.amazonses.com>'],
};
/** Whatever a later feature keeps next to its case: it is no timeline event either. */
const SOME_LATER_SIBLING = { pk: `CASE#${REFERENCE}`, sk: 'ZZZ#later', entity: 'later', note: 'x' };

beforeEach(() => ddb.reset());

describe('DynamoCaseStore.getWithTimeline', () => {
  it('returns the case and only its timeline events, not the e-mail thread or other items in the partition', async () => {
    // Prepare: the partition as DynamoDB returns it, in sort-key order (EVT# < MAILTHREAD < META < ZZZ).
    ddb.on(QueryCommand).resolves({
      Items: [
        records.caseEvent(CREATED),
        records.caseEvent(ACK),
        MAIL_THREAD,
        records.case(CASE),
        SOME_LATER_SIBLING,
      ],
    });

    // Act
    const found = await store.getWithTimeline(REFERENCE);

    // Assess
    expect(found?.case.reference).toBe(REFERENCE);
    expect(found?.timeline).toEqual([CREATED, ACK]);
    for (const e of found?.timeline ?? []) {
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(e.kind).toBeTruthy();
    }
  });

  it('keeps reading pages until the partition ends', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [records.caseEvent(CREATED)], LastEvaluatedKey: { pk: 'x', sk: 'y' } })
      .resolvesOnce({ Items: [MAIL_THREAD, records.case(CASE)] });

    const found = await store.getWithTimeline(REFERENCE);

    expect(found?.timeline).toEqual([CREATED]);
    expect(ddb.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'x', sk: 'y' });
  });

  it('finds no case when only its e-mail thread exists', async () => {
    ddb.on(QueryCommand).resolves({ Items: [MAIL_THREAD] });
    expect(await store.getWithTimeline(REFERENCE)).toBeUndefined();
  });
});
