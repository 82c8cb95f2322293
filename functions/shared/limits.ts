import { DynamoApiKeyStore } from '#adapters/dynamodb/api-key-repository.ts';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import { TooManyRequestsError } from '#core/errors.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import type { IntakeResult } from '#core/intake/receive-inbound.ts';
import {
  contactCounter,
  NEW_CASES_PER_CONTACT,
  peek,
  TOO_MANY_NEW_CASES,
  take,
} from '#core/limits/rate-limit.ts';
import { container, once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** API keys live in the case table (docs/data-model.md). */
export const apiKeyStore = once(
  () => new DynamoApiKeyStore(createDocumentClient(), requireEnv(ENV.tableName)),
);

/**
 * Refuses a new case (429, bilingual, Retry-After) when its phone or e-mail already opened the most
 * new cases an hour allows (docs/decisions/0092). A retry of a request intake already took is let
 * through, so it gets its reference back; follow-ups on a case are not new cases.
 */
export async function guardNewCase(inbound: Inbound): Promise<void> {
  if (inbound.reference || inbound.from.kind === 'device') return;
  const c = container();
  const verdict = await peek(
    c.rateCounter,
    contactCounter(inbound.from),
    NEW_CASES_PER_CONTACT,
    c.clock.now(),
  );
  if (verdict.ok) return;
  if (await c.inbound.get(inbound.channel, inbound.externalId)) return;
  throw new TooManyRequestsError(TOO_MANY_NEW_CASES, verdict.retryAfterSeconds);
}

/** Counts a case intake really opened (not a replayed answer) against its contact's hourly allowance. */
export async function countNewCase(inbound: Inbound, result: IntakeResult): Promise<void> {
  if (result.kind !== 'new_case' || result.duplicate || inbound.from.kind === 'device') return;
  const c = container();
  await take(c.rateCounter, contactCounter(inbound.from), NEW_CASES_PER_CONTACT, c.clock.now());
}
