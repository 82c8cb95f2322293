import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the panel’s agent API client', () => {
  it('sends the bearer token and the panel’s language, and posts an action’s fields without its kind', async () => {
    const fetch = stubFetch(200, { reference: '260000019' });
    const api = createApi('tok', () => 'en');
    await api.act('260000019', { kind: 'escalate', reason: 'needs the roads team' });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/v1/cases/260000019/escalate');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({
      authorization: 'Bearer tok',
      'accept-language': 'en',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(init?.body))).toEqual({ reason: 'needs the roads team' });
  });

  it('turns a problem into an error with both languages, and a 401 into a sign-out', async () => {
    stubFetch(409, { messages: { ar: 'البلاغ مغلق.', en: 'The case is closed.' } });
    const signOut = vi.fn();
    const api = createApi('tok', () => 'ar', signOut);
    const refused = await api.getCase('260000019').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).messages).toEqual({ ar: 'البلاغ مغلق.', en: 'The case is closed.' });
    expect(signOut).not.toHaveBeenCalled();

    stubFetch(401, { message: 'Unauthorized' });
    const expired = (await api.me().catch((e: unknown) => e)) as ApiError;
    expect(expired.status).toBe(401);
    expect(expired.messages.en).toBe('The request failed (401).');
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it('asks for a queue’s deadline range and the merge with the lead’s contract', async () => {
    const fetch = stubFetch(200, { items: [] });
    const api = createApi('tok', () => 'ar');
    await api.queue('t3#roads', 'at_risk');
    await api.merge('260000027', { into: '260000019', reason: 'same pothole' });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      '/v1/cases?queue=t3%23roads&limit=100&due=at_risk',
      '/v1/cases/260000027/merge',
    ]);
    expect(JSON.parse(String(fetch.mock.calls[1]?.[1].body))).toEqual({
      into: '260000019',
      reason: 'same pothole',
    });
  });
});
