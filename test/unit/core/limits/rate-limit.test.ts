import { describe, expect, it } from 'vitest';
import { contactCounter, peek, type RateCounter, take } from '#core/limits/rate-limit.ts';

class MemoryCounter implements RateCounter {
  readonly counts = new Map<string, number>();
  async add(counter: string, windowStart: Date) {
    const key = `${counter}@${windowStart.toISOString()}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }
  async read(counter: string, windowStart: Date) {
    return this.counts.get(`${counter}@${windowStart.toISOString()}`) ?? 0;
  }
}

describe('fixed-window rate limits', () => {
  const rule = { limit: 3, windowSeconds: 3600 };
  const at = (iso: string) => new Date(iso);

  it('allows the limit within a window, then says when the window ends', async () => {
    const counter = new MemoryCounter();
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await take(counter, 'c', rule, at('2026-12-07T10:15:00Z')));
    expect(verdicts.slice(0, 3).every((v) => v.ok)).toBe(true);
    expect(verdicts[3]).toEqual({ ok: false, retryAfterSeconds: 45 * 60 });
    // The next window starts afresh.
    expect(await take(counter, 'c', rule, at('2026-12-07T11:00:00Z'))).toEqual({ ok: true });
  });

  it('peeks without counting', async () => {
    const counter = new MemoryCounter();
    for (let i = 0; i < 3; i++)
      expect(await peek(counter, 'c', rule, at('2026-12-07T10:59:59Z'))).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) await take(counter, 'c', rule, at('2026-12-07T10:59:59Z'));
    expect(await peek(counter, 'c', rule, at('2026-12-07T10:59:59Z'))).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
  });

  it('counts per identity', () => {
    expect(contactCounter({ kind: 'phone', value: '+96892000001' })).toBe('newcase#phone#+96892000001');
  });
});
