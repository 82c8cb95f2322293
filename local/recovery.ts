import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalWorkflows } from './workflows.ts';

export type RecoveryReport = {
  /** Cases not closed when local mode started. */
  open: number;
  /** Lifecycles given back to them (fewer when local mode stopped first). */
  resumed: number;
  /** From the start of the scan to the last lifecycle waiting again. */
  ms: number;
};

/** Lifecycles resumed at once: enough to finish quickly, few enough that the API stays responsive. */
export const RECOVERY_CONCURRENCY = 4;

/**
 * In AWS a Standard execution survives anything; local executions live in this process. After a
 * restart every case that is not closed gets its case-lifecycle back, where it was: it re-enters
 * AwaitAgent, which re-reads the case and waits on the same tier and deadline, so the Connect task
 * (ClientToken = case, tier, deadline; local/fake-aws/connect.ts keeps them across restarts) and the
 * SLA timer are the ones it had; a resolved case goes straight on to its reopen window, and answers
 * already sent are not sent twice (the outbound ledger).
 *
 * It runs after local mode is ready, in the background, a few cases at a time (docs/decisions/0071):
 * start-up does not grow with open cases. A case an agent acts on before its lifecycle is back keeps
 * the decision (the signal finds no waiting execution and is noted); the resumed lifecycle then reads
 * the decided case and carries on from it.
 */
export async function resumeLifecycles(
  endpoint: string,
  tableName: string,
  workflows: LocalWorkflows,
  options: { concurrency?: number; stopped?: () => boolean } = {},
): Promise<RecoveryReport> {
  const started = performance.now();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const references: string[] = [];
  let start: Record<string, unknown> | undefined;
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
    for (const item of page.Items ?? []) references.push(String(item.reference));
    start = page.LastEvaluatedKey;
  } while (start && !options.stopped?.());

  let next = 0;
  let resumed = 0;
  const lane = async () => {
    while (next < references.length && !options.stopped?.()) {
      const reference = references[next++] as string;
      // A case opened or acted on since start-up may already have its lifecycle (running or ended).
      if (workflows.has('caseLifecycle', reference)) continue;
      const settled = workflows.settled('caseLifecycle', reference);
      workflows.start('caseLifecycle', { reference }, reference);
      resumed++;
      await settled;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? RECOVERY_CONCURRENCY }, lane));
  return { open: references.length, resumed, ms: Math.round(performance.now() - started) };
}
