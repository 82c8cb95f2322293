import type { LocalStack } from '../../local/local-stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';

/** A small HTTP client for local mode, as a citizen, an agent or a test would use it. */
export function localClient(stack: () => LocalStack) {
  const url = (path: string) => `${stack().url}${path}`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(url(path), { headers });
  const outbox = async () => (await (await get('/_local/outbox')).json()) as OutboxEntry[];
  const tokenFor = async (username: string) =>
    ((await (await post('/_local/token', { username })).json()) as { token: string }).token;
  const as = async (username: string) => ({ authorization: `Bearer ${await tokenFor(username)}` });
  return { post, get, outbox, as };
}

/**
 * Retries `check` until it stops throwing: workflows move on asynchronously after each call. The limit
 * only matters when something is wrong; it is generous because a busy 2-core machine can be slow.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The first reference (9–12 digits) in a text. */
export const referenceIn = (text: string | undefined) => /\d{9,12}/.exec(text ?? '')?.[0];
