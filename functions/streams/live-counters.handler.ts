import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Case } from '#core/case/case.ts';
import { counterOps } from '#core/stats/live-counters.ts';
import { container } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

/** The case a stream image holds; other items of the table (events, contacts, counters) are not cases. */
export function caseOfImage(image: Image): Case | undefined {
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  return item.entity === 'case' ? (item as unknown as Case) : undefined;
}

/**
 * The case table's stream (new and old images) → the live counters (docs/decisions/0114). Records are
 * applied in order; on a failure the batch reports that record and stops, so Lambda retries from it and
 * the order of one case's changes holds. Counting is idempotent, so the records before it may come again.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(
  async (event) => {
    const { calendar, liveCounters } = container();
    for (const record of event.Records) {
      try {
        const before = caseOfImage(record.dynamodb?.OldImage);
        const after = caseOfImage(record.dynamodb?.NewImage);
        for (const op of counterOps(before, after, calendar)) await liveCounters.apply(op);
      } catch (error) {
        logger.error('live counters: record failed', {
          error: error as Error,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  },
);
