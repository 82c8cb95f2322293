import type { Procedure } from '../../../functions/core/knowledge/types.ts';
import type { TimelineStep } from '../../../functions/core/status/status-policy.ts';
import type { Bilingual, Lang } from './i18n.tsx';

/** An RFC 9457 problem from the API, with both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: Bilingual,
  ) {
    super(messages.en);
  }
}

/** The network itself failed (offline, DNS, a dropped connection): the request may be retried as is. */
export class OfflineError extends Error {}

export type CaseType = 'complaint' | 'suggestion' | 'inquiry' | 'report' | string;
export type Category = {
  code: string;
  name: Bilingual;
  type: CaseType;
  keywords?: { ar: string[]; en: string[] };
};
export type ProcedureSummary = Pick<
  Procedure,
  'code' | 'categoryCodes' | 'title' | 'summary' | 'fees' | 'expectedTime'
>;
export type ProcedureDetail = Omit<Procedure, 'reviewBy' | 'keywords'>;
export type NearbyRequest = {
  reference: string;
  category: Bilingual;
  status: string;
  statusLabel: Bilingual;
  distanceMetres: number;
  createdAt: string;
};

/** One public step of the request, as the status policy gives it to its citizen. */
export type TrackedStep = TimelineStep;

/**
 * The request as the tracking API shows it: the public view (no token), plus the citizen view with the
 * access token (answer, public steps, the department's photos, the reopen window).
 */
export type TrackedRequest = {
  reference: string;
  status: string;
  statusLabel?: Bilingual;
  category?: Bilingual;
  department?: Bilingual;
  createdAt: string;
  updatedAt?: string;
  answer?: string;
  resolvedAt?: string;
  mergedInto?: string;
  timeline?: TrackedStep[];
  photos?: { url: string; addedBy?: 'department' | 'citizen'; at?: string }[];
  reopenUntil?: string;
  canReopen?: boolean;
};

export type NewRequest = {
  text: string;
  categoryCode?: string;
  language: Lang;
  contact: { phone?: string; email?: string };
  replyChannel?: 'sms' | 'email' | 'voice';
  location?: { lat: number; lng: number; address?: string };
  attachments?: string[];
};

/** The AWS WAF JavaScript integration's fetch, which carries the web ACL's challenge token. */
type WafIntegration = { fetch: typeof fetch };
let wafFetch: typeof fetch | undefined;

/**
 * In AWS the edge's web ACL challenges every report and upload (docs/decisions/0092): the page loads the
 * ACL's integration script and sends those requests through it, with the token a solved challenge earns.
 * Locally there is no WAF and no URL, and requests go out as they are.
 */
export async function enableWafIntegration(url: string | undefined): Promise<void> {
  if (!url) return;
  await new Promise<void>((resolve) => {
    const script = document.createElement('script');
    script.src = new URL('challenge.js', url.endsWith('/') ? url : `${url}/`).toString();
    script.defer = true;
    // Without the script the request still goes out; the WAF then answers it with its challenge.
    script.onload = script.onerror = () => resolve();
    document.head.append(script);
  });
  const integration = (window as unknown as { AwsWafIntegration?: WafIntegration }).AwsWafIntegration;
  if (integration) wafFetch = (input, init) => integration.fetch(input, init);
}

/** The routes the web ACL challenges: creates and upload forms. */
const CHALLENGED = /^\/v1\/(requests|uploads)$/;

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  lang: Lang,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response;
  const send = method === 'POST' && CHALLENGED.test(path) && wafFetch ? wafFetch : fetch;
  try {
    res = await send(path, {
      method,
      headers: {
        'accept-language': lang,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    throw new OfflineError(String(error));
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const messages = (body.messages as Bilingual | undefined) ?? {
      ar: String(body.detail ?? body.title ?? res.statusText),
      en: String(body.detail ?? body.title ?? res.statusText),
    };
    throw new ApiError(res.status, messages);
  }
  return body as T;
}

const withToken = (token: string | undefined) => (token ? { 'x-access-token': token } : undefined);

export const api = {
  categories: (lang: Lang) => call<{ categories: Category[] }>('GET', '/v1/categories', lang),
  procedures: (lang: Lang, q = '', category = '') => {
    const params = new URLSearchParams({ ...(q ? { q } : {}), ...(category ? { category } : {}) });
    return call<{ procedures: ProcedureSummary[] }>('GET', `/v1/procedures?${params}`, lang);
  },
  procedure: (lang: Lang, code: string) =>
    call<ProcedureDetail>('GET', `/v1/procedures/${encodeURIComponent(code)}`, lang),
  nearby: (lang: Lang, categoryCode: string, at: { lat: number; lng: number }) =>
    call<{ requests: NearbyRequest[] }>(
      'GET',
      `/v1/nearby-requests?${new URLSearchParams({ category: categoryCode, lat: String(at.lat), lng: String(at.lng) })}`,
      lang,
    ),
  upload: (lang: Lang, contentType: string, size: number) =>
    call<{ uploadId: string; url: string; fields: Record<string, string> }>('POST', '/v1/uploads', lang, {
      body: { contentType, size },
    }),
  submit: (lang: Lang, request: NewRequest, idempotencyKey: string) =>
    call<{ reference?: string; status?: string }>('POST', '/v1/requests', lang, {
      body: request,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  track: (lang: Lang, reference: string, token?: string) => {
    const headers = withToken(token);
    return call<TrackedRequest>('GET', `/v1/requests/${encodeURIComponent(reference)}`, lang, {
      ...(headers ? { headers } : {}),
    });
  },
  addUpdate: (lang: Lang, reference: string, token: string, body: { text?: string; uploadIds?: string[] }) =>
    call<unknown>('POST', `/v1/requests/${encodeURIComponent(reference)}/updates`, lang, {
      body,
      headers: { 'x-access-token': token },
    }),
  reopen: (lang: Lang, reference: string, token: string, reason: string) =>
    call<unknown>('POST', `/v1/requests/${encodeURIComponent(reference)}/reopen`, lang, {
      body: { reason },
      headers: { 'x-access-token': token },
    }),
  rate: (lang: Lang, reference: string, token: string, rating: number) =>
    call<{ stored: boolean }>('POST', `/v1/requests/${encodeURIComponent(reference)}/rating`, lang, {
      body: { rating, channel: 'email' },
      headers: { 'x-access-token': token },
    }),
  requestCode: (lang: Lang, reference: string) =>
    call<unknown>('POST', `/v1/requests/${encodeURIComponent(reference)}/access-code`, lang, { body: {} }),
  redeemCode: (lang: Lang, reference: string, code: string) =>
    call<{ token: string }>('POST', `/v1/requests/${encodeURIComponent(reference)}/access`, lang, {
      body: { code },
    }),
};

/** Uploads one file with the presigned POST form from POST /v1/uploads; returns the upload id. */
export async function uploadFile(lang: Lang, file: Blob): Promise<string> {
  const form = await api.upload(lang, file.type, file.size);
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', file);
  let res: Response;
  try {
    res = await fetch(form.url, { method: 'POST', body: data });
  } catch (error) {
    throw new OfflineError(String(error));
  }
  if (!res.ok) {
    throw new ApiError(res.status, {
      ar: 'تعذر رفع الصورة. حاول مرة أخرى.',
      en: 'The photo could not be uploaded. Please try again.',
    });
  }
  return form.uploadId;
}

/** Stage settings written next to index.html (CDK in AWS; public/config.json locally). */
export type PortalConfig = {
  /** The municipality's display prefix of references (`MCT-…`), accepted when typed. */
  referencePrefix: string;
  map:
    | { kind: 'offline' }
    | {
        kind: 'amazon-location';
        region: string;
        apiKey: string;
        style: string;
        placeIndexBias?: [number, number];
      };
  chat?: { widgetScriptUrl: string; widgetId: string; snippetId: string };
  channels: { hotline: string; sms: string; email: string };
  /** The edge web ACL's JavaScript integration URL (AWS only). */
  wafIntegrationUrl?: string;
};

export const DEFAULT_CONFIG: PortalConfig = {
  referencePrefix: 'MCT',
  map: { kind: 'offline' },
  channels: { hotline: '1111', sms: '90000', email: 'info@nidaa.example.om' },
};

export async function loadConfig(): Promise<PortalConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-cache' });
    if (!res.ok) return DEFAULT_CONFIG;
    return { ...DEFAULT_CONFIG, ...((await res.json()) as Partial<PortalConfig>) };
  } catch {
    return DEFAULT_CONFIG;
  }
}
