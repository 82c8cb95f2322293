/**
 * The analytics sink contactRecords sends its rows to. The Firehose adapter (functions/adapters/firehose,
 * `FirehoseAnalyticsDelivery`, built on ANALYTICS_STREAM_PREFIX in regions.caseData) arrives on its own
 * branch; until the two meet, this says so instead of pretending to deliver.
 */
import type { AnalyticsSink } from '#core/analytics/sink.ts';

export function analyticsSink(): AnalyticsSink {
  return {
    put: async () => {
      throw new Error('contactRecords: no analytics sink is wired yet (the Firehose adapter, issue 13)');
    },
  };
}
