import { AthenaClient } from '@aws-sdk/client-athena';
import { AthenaAnalyticsEngine } from '#adapters/athena/athena-engine.ts';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import type { AnalyticsEngine } from '#core/analytics/engine.ts';
import { analyticsQueryText } from './analytics-queries.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/**
 * The analytics engine of functions that declare `queriesAnalytics`: Athena in regions.caseData (local
 * mode's fake Athena answers the same calls from DuckDB over the local lake).
 */
export const analyticsEngine = once(
  (): AnalyticsEngine =>
    new AthenaAnalyticsEngine(new AthenaClient(caseDataRegion()), {
      workGroup: requireEnv(ENV.athenaWorkgroup),
      database: requireEnv(ENV.analyticsDatabase),
      queryText: analyticsQueryText,
    }),
);
