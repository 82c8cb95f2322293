import { DynamoCaseStore } from '#adapters/dynamodb/case-repository.ts';
import { CapacityMeter, createDocumentClient } from '#adapters/dynamodb/client.ts';
import { DynamoConnectTaskStore } from '#adapters/dynamodb/connect-task-repository.ts';
import { DynamoContactCaseLinks } from '#adapters/dynamodb/contact-link-repository.ts';
import { DynamoContactStore } from '#adapters/dynamodb/contact-repository.ts';
import { DynamoInboundStore } from '#adapters/dynamodb/inbound-repository.ts';
import { DynamoLiveCounters } from '#adapters/dynamodb/live-counters.ts';
import { DynamoMailLog, DynamoSuppressionList } from '#adapters/dynamodb/mail-log.ts';
import { DynamoOutboundLedger } from '#adapters/dynamodb/outbound-ledger.ts';
import { DynamoRateCounter } from '#adapters/dynamodb/rate-counter.ts';
import { DynamoSmsOptOuts } from '#adapters/dynamodb/sms-opt-outs.ts';
import { DynamoAccessCodes } from '#adapters/dynamodb/status-access.ts';
import { DynamoSurveyTally } from '#adapters/dynamodb/survey-tally.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { clock } from './clock.ts';
import { ENV, PLATFORM_ENV, requireEnv } from './env.ts';
import { readRuntimeConfig } from './runtime-config.ts';

/**
 * What every handler needs: configuration and the DynamoDB stores, built once per container on first use.
 * Other AWS clients live in their own modules (messaging.ts, workflows.ts) so a handler's bundle holds
 * only the SDK clients it really calls. Local mode gives each handler the environment its bindings declare.
 */
/** The stage's runtime configuration (NIDAA_CONFIG), read once: for handlers without the table too. */
export const runtimeConfig = once(() => readRuntimeConfig());

function build() {
  const config = runtimeConfig();
  const tableName = requireEnv(ENV.tableName);
  const db = createDocumentClient();
  const meter = new CapacityMeter();
  return {
    config,
    clock,
    meter,
    catalogue: SEED_CATALOGUE,
    calendar: config.calendar,
    cases: new DynamoCaseStore(db, tableName, meter),
    contacts: new DynamoContactStore(db, tableName, undefined, meter),
    inbound: new DynamoInboundStore(db, tableName, config.idempotencyHours * 3600, meter),
    outbound: new DynamoOutboundLedger(db, tableName, config.idempotencyHours * 3600),
    connectTasks: new DynamoConnectTaskStore(db, tableName, meter),
    optOuts: new DynamoSmsOptOuts(db, tableName, meter),
    contactLinks: new DynamoContactCaseLinks(db, tableName, meter),
    surveys: new DynamoSurveyTally(db, tableName, meter),
    liveCounters: new DynamoLiveCounters(db, tableName, meter),
    mailLog: new DynamoMailLog(db, tableName),
    suppressions: new DynamoSuppressionList(db, tableName),
    rateCounter: new DynamoRateCounter(db, tableName),
    accessCodes: new DynamoAccessCodes(db, tableName),
  };
}

export type Container = ReturnType<typeof build>;

export const container = once(build);

export { requireEnv };

/**
 * A value made on first use and kept for the container's life. In Lambda a container runs one function;
 * local mode runs every function in one process, so values are kept per function (AWS_LAMBDA_FUNCTION_NAME)
 * and one function never uses a client built with another's environment.
 */
export function once<T>(make: () => T): () => T {
  const made = new Map<string, T>();
  return () => {
    const fn = process.env[PLATFORM_ENV.functionName] ?? '';
    if (!made.has(fn)) made.set(fn, make());
    return made.get(fn) as T;
  };
}

/**
 * once() for a value that is read asynchronously (a secret): the promise is kept, so concurrent callers
 * share one read, but dropped when it rejects, so the next call tries again instead of failing forever.
 */
export function onceAsync<T>(make: () => Promise<T>): () => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return () => {
    const fn = process.env[PLATFORM_ENV.functionName] ?? '';
    let value = made.get(fn);
    if (!value) {
      const attempt = make();
      attempt.catch(() => {
        if (made.get(fn) === attempt) made.delete(fn);
      });
      made.set(fn, attempt);
      value = attempt;
    }
    return value;
  };
}
