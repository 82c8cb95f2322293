import { describe, expect, it } from 'vitest';
import { checkPostPolicy, type PostPolicy } from '../../../local/fake-aws/s3.ts';

const NOW = new Date('2026-11-27T10:00:00Z');
const KEY = 'uploads/pending/abc';
const BUCKET = 'nidaa-local-attachments';

/** A policy like createPresignedPost writes, and the form fields a browser sends with it. */
const policy = (change: Partial<PostPolicy> = {}): PostPolicy => ({
  expiration: '2026-11-27T10:10:00Z',
  conditions: [
    ['content-length-range', 1, 100],
    ['eq', '$Content-Type', 'image/jpeg'],
    ['eq', '$key', KEY],
    { 'Content-Type': 'image/jpeg' },
    { bucket: BUCKET },
    { 'X-Amz-Date': '20261127T100000Z' },
    { key: KEY },
  ],
  ...change,
});
const fields = (change: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      'content-type': 'image/jpeg',
      bucket: BUCKET,
      'x-amz-date': '20261127T100000Z',
      key: KEY,
      policy: 'eyJ9',
      'x-amz-signature': 'not checked locally',
      ...change,
    }),
  );

describe('checkPostPolicy (local S3 POST uploads)', () => {
  it('accepts a form that meets every condition, whatever its signature', () => {
    expect(checkPostPolicy(policy(), fields(), 50, BUCKET, NOW)).toEqual({ ok: true });
  });

  it('refuses an expired policy with 403 AccessDenied', () => {
    expect(
      checkPostPolicy(policy({ expiration: '2026-11-27T09:59:59Z' }), fields(), 50, BUCKET, NOW),
    ).toEqual({
      ok: false,
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
  });

  it('refuses a file over the range with 400 EntityTooLarge and one under it with EntityTooSmall', () => {
    expect(checkPostPolicy(policy(), fields(), 101, BUCKET, NOW)).toMatchObject({
      status: 400,
      code: 'EntityTooLarge',
      details: { ProposedSize: 101, MaxSizeAllowed: 100 },
    });
    expect(checkPostPolicy(policy(), fields(), 0, BUCKET, NOW)).toMatchObject({
      status: 400,
      code: 'EntityTooSmall',
      details: { ProposedSize: 0, MinSizeAllowed: 1 },
    });
  });

  it.each([
    ['another Content-Type', { 'content-type': 'text/html' }, '["eq", "$Content-Type", "image/jpeg"]'],
    ['another key', { key: 'uploads/cases/abc' }, '["eq", "$key", "uploads/pending/abc"]'],
  ])('refuses %s with 403 AccessDenied naming the condition', (_label, change, condition) => {
    expect(checkPostPolicy(policy(), fields(change), 50, BUCKET, NOW)).toEqual({
      ok: false,
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ${condition}`,
    });
  });

  it('refuses a policy for another bucket', () => {
    expect(checkPostPolicy(policy(), fields(), 50, 'other-bucket', NOW)).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining('"$bucket"'),
    });
  });

  it('refuses form fields no condition covers, but not x-ignore- fields', () => {
    expect(checkPostPolicy(policy(), fields({ acl: 'public-read' }), 50, BUCKET, NOW)).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: acl',
    });
    expect(checkPostPolicy(policy(), fields({ 'x-ignore-note': 'hi' }), 50, BUCKET, NOW)).toEqual({
      ok: true,
    });
  });

  it('applies starts-with to each of several Content-Types', () => {
    const startsWith = policy({
      conditions: [['starts-with', '$Content-Type', 'image/'], { bucket: BUCKET }],
    });
    const only = (ct: string) =>
      new Map([
        ['content-type', ct],
        ['bucket', BUCKET],
      ]);
    expect(checkPostPolicy(startsWith, only('image/png, image/jpeg'), 5, BUCKET, NOW)).toEqual({ ok: true });
    expect(checkPostPolicy(startsWith, only('image/png, text/html'), 5, BUCKET, NOW).ok).toBe(false);
  });
});
