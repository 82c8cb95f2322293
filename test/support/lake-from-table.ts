import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../../functions/adapters/dynamodb/case-repository.ts';
import { caseEventRow, caseRow } from '../../functions/core/analytics/records.ts';
import { MUSCAT_CALENDAR } from '../../functions/core/sla/business-calendar.ts';
import type { LocalStack } from '../../local/local-stack.ts';

/**
 * Writes every case of a local stack's table (its stored version and timeline) into the stack's lake
 * through the same transform the stream consumer uses: for tests that seed cases straight into the table,
 * past its stream (local/seed.ts). Returns how many cases it wrote.
 */
export async function lakeFromTable(stack: LocalStack): Promise<number> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: stack.regions.regions.caseData,
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    }),
  );
  const references: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :case',
        ExpressionAttributeValues: { ':case': 'case' },
        ProjectionExpression: '#ref',
        ExpressionAttributeNames: { '#ref': 'reference' },
        ExclusiveStartKey: start,
      }),
    );
    references.push(...(page.Items ?? []).map((i) => String(i.reference)));
    start = page.LastEvaluatedKey;
  } while (start);
  const store = new DynamoCaseStore(db, stack.tableName);
  const citizenKey = (contactId: string) => `test-key-${contactId.length}-${contactId.at(-1)}`;
  for (const reference of references) {
    const found = await store.getWithTimeline(reference);
    if (!found) continue;
    stack.lake.append('cases', [caseRow(found.case, citizenKey, MUSCAT_CALENDAR)]);
    stack.lake.append(
      'case_events',
      found.timeline.map((e) => caseEventRow(e, found.case, MUSCAT_CALENDAR)),
    );
  }
  return references.length;
}
