import { DynamoCaseStore } from '#adapters/dynamodb/case-repository.ts';
import { CapacityMeter, createDocumentClient } from '#adapters/dynamodb/client.ts';
import { DynamoConnectTaskStore } from '#adapters/dynamodb/connect-task-repository.ts';
import { DynamoContactCaseLinks } from '#adapters/dynamodb/contact-link-repository.ts';
import { DynamoContactStore } from '#adapters/dynamodb/contact-repository.ts';
import { DynamoInboundStore } from '#adapters/dynamodb/inbound-repository.ts';
import { DynamoMailLog, DynamoSuppressionList } from '#adapters/dynamodb/mail-log.ts';
import { DynamoOutboundLedger } from '#adapters/dynamodb/outbound-ledger.ts';
import { DynamoSmsOptOuts } from '#adapters/dynamodb/sms-opt-outs.ts';
import { DynamoAccessCodes, DynamoRateLimiter } from '#adapters/dynamodb/status-access.ts';
import { DynamoSurveyTally } from '#adapters/dynamodb/survey-tally.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { clock } from './clock.ts';
import { readRuntimeConfig } from './runtime-config.ts';

/**
 * What every handler needs: configuration and the DynamoDB stores, built once per container on first use.
 * Other AWS clients live in their own modules (messaging.ts, workflows.ts) so a handler's bundle holds
 * only the SDK clients it really calls. Local mode and tests set the same environment variables.
 */
function build() {
  const config = readRuntimeConfig();
  const tableName = requireEnv('TABLE_NAME');
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
    mailLog: new DynamoMailLog(db, tableName),
    suppressions: new DynamoSuppressionList(db, tableName),
    rateLimiter: new DynamoRateLimiter(db, tableName),
    accessCodes: new DynamoAccessCodes(db, tableName),
  };
}

export type Container = ReturnType<typeof build>;

export const container = once(build);

/** A value made on first use and kept for the container's life. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
