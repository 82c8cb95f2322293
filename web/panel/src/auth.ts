/**
 * Signing in. Local mode: a demo user's token from the local issuer (/_local/token, which stands in for
 * Cognito). In AWS: Cognito's hosted UI, authorization code with PKCE, configured by /panel/config.json.
 */
export type PanelConfig =
  | { auth: 'local' }
  | {
      auth: 'cognito';
      /** The user pool domain, e.g. https://nidaa-prod.auth.me-central-1.amazoncognito.com */
      cognitoDomain: string;
      clientId: string;
      /** Where Cognito sends the user back: https://<panel domain>/panel/ */
      redirectUri: string;
    };

export type DemoUser = { username: string; roles: string[]; departments: string[]; name: string };

const TOKEN_KEY = 'nidaa.panel.token';
const VERIFIER_KEY = 'nidaa.panel.pkce';

export async function loadConfig(): Promise<PanelConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  return (await res.json()) as PanelConfig;
}

export const savedToken = () => sessionStorage.getItem(TOKEN_KEY) ?? undefined;
export const saveToken = (token: string) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** The token's claims, read for display only: the API verifies every request itself. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

/** A token whose `exp` has passed (with a minute's margin) is not offered to the API. */
export function isExpired(token: string, now = Date.now()): boolean {
  const exp = claimsOf(token)?.exp;
  return typeof exp !== 'number' || exp * 1000 < now + 60_000;
}

export async function demoUsers(): Promise<DemoUser[]> {
  return (await (await fetch('/_local/users')).json()) as DemoUser[];
}

export async function localToken(username: string): Promise<string> {
  const res = await fetch('/_local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`No demo user ${username}`);
  return ((await res.json()) as { token: string }).token;
}

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** The hosted-UI URL to start signing in, with a PKCE challenge (S256) for the verifier it keeps. */
export async function cognitoSignInUrl(
  config: Extract<PanelConfig, { auth: 'cognito' }>,
  verifier = base64Url(crypto.getRandomValues(new Uint8Array(32))),
): Promise<string> {
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  return `${config.cognitoDomain}/oauth2/authorize?${query}`;
}

/** Back from the hosted UI with `?code=`: trades it for tokens. The API's JWT authorizer takes the ID token. */
export async function finishCognitoSignIn(
  config: Extract<PanelConfig, { auth: 'cognito' }>,
  code: string,
): Promise<string> {
  const res = await fetch(`${config.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      code,
      code_verifier: sessionStorage.getItem(VERIFIER_KEY) ?? '',
    }),
  });
  if (!res.ok) throw new Error('Cognito refused the sign-in code');
  sessionStorage.removeItem(VERIFIER_KEY);
  return ((await res.json()) as { id_token: string }).id_token;
}
