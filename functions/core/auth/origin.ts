/**
 * Citizen routes have no login, so AWS WAF in front of them is what rate-limits and filters them. WAF
 * cannot attach to an HTTP API, so it sits on CloudFront, which adds this header with a secret value to
 * every request it forwards; the API's authorizer lets through only requests that carry it, so the
 * execute-api address cannot be used to go around WAF (docs/decisions/0016).
 */
export const ORIGIN_VERIFY_HEADER = 'x-nidaa-origin-verify';

/** Equal strings, compared in a time that does not depend on where they differ. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected.length === 0) return false;
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}
