import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalWorkflows } from './workflows.ts';

/**
 * In AWS a Standard execution survives anything; local executions live in this process. On start, every
 * case that is not closed gets its case-lifecycle again: it re-enters AwaitAgent, which re-reads the case
 * (a resolved case goes straight on to its reopen window; already-sent answers are not sent twice).
 */
export async function resumeLifecycles(endpoint: string, tableName: string, workflows: LocalWorkflows) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  let start: Record<string, unknown> | undefined;
  let resumed = 0;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :case AND #status <> :closed',
        ExpressionAttributeNames: { '#status': 'status', '#ref': 'reference' },
        ExpressionAttributeValues: { ':case': 'case', ':closed': 'closed' },
        ProjectionExpression: '#ref',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      workflows.start('caseLifecycle', { reference: item.reference }, String(item.reference));
      resumed++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return resumed;
}
