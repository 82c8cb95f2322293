import { describe, expect, it } from 'vitest';
import { ROUTE_ROLES, SIGNED_ROUTES } from '#core/auth/policy.ts';
import { ROUTES, routeKey } from '../../../../lib/function-catalog.ts';

describe('every route has an authorization rule', () => {
  const agentRoutes = ROUTES.filter((r) => r.auth === 'agent').map(routeKey);
  const publicRoutes = ROUTES.filter((r) => r.auth === 'public').map(routeKey);
  const signedRoutes = ROUTES.filter((r) => r.auth === 'signed').map(routeKey);

  it.each(signedRoutes)('%s names the shared secret its requests are signed with', (key) => {
    expect(SIGNED_ROUTES[key]).toBeDefined();
    expect(ROUTE_ROLES[key]).toBeUndefined();
  });

  it('has no signer for a route that is not signed', () => {
    expect(Object.keys(SIGNED_ROUTES).filter((key) => !signedRoutes.includes(key))).toEqual([]);
  });

  it('knows every auth kind a route can have', () => {
    expect(ROUTES.filter((r) => !['agent', 'public', 'signed'].includes(r.auth))).toEqual([]);
  });

  it.each(agentRoutes)('%s has a role rule', (key) => {
    expect(ROUTE_ROLES[key]?.length ?? 0).toBeGreaterThan(0);
  });

  it('has no rule for a route that does not exist (a renamed route would leave its rule behind)', () => {
    expect(Object.keys(ROUTE_ROLES).filter((key) => !agentRoutes.includes(key))).toEqual([]);
  });

  it('keeps citizen routes rule-free: they need no account, and nothing on them is staff-only', () => {
    expect(publicRoutes.filter((key) => key in ROUTE_ROLES)).toEqual([]);
    const citizenPaths = [
      '/v1/categories',
      '/v1/procedures',
      '/v1/uploads',
      '/v1/requests',
      '/v1/nearby-requests',
      '/open311/',
    ];
    expect(publicRoutes.filter((key) => !citizenPaths.some((path) => key.includes(path)))).toEqual([]);
  });
});
