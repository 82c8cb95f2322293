import { FirehoseClient } from '@aws-sdk/client-firehose';
import { FirehoseAnalyticsDelivery } from '#adapters/firehose/analytics-delivery.ts';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/**
 * Where a `writesAnalytics` function sends its rows: the tables' Firehose delivery streams in
 * regions.caseData (the local fake Firehose in local mode), whichever region the function runs in.
 * Made once per container.
 */
export const analyticsSink = once(
  () =>
    new FirehoseAnalyticsDelivery(
      new FirehoseClient(caseDataRegion()),
      requireEnv(ENV.analyticsStreamPrefix),
    ),
);
