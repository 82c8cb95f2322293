// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, enableWafIntegration } from './api.ts';

const ok = () => new Response(JSON.stringify({ reference: '260000014' }), { status: 201 });

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as unknown as { AwsWafIntegration?: unknown }).AwsWafIntegration;
});

describe('the portal behind the edge’s web ACL', () => {
  it('loads the ACL’s challenge script and sends creates and uploads through its fetch, reads as they are', async () => {
    const wafFetch = vi.fn(async () => ok());
    const appended: string[] = [];
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
      for (const node of nodes) {
        const script = node as HTMLScriptElement;
        appended.push(script.src);
        (window as unknown as { AwsWafIntegration: unknown }).AwsWafIntegration = { fetch: wafFetch };
        script.onload?.(new Event('load'));
      }
    });
    const plainFetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => ok());
    await enableWafIntegration('https://abc123.us-east-1.sdk.awswaf.com/abc123/def456');
    expect(appended).toEqual(['https://abc123.us-east-1.sdk.awswaf.com/abc123/def456/challenge.js']);

    await api.submit('ar', { text: 'حفرة', language: 'ar', contact: { phone: '+96891234567' } }, 'key-1');
    await api.upload('ar', 'image/jpeg', 1000);
    expect(wafFetch.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['/v1/requests', '/v1/uploads']);
    await api.categories('ar').catch(() => undefined);
    expect(plainFetch).toHaveBeenCalledWith('/v1/categories', expect.anything());
  });
});
