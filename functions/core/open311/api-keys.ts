import type { Bilingual } from '../errors.ts';

/**
 * API keys for app makers (GeoReport v2 `api_key`). A key reads `nk_<id>_<secret>`: the id finds the
 * stored record in one read, and only the SHA-256 of the whole key is stored, so a copy of the table
 * reveals no usable key. The secret is 32 random bytes: a plain hash is enough for a key nobody chose
 * (no password to guess), and the compared values are hashes the caller cannot steer.
 */
export type ApiKeyRecord = {
  id: string;
  name: string;
  /** SHA-256 of the whole key, hex. */
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
};

export interface ApiKeyStore {
  create(record: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when there is no such key. */
  revoke(id: string, at: string): Promise<boolean>;
}

const KEY_PATTERN = /^nk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export async function hashApiKey(key: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key))));
}

/** The id part of a well-formed key, or undefined. */
export const apiKeyId = (key: string) => KEY_PATTERN.exec(key)?.[1];

/** A new key: shown once to the administrator; only `hash` is kept. */
export async function newApiKey(): Promise<{ id: string; key: string; hash: string }> {
  const id = hex(crypto.getRandomValues(new Uint8Array(6)));
  const key = `nk_${id}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { id, key, hash: await hashApiKey(key) };
}

export const INVALID_API_KEY: Bilingual = {
  ar: 'مفتاح api_key مفقود أو غير صالح. اطلب مفتاحاً من مسؤول النظام.',
  en: 'Invalid or missing api_key: ask the municipality’s administrator for a key.',
};

/** The active record a presented key belongs to, or undefined (malformed, unknown, wrong secret, revoked). */
export async function findApiKey(
  store: ApiKeyStore,
  key: string | undefined,
): Promise<ApiKeyRecord | undefined> {
  const id = key ? apiKeyId(key) : undefined;
  if (!key || !id) return undefined;
  const record = await store.get(id);
  if (!record || record.revokedAt) return undefined;
  return record.hash === (await hashApiKey(key)) ? record : undefined;
}

/** A key as listed to administrators: never its hash. */
export const listedApiKey = ({ hash: _hash, ...shown }: ApiKeyRecord) => shown;
