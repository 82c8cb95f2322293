import { DynamoAlertStore } from '#adapters/dynamodb/alert-store.ts';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import type { AnalyticsEngine } from '#core/analytics/engine.ts';
import { once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** The early-warning alerts, in the case table (docs/decisions/0108). */
export const alertStore = once(() => new DynamoAlertStore(createDocumentClient(), requireEnv(ENV.tableName)));

/**
 * The AnalyticsEngine the detector queries through. The Athena adapter (insights-screen, issue 13) plugs
 * in here with `setAnalyticsEngine`; until it does, a run fails with this message instead of guessing.
 */
let makeEngine: () => AnalyticsEngine = () => {
  throw new Error('No AnalyticsEngine configured for insightsDetector (the Athena adapter is not wired in)');
};

export function setAnalyticsEngine(make: () => AnalyticsEngine) {
  makeEngine = make;
}

export const detectorEngine = (): AnalyticsEngine => makeEngine();
