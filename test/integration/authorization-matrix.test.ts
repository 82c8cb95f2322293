import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ROLES, SIGNED_ROUTES } from '../../functions/core/auth/policy.ts';
import { signWebhook } from '../../functions/shared/webhook-signature.ts';
import { ROUTES, routeKey } from '../../lib/function-catalog.ts';
import { DEMO_USERS } from '../../local/local-auth.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
let reference = '';
const { post, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
  await post('/_local/sms', { from: '+96894000001', text: 'حفرة كبيرة في الطريق قرب دوار البرج' });
  reference = await eventually(async () => {
    const ref = referenceIn((await outbox()).find((e) => e.to === '+96894000001')?.text);
    expect(ref).toBeDefined();
    return ref as string;
  });
});
afterAll(() => stack.stop());

/** A request each route understands, so the matrix tests authorization, not validation. */
const BODIES: Record<string, unknown> = {
  note: { text: 'ملاحظة داخلية' },
  escalate: { reason: 'سبب التصعيد' },
  deescalate: { reason: 'سبب الإرجاع' },
  resolve: { answer: 'تمت المعالجة' },
  reopen: { reason: 'سبب إعادة الفتح' },
  recategorize: { categoryCode: 'road_damage', reason: 'تصنيف أدق' },
  reply: { text: 'هل يمكنكم تحديد الموقع بدقة؟' },
};

function call(route: (typeof ROUTES)[number], headers: Record<string, string>) {
  const path = route.path.replace('{reference}', reference);
  const query = route.path === '/v1/cases' ? '?queue=t1' : '';
  if (route.method === 'GET') return fetch(`${stack.url}${path}${query}`, { headers });
  if (route.method === 'DELETE') return fetch(`${stack.url}${path}`, { method: 'DELETE', headers });
  const action = path.split('/').at(-1) ?? '';
  return post(path, BODIES[action] ?? {}, headers);
}

const agentRoutes = ROUTES.filter((r) => r.auth === 'agent');
const roles = [...new Set(DEMO_USERS.map((u) => u.roles[0]))];

describe('authorization matrix: every agent route × every role', () => {
  it.each(agentRoutes.map((r) => [routeKey(r), r] as const))(
    '%s refuses a caller without a token',
    async (_key, route) => {
      expect((await call(route, {})).status).toBe(401);
    },
  );

  it.each(agentRoutes.flatMap((r) => roles.map((role) => [routeKey(r), role, r] as const)))(
    '%s as %s: the route rule decides, never a crash',
    async (key, role, route) => {
      const user = DEMO_USERS.find(
        (u) => u.roles[0] === role && (role !== 'dept_staff' || u.departments[0] === 'roads'),
      );
      const res = await call(route, await as(user?.username ?? ''));
      const allowed = (ROUTE_ROLES[key] ?? []).includes(role as never);
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
      if (!allowed) expect(res.status).toBe(403);
    },
  );
});

const signedRoutes = ROUTES.filter((r) => r.auth === 'signed');

describe('authorization matrix: every signed (partner) route', () => {
  const body = JSON.stringify({ messageId: 'matrix-1', from: '+96894000009', to: '90888', text: 'HELP' });
  const send = (route: (typeof ROUTES)[number], headers: Record<string, string>) =>
    fetch(`${stack.url}${route.path}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it.each(signedRoutes.map((r) => [routeKey(r), r] as const))(
    '%s has a signer and refuses unsigned, wrongly signed and staff-token requests',
    async (key, route) => {
      expect(SIGNED_ROUTES[key]).toBeDefined();
      const timestamp = String(Math.floor(Date.now() / 1000));
      expect((await send(route, {})).status).toBe(401);
      const wrong = {
        'x-nidaa-timestamp': timestamp,
        'x-nidaa-signature': signWebhook('x', timestamp, body),
      };
      expect((await send(route, wrong)).status).toBe(401);
      for (const role of roles) {
        const user = DEMO_USERS.find((u) => u.roles[0] === role);
        expect((await send(route, await as(user?.username ?? ''))).status).toBe(401);
      }
    },
  );
});
