import { describe, expect, it } from 'vitest';
import { onceAsync } from '#shared/container.ts';

describe('onceAsync: a secret read once per container, tried again after a failure', () => {
  it('shares one read between concurrent callers and keeps its value', async () => {
    let reads = 0;
    const secret = onceAsync(async () => {
      reads += 1;
      return `s${reads}`;
    });
    expect(await Promise.all([secret(), secret()])).toEqual(['s1', 's1']);
    expect(await secret()).toBe('s1');
    expect(reads).toBe(1);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    let reads = 0;
    const secret = onceAsync(async () => {
      reads += 1;
      if (reads === 1) throw new Error('Secrets Manager throttled');
      return 'ok';
    });
    await expect(secret()).rejects.toThrow('throttled');
    expect(await secret()).toBe('ok');
    expect(await secret()).toBe('ok');
    expect(reads).toBe(2);
  });
});
