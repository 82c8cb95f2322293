import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoApiKeyStore } from '../functions/adapters/dynamodb/api-key-repository.ts';
import { hashApiKey } from '../functions/core/open311/api-keys.ts';

/**
 * The Open311 API key every local mode has, printed at start, so app makers can try GeoReport v2 at once
 * (docs/open311.md). Local only: a deployed stage has no key until an administrator issues one.
 */
export const LOCAL_DEMO_API_KEY = 'nk_localdemo000_LocalModeOnly_DemoKey_ForAppMakers_NotInAWS';

/** Stores the demo key's record (hash only) unless it is there already. */
export async function seedDemoApiKey(endpoint: string, tableName: string, now: Date): Promise<void> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const store = new DynamoApiKeyStore(db, tableName);
  if (await store.get('localdemo000')) return;
  await store.create({
    id: 'localdemo000',
    name: 'Local demo (local mode only)',
    hash: await hashApiKey(LOCAL_DEMO_API_KEY),
    createdAt: now.toISOString(),
    createdBy: 'local-mode',
  });
}
