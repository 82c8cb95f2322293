import type { CaseSummary, FigureAnswer, FigureName } from '../../../functions/core/analytics/figures.ts';
import type { Staff } from '../../../functions/core/auth/roles.ts';
import type { Case, CaseEvent } from '../../../functions/core/case/case.ts';
import type { Catalogue } from '../../../functions/core/catalogue/types.ts';
import type { Alert, AlertKind, AlertPage, AlertStatus } from '../../../functions/core/insights/alert.ts';
import type { AgentAction } from '../../../functions/core/lifecycle/agent-actions.ts';
import type { QueueEntry } from '../../../functions/core/ports.ts';
import type { BusinessCalendar } from '../../../functions/core/sla/business-calendar.ts';
import type { SatisfactionSummary } from '../../../functions/core/stats/satisfaction.ts';
import type { Workload } from '../../../functions/core/stats/workload.ts';
import type { Bilingual, Lang } from './i18n.tsx';

/** A case as the agent API returns it (never the workflow's task token). */
export type StaffCase = Omit<Case, 'workflow'>;
export type CaseWithTimeline = { case: StaffCase; timeline: CaseEvent[] };
export type Me = {
  staff: Staff;
  queues: string[];
  calendar: BusinessCalendar;
  atRiskBusinessMinutes: number;
  referencePrefix: string;
  catalogue: Catalogue;
};
/** The merge route the lead adds: the case in the path (the duplicate) is closed into `into`. */
export type MergeRequest = { into: string; reason: string };

/** An RFC 9457 problem from the API, with both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: Bilingual,
  ) {
    super(messages.en);
  }
}

export type Api = ReturnType<typeof createApi>;

/**
 * GET /v1/stats, the parts the supervisor screen reads: the workload (`open.breached` is the SLA breaches
 * of today) and the post-call survey ratings.
 */
export type Stats = Workload & {
  satisfaction: { today: SatisfactionSummary; last7Days: SatisfactionSummary };
};

/** A question to the Analytics API: the period, filters and groupings, as query parameters. */
export type InsightsQuery = Record<string, string | number | undefined>;
/** GET /v1/insights/cases: the references behind a number and the summaries of one page of them. */
export type InsightsCases = {
  references: string[];
  more: boolean;
  offset: number;
  items: CaseSummary[];
};

const queryString = (q: InsightsQuery) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  ).toString();

/** GET /v1/insights/alerts: which alerts to list (a page of 20, newest first). */
export type AlertsQuery = { status?: AlertStatus; kind?: AlertKind; after?: string };

/**
 * The panel's only way to the system: the agent API, with the signed-in user's bearer token. Same origin
 * as the panel (local mode serves both; in AWS CloudFront puts /v1/* and /panel/* behind one domain).
 * A 401 (expired or revoked token) calls `onUnauthorized`, which signs the user out.
 */
export function createApi(token: string, lang: () => Lang, onUnauthorized: () => void = () => {}, base = '') {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': lang(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    // The token expired or was revoked (the JWT authorizer's 401): back to sign-in.
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      const messages = (data.messages as Bilingual | undefined) ?? {
        ar: `تعذر إتمام الطلب (${res.status}).`,
        en: `The request failed (${res.status}).`,
      };
      throw new ApiError(res.status, messages);
    }
    return data as T;
  }
  const caseAction = (reference: string, action: AgentAction) => {
    const { kind, ...body } = action;
    return call<StaffCase>('POST', `/v1/cases/${reference}/${kind}`, body);
  };
  return {
    me: () => call<Me>('GET', '/v1/me'),
    queue: (queue: string, due?: 'breached' | 'at_risk') =>
      call<{ items: QueueEntry[]; next?: string }>(
        'GET',
        `/v1/cases?queue=${encodeURIComponent(queue)}&limit=100${due ? `&due=${due}` : ''}`,
      ),
    byPhone: (phone: string) =>
      call<{ items: QueueEntry[] }>('GET', `/v1/cases?phone=${encodeURIComponent(phone)}`),
    getCase: (reference: string) =>
      call<CaseWithTimeline>('GET', `/v1/cases/${encodeURIComponent(reference)}`),
    act: caseAction,
    merge: (duplicate: string, request: MergeRequest) =>
      call<StaffCase>('POST', `/v1/cases/${encodeURIComponent(duplicate)}/merge`, request),
    createCase: (input: {
      channel: 'voice' | 'chat';
      contactId: string;
      phone: string;
      text: string;
      categoryCode?: string;
      language?: Lang;
    }) => call<{ case: StaffCase }>('POST', '/v1/cases', input),
    attachment: (reference: string, uploadId: string) =>
      call<{ url: string; contentType: string; size: number }>(
        'GET',
        `/v1/cases/${encodeURIComponent(reference)}/attachments/${encodeURIComponent(uploadId)}`,
      ),
    stats: () => call<Stats>('GET', '/v1/stats'),
    figure: (name: FigureName, q: InsightsQuery) =>
      call<FigureAnswer>('GET', `/v1/insights/figures/${name}?${queryString(q)}`),
    insightsCases: (q: InsightsQuery) => call<InsightsCases>('GET', `/v1/insights/cases?${queryString(q)}`),
    alerts: (q: AlertsQuery) =>
      call<AlertPage>('GET', `/v1/insights/alerts?${queryString({ limit: 20, ...q })}`),
    alert: (id: string) => call<Alert>('GET', `/v1/insights/alerts/${encodeURIComponent(id)}`),
    acknowledgeAlert: (id: string, note: string) =>
      call<Alert>('POST', `/v1/insights/alerts/${encodeURIComponent(id)}/acknowledge`, { note }),
  };
}
