import { authorizeRoute, staffFromClaims } from '#core/auth/policy.ts';
import type { Staff } from '#core/auth/roles.ts';
import type { HttpRequest, Route } from './http.ts';

/** Every staff route goes through the same check: who is calling, and may their role use this route. */
export const guarded =
  (route: (req: HttpRequest, staff: Staff) => ReturnType<Route>): Route =>
  async (req) => {
    const staff = staffFromClaims(req.claims);
    authorizeRoute(staff, req.routeKey);
    return route(req, staff);
  };
