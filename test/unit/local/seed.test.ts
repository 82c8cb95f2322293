import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../../functions/adapters/dynamodb/case-repository.ts';
import { keys } from '../../../functions/adapters/dynamodb/keys.ts';
import type { Case } from '../../../functions/core/case/case.ts';
import { formatReference } from '../../../functions/core/case/reference.ts';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { ensureTable } from '../../../local/local-stack.ts';
import { demoCity, seedDemoCity } from '../../../local/seed.ts';

const TABLE = 'nidaa-local';
const NOW = new Date('2026-11-15T08:00:00Z');
let server: Server;
let endpoint: string;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'me-central-1' }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  await ensureTable(endpoint);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A citizen's case opened the way intake opens one: the next number from the live counter. */
async function openLiveCase(cases: DynamoCaseStore, text: string): Promise<Case> {
  const sequence = await cases.nextSequence(2026);
  const template = demoCity(1, NOW, MUSCAT_CALENDAR).cases[0]?.case as Case;
  const live: Case = {
    ...template,
    reference: formatReference(2026, sequence),
    description: text,
    status: 'new',
  };
  await cases.create(live, []);
  return live;
}

describe('seeding the demo city into a table that already serves', () => {
  it('overwrites no live case or citizen, and never hands out a reference it writes', async () => {
    // Prepare: a case opened before seeding (it took 2026's first number, the seeder's first too) and a
    // citizen who owns the phone the seeder gives its first demo citizen.
    const cases = new DynamoCaseStore(db, TABLE);
    const before = await openLiveCase(cases, 'LIVE before seeding: a fallen tree blocks the road');
    const demoPhone = demoCity(400, NOW, MUSCAT_CALENDAR).contacts[0]?.identities[0];
    expect(demoPhone?.kind).toBe('phone');
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.identity(demoPhone as never), entity: 'identity', contactId: 'live-citizen' },
      }),
    );

    // Act: seed, with a citizen's case opened in the middle of it.
    let during: Case | undefined;
    const seeded = await seedDemoCity(endpoint, TABLE, {
      count: 400,
      now: NOW,
      calendar: MUSCAT_CALENDAR,
      onProgress: async (written) => {
        if (written > 0 && !during) during = await openLiveCase(cases, 'LIVE during seeding: no water');
      },
    });

    // Assert: both live cases are as their citizens left them, the phone still belongs to its citizen,
    // and the next number intake hands out is not one the seeder used.
    expect(during).toBeDefined();
    expect((await cases.get(before.reference))?.description).toBe(before.description);
    expect((await cases.get(during?.reference as string))?.description).toBe(during?.description);
    const phone = await db.send(new GetCommand({ TableName: TABLE, Key: keys.identity(demoPhone as never) }));
    expect(phone.Item?.contactId).toBe('live-citizen');
    expect(seeded.kept).toBeGreaterThanOrEqual(1);

    const all = await db.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'entity = :case',
        ExpressionAttributeValues: { ':case': 'case' },
      }),
    );
    const references = (all.Items ?? []).map((c) => String(c.reference));
    expect(references.length).toBe(seeded.cases + 2);
    expect(new Set(references).size).toBe(references.length);
    const after = await openLiveCase(cases, 'LIVE after seeding');
    expect(references).not.toContain(after.reference);
  });
});
