import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import { TOKEN_LENGTH, trackingLinksFrom } from '#shared/tracking.ts';

const REF = formatReference(2026, 123);
const OTHER = formatReference(2026, 124);

describe('tracking links (docs/decisions/0086)', () => {
  const links = trackingLinksFrom(['current-secret'], 'https://nidaa.muscat.gov.om/');

  it('puts a 16-character token in the fragment of the portal’s tracking page', () => {
    const link = links.linkFor(REF);
    expect(link).toBe(`https://nidaa.muscat.gov.om/track/${REF}#k=${links.tokenFor(REF)}`);
    expect(links.tokenFor(REF)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${TOKEN_LENGTH}}$`));
  });

  it('accepts a reference’s own token only', () => {
    expect(links.verify(REF, links.tokenFor(REF))).toBe(true);
    expect(links.verify(OTHER, links.tokenFor(REF))).toBe(false);
    expect(links.verify(REF, links.tokenFor(REF).slice(1))).toBe(false);
    expect(links.verify(REF, '')).toBe(false);
  });

  it('accepts tokens of the previous key during a rotation, and signs with the current one', () => {
    const old = trackingLinksFrom(['previous-secret']);
    const rotated = trackingLinksFrom(['current-secret', 'previous-secret']);
    expect(rotated.verify(REF, old.tokenFor(REF))).toBe(true);
    expect(rotated.tokenFor(REF)).toBe(links.tokenFor(REF));
    expect(links.verify(REF, old.tokenFor(REF))).toBe(false);
  });

  it('links the one-tap rating page with the same token', () => {
    expect(links.rateLinkFor(REF)).toBe(`https://nidaa.muscat.gov.om/rate/${REF}#k=${links.tokenFor(REF)}`);
  });

  it('gives no link without a portal, but still checks tokens', () => {
    const noPortal = trackingLinksFrom(['current-secret']);
    expect(noPortal.linkFor(REF)).toBeUndefined();
    expect(noPortal.rateLinkFor(REF)).toBeUndefined();
    expect(noPortal.verify(REF, links.tokenFor(REF))).toBe(true);
  });

  it('refuses any other string as a token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (guess) => {
        if (guess !== links.tokenFor(REF)) expect(links.verify(REF, guess)).toBe(false);
      }),
      { seed: 86, numRuns: 500 },
    );
  });
});
