import type { Case } from '../case/case.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { queueOf } from '../lifecycle/tiers.ts';
import { isRole, type Role, type Staff } from './roles.ts';

/** Every agent route's rule, keyed by route. A route missing here is refused (and fails the test suite). */
const STAFF: readonly Role[] = ['agent_t1', 'agent_t2', 'dept_staff', 'supervisor', 'admin'];

export const ROUTE_ROLES: Record<string, readonly Role[]> = {
  'GET /v1/cases': STAFF,
  'GET /v1/cases/{reference}': STAFF,
  'GET /v1/me': STAFF,
  // The handler also checks the caller may see the case and that the file is on its timeline.
  'GET /v1/cases/{reference}/attachments/{uploadId}': STAFF,
  // The agent on a call or chat opens the case for the caller; department staff work cases, not calls.
  'POST /v1/cases': ['agent_t1', 'agent_t2', 'supervisor', 'admin'],
  // Workload across every department and tier: the people who balance it.
  'GET /v1/stats': ['supervisor', 'admin'],
  // Every staff role may attempt these; decideAction then checks the case's tier and department.
  'POST /v1/cases/{reference}/claim': STAFF,
  'POST /v1/cases/{reference}/note': STAFF,
  'POST /v1/cases/{reference}/reply': STAFF,
  'POST /v1/cases/{reference}/escalate': STAFF,
  'POST /v1/cases/{reference}/deescalate': STAFF,
  'POST /v1/cases/{reference}/resolve': STAFF,
  'POST /v1/cases/{reference}/reopen': STAFF,
  'POST /v1/cases/{reference}/recategorize': STAFF,
  'POST /v1/cases/{reference}/merge': STAFF,
  // App makers' Open311 API keys: issued, listed and revoked by administrators only.
  'POST /v1/admin/api-keys': ['admin'],
  'GET /v1/admin/api-keys': ['admin'],
  'DELETE /v1/admin/api-keys/{id}': ['admin'],
  // The Analytics screen: figures across every department, and the cases behind them.
  'GET /v1/insights/figures/{figure}': ['supervisor', 'admin'],
  'GET /v1/insights/cases': ['supervisor', 'admin'],
  // The anonymized open-data export for researchers: administrators decide what is released.
  'GET /v1/admin/open-data/cases': ['admin'],
  // Early-warning alerts: the people who act on service-quality gaps across departments.
  'GET /v1/insights/alerts': ['supervisor', 'admin'],
  'GET /v1/insights/alerts/{id}': ['supervisor', 'admin'],
  'POST /v1/insights/alerts/{id}/acknowledge': ['supervisor', 'admin'],
};

/**
 * Routes called by a partner system instead of a person: no JWT, but every request signed with the
 * shared secret named here (docs/decisions/0041). A `signed` route missing here is refused (and fails the
 * test suite).
 */
export type RouteSigner = 'sms_aggregator';
export const SIGNED_ROUTES: Record<string, RouteSigner> = {
  'POST /v1/sms/inbound': 'sms_aggregator',
};

/** Reads the caller from JWT claims: Cognito puts groups in `cognito:groups`, departments in a custom claim. */
export function staffFromClaims(claims: Record<string, unknown> | undefined): Staff {
  if (!claims) throw new UnauthorizedError({ ar: 'يلزم تسجيل الدخول.', en: 'Sign-in required.' });
  const rawGroups = claims['cognito:groups'];
  // API Gateway flattens array claims to "[a b]" strings; local tokens keep arrays.
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : String(rawGroups ?? '')
        .replace(/[[\]]/g, '')
        .split(/[\s,]+/);
  const departments = String(claims['custom:departments'] ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  return { username, roles: groups.filter(isRole), departments };
}

export function authorizeRoute(staff: Staff, routeKey: string): void {
  const allowed = ROUTE_ROLES[routeKey] ?? [];
  if (!staff.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError({ ar: 'لا تملك صلاحية لهذا الإجراء.', en: 'You are not allowed to do this.' });
  }
}

/** Department staff work only on their departments' cases; every other role sees all cases. */
export function canSeeCase(staff: Staff, c: Pick<Case, 'departmentCode'>): boolean {
  if (staff.roles.some((r) => r !== 'dept_staff')) return true;
  return staff.roles.includes('dept_staff') && staff.departments.includes(c.departmentCode);
}

/** The work queues a caller may list: tiers by role, tier 3 by department. */
export function allowedQueues(staff: Staff, allDepartments: readonly string[]): string[] {
  const queues = new Set<string>();
  const everything = staff.roles.includes('supervisor') || staff.roles.includes('admin');
  if (everything || staff.roles.includes('agent_t1') || staff.roles.includes('agent_t2')) queues.add('t1');
  if (everything || staff.roles.includes('agent_t2')) queues.add('t2');
  const departments = everything
    ? allDepartments
    : staff.roles.includes('dept_staff')
      ? staff.departments
      : [];
  for (const d of departments) queues.add(queueOf({ tier: 3, departmentCode: d }));
  return [...queues];
}
