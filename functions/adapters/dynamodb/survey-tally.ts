import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyTally } from '#core/ports.ts';
import { emptyRatings, type SurveyDay } from '#core/stats/satisfaction.ts';
import type { CapacityMeter, DocumentClient } from './client.ts';
import { keys } from './keys.ts';

const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** One item per day, `STATS#SURVEY` / `DAY#<date>`, with a counter per rating: no reads to count. */
export class DynamoSurveyTally implements SurveyTally {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
    private readonly meter?: CapacityMeter,
  ) {}

  async add(day: string, rating: 1 | 2 | 3 | 4 | 5): Promise<void> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.surveyDay(day),
        UpdateExpression: 'SET entity = :entity ADD #rating :one',
        ExpressionAttributeNames: { '#rating': `r${rating}` },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'survey_day' },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter?.record('addSurveyRating', out.ConsumedCapacity);
  }

  /** One small read per day (a BatchGet could leave keys unprocessed under load; seven gets cannot). */
  async days(days: readonly string[]): Promise<SurveyDay[]> {
    return Promise.all(
      days.map(async (day) => {
        const out = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: keys.surveyDay(day),
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.meter?.record('readSurveyDay', out.ConsumedCapacity);
        const ratings = emptyRatings();
        for (const r of RATINGS) ratings[r] = Number(out.Item?.[`r${r}`] ?? 0);
        return { day, ratings };
      }),
    );
  }
}
