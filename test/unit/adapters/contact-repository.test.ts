import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentClient } from '#adapters/dynamodb/client.ts';
import { DynamoContactStore } from '#adapters/dynamodb/contact-repository.ts';
import { failing, startTable } from '../../support/dynalite-table.ts';

let table: Awaited<ReturnType<typeof startTable>>;
beforeAll(async () => {
  table = await startTable();
});
afterAll(() => table.stop());

const writesContact = (input: Record<string, unknown>) =>
  String((input.Item as { pk?: string } | undefined)?.pk ?? '').startsWith('CONTACT#');
const now = '2026-12-07T08:00:00.000Z';
let n = 0;
const newPhone = () => {
  n += 1;
  return { kind: 'phone' as const, value: `+9689${String(1_000_000 + n).slice(1)}` };
};

describe('DynamoContactStore.ensure when the process dies between the claim and the contact', () => {
  it('repairs the contact from the identity on the next intake, at once and with the same contact id', async () => {
    // Arrange: the first intake claims the identity, then its contact write fails (crash, throttle).
    const phone = newPhone();
    const crashing = new DynamoContactStore(failing(table.db, writesContact), table.tableName);
    await expect(crashing.ensure(phone, 'en', now)).rejects.toThrow('simulated crash');
    const store = new DynamoContactStore(table.db, table.tableName);

    // Act
    const started = Date.now();
    const again = await store.ensure(phone, 'ar', '2026-12-07T09:00:00.000Z');

    // Assert: no 21 s wait and no error; the first claim's contact, now stored for good.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(again).toMatchObject({ identities: [phone], preferredLanguage: 'en', createdAt: now });
    expect(await store.get(again.contactId)).toEqual(again);
    expect(await store.findByIdentity(phone)).toEqual(again);
  });

  it('lets an agent find the citizen by phone even before any repair', async () => {
    const phone = newPhone();
    const crashing = new DynamoContactStore(failing(table.db, writesContact), table.tableName);
    await expect(crashing.ensure(phone, 'ar', now)).rejects.toThrow();

    const found = await new DynamoContactStore(table.db, table.tableName).findByIdentity(phone);

    expect(found).toMatchObject({ identities: [phone], preferredLanguage: 'ar' });
  });

  it('heals an identity claimed by the old code (no contact on it) whose contact never came', async () => {
    // Arrange: an identity item as the earlier version wrote it, with no contact item behind it.
    const phone = newPhone();
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: `IDENT#phone#${phone.value}`,
          sk: 'IDENT',
          entity: 'identity',
          contactId: 'orphan-1',
          ...phone,
        },
      }),
    );
    const store = new DynamoContactStore(table.db, table.tableName);

    const contact = await store.ensure(phone, 'ar', now);

    expect(contact).toEqual({
      contactId: 'orphan-1',
      identities: [phone],
      preferredLanguage: 'ar',
      createdAt: now,
    });
    expect(await store.get('orphan-1')).toEqual(contact);
  });

  it('gives 20 concurrent first messages of one citizen one contact, with no waiting', async () => {
    const phone = newPhone();
    const stores = Array.from({ length: 20 }, () => new DynamoContactStore(table.db, table.tableName));

    const contacts = await Promise.all(stores.map((s) => s.ensure(phone, 'ar', now)));

    expect(new Set(contacts.map((c) => c.contactId)).size).toBe(1);
  });

  it('never overwrites a contact a link already extended', async () => {
    // Arrange: the claimer is slow; another intake repairs and links an e-mail before the claimer writes.
    const phone = newPhone();
    const email = { kind: 'email' as const, value: `c${n}@example.om` };
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: DocumentClient = new Proxy(table.db, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: { input: Record<string, unknown> }) => {
          if (writesContact(command.input)) await held;
          return target.send(command as never);
        };
      },
    });
    const first = new DynamoContactStore(slow, table.tableName).ensure(phone, 'ar', now);
    const store = new DynamoContactStore(table.db, table.tableName);
    const other = await (async () => {
      for (;;) {
        const found = await store.findByIdentity(phone);
        if (found) return store.ensure(phone, 'ar', now);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    expect(await store.link(other.contactId, email)).toBe(true);

    release();
    await first;

    expect((await store.get(other.contactId))?.identities).toEqual([phone, email]);
  });
});
