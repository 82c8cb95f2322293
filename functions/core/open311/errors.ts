import type { Bilingual } from '../errors.ts';

/**
 * A GeoReport v2 error: the HTTP status the specification names (400 bad input, 403 a missing or
 * invalid api_key, 404 no such resource; 429 the rate limit, as HTTP defines it) and the message for its
 * `errors` list, in both languages. `retryAfterSeconds` goes into a Retry-After header.
 */
export class Open311Error extends Error {
  override readonly name = 'Open311Error';
  constructor(
    readonly status: number,
    readonly messages: Bilingual,
    readonly retryAfterSeconds?: number,
  ) {
    super(messages.en);
  }
}
