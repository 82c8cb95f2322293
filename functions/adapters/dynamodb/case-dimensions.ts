import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { CASE_DIMENSION_ATTRIBUTES, type CaseDimensions } from '#core/analytics/changes.ts';
import type { DocumentClient } from './client.ts';
import { keys } from './keys.ts';

/** BatchGetItem's limit: 100 keys per call. */
const MAX_KEYS = 100;

/**
 * The dimensions (category, department, place) of the cases a batch of timeline events belongs to, read in
 * one BatchGetItem per 100 cases with a projection of just those attributes; strongly consistent, so a case
 * stored before its events' stream records are read is found. Unprocessed keys are asked again a few times;
 * a case still missing is simply absent from the answer.
 */
export async function readCaseDimensions(
  db: DocumentClient,
  tableName: string,
  references: readonly string[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Map<string, CaseDimensions>> {
  const found = new Map<string, CaseDimensions>();
  const names = Object.fromEntries(['reference', ...CASE_DIMENSION_ATTRIBUTES].map((a) => [`#${a}`, a]));
  for (let i = 0; i < references.length; i += MAX_KEYS) {
    let pending: Record<string, unknown>[] | undefined = references
      .slice(i, i + MAX_KEYS)
      .map((reference) => keys.case(reference));
    for (let attempt = 0; pending?.length && attempt < 5; attempt++) {
      if (attempt > 0) await sleep(50 * 2 ** attempt);
      const out: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: Object.keys(names).join(', '),
              ExpressionAttributeNames: names,
            },
          },
        }),
      );
      for (const item of out.Responses?.[tableName] ?? [])
        found.set(item.reference as string, item as CaseDimensions);
      pending = out.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}
