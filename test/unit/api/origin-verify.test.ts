import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN_VERIFY_HEADER, sameSecret } from '#core/auth/origin.ts';

const secrets = mockClient(SecretsManagerClient);
const SECRET = 'k3Y9secretValueFromTheEdgeStack0123456789abcdEF';

/** A fresh module per test: the handler caches the secret for the life of its container. */
async function freshHandler() {
  vi.resetModules();
  return (await import('../../../functions/api/origin-verify.handler.ts')).handler;
}

beforeEach(() => {
  secrets.reset();
  vi.useRealTimers();
  process.env.ORIGIN_SECRET_ID = 'nidaa/dev/origin-verify';
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: SECRET });
  secrets
    .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
    .rejects(new ResourceNotFoundException({ message: 'no previous version', $metadata: {} }));
});

describe('sameSecret', () => {
  it.each([
    [SECRET, true],
    [`${SECRET}x`, false],
    [SECRET.slice(0, -1), false],
    [SECRET.replace('k', 'K'), false],
    ['', false],
    [undefined, false],
  ])('compares %j with the secret → %s', (given, expected) => {
    expect(sameSecret(given, SECRET)).toBe(expected);
  });

  it('never matches an empty secret, not even an empty header', () => {
    expect(sameSecret('', '')).toBe(false);
  });
});

describe('origin-verify authorizer', () => {
  it('authorizes a request that carries the edge’s header, reading the secret by its name', async () => {
    const handler = await freshHandler();
    await expect(handler({ headers: { [ORIGIN_VERIFY_HEADER]: SECRET } })).resolves.toEqual({
      isAuthorized: true,
    });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, {
      SecretId: 'nidaa/dev/origin-verify',
      VersionStage: 'AWSCURRENT',
    });
  });

  it.each([
    ['a wrong value', { [ORIGIN_VERIFY_HEADER]: 'guess' }],
    ['no header', {}],
    ['no headers at all', undefined],
  ])('refuses a request with %s (straight to execute-api, around the WAF)', async (_name, headers) => {
    const handler = await freshHandler();
    await expect(handler(headers ? { headers } : {})).resolves.toEqual({ isAuthorized: false });
  });

  it('reads the secret once per five minutes, so a rotated value is picked up without a deployment', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T08:00:00Z') });
    const handler = await freshHandler();
    await handler({ headers: { [ORIGIN_VERIFY_HEADER]: SECRET } });
    await handler({ headers: { [ORIGIN_VERIFY_HEADER]: SECRET } });
    // Current and previous, once per five minutes.
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    secrets
      .on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
      .resolves({ SecretString: 'rotated-value' });
    secrets
      .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .resolves({ SecretString: 'older-value' });
    vi.setSystemTime(new Date('2026-11-28T08:05:01Z'));
    await expect(handler({ headers: { [ORIGIN_VERIFY_HEADER]: SECRET } })).resolves.toEqual({
      isAuthorized: false,
    });
    await expect(handler({ headers: { [ORIGIN_VERIFY_HEADER]: 'rotated-value' } })).resolves.toEqual({
      isAuthorized: true,
    });
  });

  it('fails closed when the secret cannot be read (the edge stack not deployed yet)', async () => {
    secrets.on(GetSecretValueCommand).rejects(new Error('ResourceNotFoundException'));
    const handler = await freshHandler();
    await expect(handler({ headers: { [ORIGIN_VERIFY_HEADER]: SECRET } })).rejects.toThrow();
  });
});
