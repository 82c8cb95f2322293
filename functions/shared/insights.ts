import { DynamoAlertStore } from '#adapters/dynamodb/alert-store.ts';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** The early-warning alerts, in the case table (docs/decisions/0108). */
export const alertStore = once(() => new DynamoAlertStore(createDocumentClient(), requireEnv(ENV.tableName)));
