import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutboundLedger } from '#adapters/dynamodb/outbound-ledger.ts';
import { startTable } from '../../support/dynalite-table.ts';

let table: Awaited<ReturnType<typeof startTable>>;
let ledger: DynamoOutboundLedger;
beforeAll(async () => {
  table = await startTable();
  ledger = new DynamoOutboundLedger(table.db, table.tableName, 3600);
});
afterAll(() => table.stop());

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 8, 0, seconds));

describe('DynamoOutboundLedger: intent → sent | failed (docs/decisions/0082)', () => {
  it('records the intent before sending and refuses a second attempt while the first one runs', async () => {
    expect(await ledger.begin('ack-1', at(0), 15)).toEqual({
      status: 'go',
      since: at(0).toISOString(),
      afterUnknownAttempt: false,
    });
    expect(await ledger.begin('ack-1', at(5), 15)).toEqual({ status: 'in_progress' });
    await ledger.sent('ack-1', 'sns-1', { segments: 1, encoding: 'UCS-2' });
    expect(await ledger.begin('ack-1', at(60), 15)).toEqual({
      status: 'already_sent',
      since: at(0).toISOString(),
      providerMessageId: 'sns-1',
      details: { segments: 1, encoding: 'UCS-2' },
    });
  });

  it('lets only one of 10 concurrent attempts send', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => ledger.begin('ack-2', at(0), 15)));
    expect(answers.filter((a) => a.status === 'go')).toHaveLength(1);
  });

  it('takes over an intent whose sender died (no outcome once the lease ran out)', async () => {
    expect(await ledger.begin('ack-3', at(0), 15)).toMatchObject({ status: 'go' });
    expect(await ledger.begin('ack-3', at(16), 15)).toEqual({
      status: 'go',
      since: at(0).toISOString(),
      afterUnknownAttempt: true,
    });
  });

  it('lets a retry through at once after the provider refused the message', async () => {
    expect(await ledger.begin('ack-4', at(0), 15)).toMatchObject({ status: 'go' });
    await ledger.failed('ack-4', 'Throttling');
    // A known failure is no unknown outcome: nothing can have left.
    expect(await ledger.begin('ack-4', at(1), 15)).toMatchObject({
      status: 'go',
      afterUnknownAttempt: false,
    });
    await ledger.sent('ack-4', 'sns-4');
    await ledger.failed('ack-4', 'late');
    expect(await ledger.begin('ack-4', at(99), 15)).toMatchObject({ status: 'already_sent' });
  });
});
