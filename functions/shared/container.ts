import { DynamoCaseStore } from '#adapters/dynamodb/case-repository.ts';
import { CapacityMeter, createDocumentClient } from '#adapters/dynamodb/client.ts';
import { DynamoContactStore } from '#adapters/dynamodb/contact-repository.ts';
import { DynamoInboundStore } from '#adapters/dynamodb/inbound-repository.ts';
import { DynamoOutboundLedger } from '#adapters/dynamodb/outbound-ledger.ts';
import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import { CaseIntakeStarter } from '#adapters/workflow/case-intake-starter.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { clock } from './clock.ts';
import { readRuntimeConfig } from './runtime-config.ts';

/**
 * Everything a handler needs, built once per container on first use (not at import, so a handler's
 * cold start pays only for what it touches). Local mode and tests set the same environment variables.
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
    cases: new DynamoCaseStore(db, tableName, meter),
    contacts: new DynamoContactStore(db, tableName, undefined, meter),
    inbound: new DynamoInboundStore(db, tableName, config.idempotencyHours * 3600, meter),
    outbound: new DynamoOutboundLedger(db, tableName, config.idempotencyHours * 3600),
    messenger: AwsMessenger.create(config.sms.senderId, config.email.from),
    caseIntake: once(() => CaseIntakeStarter.create(requireEnv('CASE_INTAKE_ARN'))),
  };
}

export type Container = ReturnType<typeof build>;

let instance: Container | undefined;

export function container(): Container {
  instance ??= build();
  return instance;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
