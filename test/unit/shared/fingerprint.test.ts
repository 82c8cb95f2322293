import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, payloadFingerprint } from '#shared/fingerprint.ts';

describe('payloadFingerprint', () => {
  it('ignores key order and whitespace, not values', () => {
    const a = JSON.parse('{"text":"حفرة في الشارع","contact":{"phone":"92000001","email":"a@b.om"}}');
    const b = JSON.parse(
      '{ "contact": { "email": "a@b.om", "phone": "92000001" }, "text": "حفرة في الشارع" }',
    );
    expect(payloadFingerprint(a)).toBe(payloadFingerprint(b));
    expect(payloadFingerprint(a)).not.toBe(payloadFingerprint({ ...a, text: 'حفرة في شارع آخر' }));
    expect(payloadFingerprint(a)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives every JSON value a canonical text that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
