/**
 * The access token of a citizen's links (`/track/<reference>#k=<token>` and `/rate/<reference>#k=<token>`,
 * the tracking token of decision 0086): read once, kept in this browser for that reference, and removed
 * from the address bar so it is not shared by a copied URL. A reload, or the other screen, finds it kept.
 */
export const TOKEN_KEY = (reference: string) => `nidaa.portal.access.${reference}`;

export function takeTokenFromUrl(reference: string): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get('k') ?? undefined;
  if (token) {
    storeToken(reference, token);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  try {
    return token ?? localStorage.getItem(TOKEN_KEY(reference)) ?? undefined;
  } catch {
    return token;
  }
}

export function storeToken(reference: string, token: string) {
  try {
    localStorage.setItem(TOKEN_KEY(reference), token);
  } catch {
    sessionStorage.setItem(TOKEN_KEY(reference), token);
  }
}

export function forgetToken(reference: string) {
  try {
    localStorage.removeItem(TOKEN_KEY(reference));
  } catch {
    // Nothing stored.
  }
}
