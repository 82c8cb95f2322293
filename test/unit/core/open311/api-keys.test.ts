import { describe, expect, it } from 'vitest';
import {
  type ApiKeyRecord,
  type ApiKeyStore,
  apiKeyId,
  findApiKey,
  hashApiKey,
  listedApiKey,
  newApiKey,
} from '#core/open311/api-keys.ts';

class MemoryKeys implements ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  async create(r: ApiKeyRecord) {
    this.records.set(r.id, r);
  }
  async get(id: string) {
    return this.records.get(id);
  }
  async list() {
    return [...this.records.values()];
  }
  async revoke(id: string, at: string) {
    const r = this.records.get(id);
    if (!r) return false;
    this.records.set(id, { ...r, revokedAt: r.revokedAt ?? at });
    return true;
  }
}

describe('API keys', () => {
  it('are random, carry their id, and are stored only as a SHA-256', async () => {
    const a = await newApiKey();
    const b = await newApiKey();
    expect(a.key).not.toBe(b.key);
    expect(apiKeyId(a.key)).toBe(a.id);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(await hashApiKey(a.key));
    // The secret is everything after `nk_<id>_` (base64url, so it may itself contain `_`).
    const secret = a.key.slice(`nk_${a.id}_`.length);
    expect(secret).toHaveLength(43);
    expect(a.hash).not.toContain(secret);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(await hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('find the active record of a presented key only', async () => {
    const store = new MemoryKeys();
    const { id, key, hash } = await newApiKey();
    await store.create({ id, name: 'App', hash, createdAt: '2026-12-07T00:00:00Z', createdBy: 'admin' });
    expect((await findApiKey(store, key))?.id).toBe(id);
    // Same id, another secret.
    const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await findApiKey(store, forged)).toBeUndefined();
    expect(await findApiKey(store, undefined)).toBeUndefined();
    expect(await findApiKey(store, 'not a key')).toBeUndefined();
    await store.revoke(id, '2026-12-08T00:00:00Z');
    expect(await findApiKey(store, key)).toBeUndefined();
  });

  it('are listed without their hash', async () => {
    const record = { id: 'abc', name: 'App', hash: 'h', createdAt: 'now', createdBy: 'admin' };
    expect(listedApiKey(record)).toEqual({ id: 'abc', name: 'App', createdAt: 'now', createdBy: 'admin' });
  });
});
