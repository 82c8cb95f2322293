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
