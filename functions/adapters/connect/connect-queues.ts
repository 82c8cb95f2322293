import { type ConnectClient, SearchQueuesCommand } from '@aws-sdk/client-connect';
import { NIDAA_QUEUE_TAG, queueNameOf } from './queue-tags.ts';

/** Queue ARNs by Nidaa queue name (t1, t2, callback, t3#<department>): SearchQueues, every page. */
export async function findNidaaQueues(connect: ConnectClient, instanceId: string) {
  const queues: Record<string, string> = {};
  let NextToken: string | undefined;
  do {
    const page = await connect.send(
      new SearchQueuesCommand({
        InstanceId: instanceId,
        MaxResults: 100,
        SearchCriteria: { QueueTypeCondition: 'STANDARD' },
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    for (const q of page.Queues ?? []) {
      const tag = q.Tags?.[NIDAA_QUEUE_TAG];
      if (tag && q.QueueArn) queues[queueNameOf(tag)] = q.QueueArn;
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return queues;
}

/** Found once per container, on first use; a failed search is tried again on the next use. */
export function nidaaQueuesOnce(connect: ConnectClient, instanceId: string) {
  let found: Promise<Record<string, string>> | undefined;
  return () => {
    found ??= findNidaaQueues(connect, instanceId).catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}
