// @vitest-environment happy-dom
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { claimsOf, cognitoSignInUrl, isExpired } from './auth.ts';

const COGNITO = {
  auth: 'cognito' as const,
  cognitoDomain: 'https://nidaa-prod.auth.me-central-1.amazoncognito.com',
  clientId: 'client-123',
  redirectUri: 'https://nidaa.example.om/panel/',
};

const token = (claims: Record<string, unknown>) =>
  `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('signing in', () => {
  it('sends the user to Cognito’s hosted UI with a PKCE (S256) challenge of the verifier it keeps', async () => {
    const verifier = 'a-verifier-of-at-least-forty-three-characters-0123456789';
    const url = new URL(await cognitoSignInUrl(COGNITO, verifier));
    expect(`${url.origin}${url.pathname}`).toBe(`${COGNITO.cognitoDomain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: COGNITO.redirectUri,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    expect(sessionStorage.getItem('nidaa.panel.pkce')).toBe(verifier);
  });

  it('reads a token’s claims (Arabic names too) and treats one expiring within a minute as expired', () => {
    const now = Date.parse('2026-03-03T06:00:00Z');
    const fresh = token({ 'cognito:username': 'موظف', exp: now / 1000 + 3600 });
    expect(claimsOf(fresh)?.['cognito:username']).toBe('موظف');
    expect(isExpired(fresh, now)).toBe(false);
    expect(isExpired(token({ exp: now / 1000 + 30 }), now)).toBe(true);
    expect(isExpired('not a token', now)).toBe(true);
  });
});
