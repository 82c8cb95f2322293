import type { Case } from '../case/case.ts';
import { isOmaniMobile } from '../contact/phone.ts';
import type { Identity } from '../intake/inbound.ts';
import type { TextDestination } from '../notify/choose-channel.ts';
import type { Rendered } from '../notify/templates.ts';
import type { CaseStore, Clock, ContactStore, SmsOptOuts, SuppressionList } from '../ports.ts';

/**
 * One-time codes (docs/decisions/0085): a citizen who lost our message asks for a code, which goes to the
 * case's own phone or e-mail only; typed back on the portal it gives the same proof as the link.
 */

/** Where issued codes live until used or expired (DynamoDB, hashed: a stored code opens nothing). */
export interface AccessCodes {
  /** Stores a new code for the reference until `expiresAt`, replacing any earlier one. */
  issue(reference: string, code: string, expiresAt: Date): Promise<void>;
  /** Uses the code up if it is the reference's current code and has not expired. */
  redeem(reference: string, code: string, now: Date): Promise<boolean>;
}

export const ACCESS_CODE_DIGITS = 6;
/** Long enough for a slow SMS, short enough that a code found later is worthless. */
export const ACCESS_CODE_TTL_SECONDS = 10 * 60;

/** A uniformly random code of ACCESS_CODE_DIGITS digits (Web Crypto, no modulo bias). */
export function newAccessCode(): string {
  const limit = 10 ** ACCESS_CODE_DIGITS;
  const ceiling = Math.floor(2 ** 32 / limit) * limit;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] as number;
    if (value < ceiling) return String(value % limit).padStart(ACCESS_CODE_DIGITS, '0');
  }
}

/** What sending a code needs: the case's citizen, where they may be reached, and the sender. */
export type AccessCodeDeps = {
  cases: Pick<CaseStore, 'get' | 'appendEvents'>;
  contacts: Pick<ContactStore, 'get'>;
  codes: AccessCodes;
  optOuts: Pick<SmsOptOuts, 'isOptedOut'>;
  suppressions: Pick<SuppressionList, 'isSuppressed'>;
  clock: Clock;
  render(c: Case, code: string, channel: TextDestination['channel']): Rendered;
  send(to: TextDestination, message: Rendered, reference: string): Promise<void>;
};

/**
 * Sends a new one-time code to the case's own contact: a mobile by SMS (unless it texted STOP), else its
 * e-mail (unless suppressed). Says whether a code went out; the API answers the same either way, so the
 * answer tells nobody whether a reference exists or what its citizen left (docs/decisions/0085).
 */
export async function sendAccessCode(reference: string, deps: AccessCodeDeps): Promise<boolean> {
  const found = await deps.cases.get(reference);
  if (!found) return false;
  const contact = await deps.contacts.get(found.contactId);
  const to = await reachableDestination(contact?.identities ?? [], deps);
  if (!to) return false;
  const now = deps.clock.now();
  const code = newAccessCode();
  await deps.codes.issue(reference, code, new Date(now.getTime() + ACCESS_CODE_TTL_SECONDS * 1000));
  await deps.send(to, deps.render(found, code, to.channel), reference);
  // Staff see that a code was sent and where; the code itself is never stored in clear.
  await deps.cases.appendEvents([
    {
      reference,
      id: `access-code-${now.getTime()}`,
      at: now.toISOString(),
      kind: 'message_out',
      actor: 'system',
      channel: to.channel,
      data: { template: 'accessCode', to: to.to, deliveryStatus: 'sent' },
    },
  ]);
  return true;
}

async function reachableDestination(
  identities: readonly Identity[],
  deps: Pick<AccessCodeDeps, 'optOuts' | 'suppressions'>,
): Promise<TextDestination | undefined> {
  for (const i of identities) {
    if (i.kind === 'phone' && isOmaniMobile(i.value) && !(await deps.optOuts.isOptedOut(i.value))) {
      return { channel: 'sms', to: i.value };
    }
  }
  for (const i of identities) {
    if (i.kind === 'email' && !(await deps.suppressions.isSuppressed(i.value))) {
      return { channel: 'email', to: i.value };
    }
  }
  return undefined;
}
