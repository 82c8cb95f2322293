import { describe, expect, it } from 'vitest';
import { ratingReply } from '#core/intake/receive-inbound.ts';

describe('ratingReply: an SMS that is only a rating 1–5', () => {
  it.each([
    ['5', 5],
    [' ٤ ', 4],
    ['۳', 3],
    ['\u200f2.', 2],
    ['1!', 1],
  ])('%j is %i', (text, rating) => expect(ratingReply(text)).toBe(rating));

  it.each(['0', '6', '45', 'رط 5', '5 stars are not enough, the pothole is back', ''])(
    '%j is an ordinary message',
    (text) => expect(ratingReply(text)).toBeUndefined(),
  );
});
