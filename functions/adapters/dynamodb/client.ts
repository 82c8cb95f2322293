import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PLATFORM_ENV } from '#shared/env.ts';
import { caseDataRegion } from '../resource-regions.ts';

/**
 * One document client per container. DYNAMODB_ENDPOINT points it at dynalite in local mode and tests;
 * in AWS it is unset and the SDK uses the regional endpoint.
 */
export function createDocumentClient(endpoint = process.env[PLATFORM_ENV.dynamodbEndpoint]) {
  const client = new DynamoDBClient({
    ...caseDataRegion(),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 5,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export type DocumentClient = ReturnType<typeof createDocumentClient>;

/**
 * Sums consumed capacity per operation name, for the benchmark and per-invocation metrics. Single-item
 * calls report only `CapacityUnits` (no read/write split), so the total is kept as well.
 */
export class CapacityMeter {
  readonly units = new Map<string, { read: number; write: number; total: number; calls: number }>();

  record(
    operation: string,
    consumed: { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number } | undefined,
  ) {
    const entry = this.units.get(operation) ?? { read: 0, write: 0, total: 0, calls: 0 };
    entry.calls += 1;
    entry.read += consumed?.ReadCapacityUnits ?? 0;
    entry.write += consumed?.WriteCapacityUnits ?? 0;
    entry.total +=
      consumed?.CapacityUnits ?? (consumed?.ReadCapacityUnits ?? 0) + (consumed?.WriteCapacityUnits ?? 0);
    this.units.set(operation, entry);
  }

  reset() {
    this.units.clear();
  }
}
