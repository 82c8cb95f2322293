import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedQueues,
  authorizeRoute,
  canSeeCase,
  ROUTE_ROLES,
  staffFromClaims,
} from '#core/auth/policy.ts';
import { ROLES, type Role, type Staff } from '#core/auth/roles.ts';
import { DEPARTMENTS } from '#core/catalogue/seed.ts';
import { ForbiddenError, UnauthorizedError } from '#core/errors.ts';

const staff = (roles: Role[], departments: string[] = []): Staff => ({ username: 'u', roles, departments });

describe('staffFromClaims', () => {
  it.each([
    ['an array of groups (local tokens)', ['agent_t1', 'supervisor'], ['agent_t1', 'supervisor']],
    ['API Gateway\'s flattened "[a b]" string', '[agent_t2 dept_staff]', ['agent_t2', 'dept_staff']],
    ['a flattened single group', '[admin]', ['admin']],
    ['a comma-separated string', 'agent_t1,dept_staff', ['agent_t1', 'dept_staff']],
    ['groups that are not roles', ['agent_t1', 'Everyone', 'us-east-1_pool_Google'], ['agent_t1']],
    ['a flattened string with unknown groups', '[hackers supervisor]', ['supervisor']],
    ['no groups claim', undefined, []],
    ['an empty flattened list', '[]', []],
  ])('reads roles from %s', (_label, groups, roles) => {
    // Act
    const result = staffFromClaims({
      'cognito:username': 'amal',
      ...(groups ? { 'cognito:groups': groups } : {}),
    });

    // Assess
    expect(result.roles).toEqual(roles);
  });

  it.each([
    ['roads,drainage', ['roads', 'drainage']],
    [' roads , drainage ,', ['roads', 'drainage']],
    ['roads', ['roads']],
    ['', []],
    [undefined, []],
  ])('reads custom:departments %j as %j', (departments, expected) => {
    // Act
    const result = staffFromClaims({
      'cognito:groups': ['dept_staff'],
      ...(departments === undefined ? {} : { 'custom:departments': departments }),
    });

    // Assess
    expect(result.departments).toEqual(expected);
  });

  it.each([
    [{ 'cognito:username': 'amal', username: 'x', sub: 'y' }, 'amal'],
    [{ username: 'salim', sub: 'y' }, 'salim'],
    [{ sub: 'a1b2-c3' }, 'a1b2-c3'],
  ])('takes the username from %o', (claims, username) => {
    expect(staffFromClaims(claims).username).toBe(username);
  });

  it('refuses a request without claims', () => {
    expect(() => staffFromClaims(undefined)).toThrow(UnauthorizedError);
  });
});

describe('authorizeRoute', () => {
  const TEST_ROUTE = 'POST /v1/test-only/escalate';
  beforeAll(() => {
    ROUTE_ROLES[TEST_ROUTE] = ['agent_t2', 'supervisor'];
  });
  afterAll(() => {
    delete ROUTE_ROLES[TEST_ROUTE];
  });

  it('allows exactly the roles listed for each route', () => {
    for (const [route, allowed] of Object.entries(ROUTE_ROLES)) {
      for (const role of ROLES) {
        // Act
        const attempt = () => authorizeRoute(staff([role]), route);

        // Assess
        if (allowed.includes(role)) expect(attempt, `${role} on ${route}`).not.toThrow();
        else expect(attempt, `${role} on ${route}`).toThrow(ForbiddenError);
      }
    }
  });

  it.each([
    [['agent_t1'], false],
    [['dept_staff'], false],
    [['agent_t1', 'dept_staff'], false],
    [['agent_t2'], true],
    [['agent_t1', 'supervisor'], true],
  ] as const)('lets %j on a route for agent_t2 and supervisor: %s', (roles, allowed) => {
    const attempt = () => authorizeRoute(staff([...roles]), TEST_ROUTE);
    if (allowed) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(ForbiddenError);
  });

  it('refuses staff without roles', () => {
    expect(() => authorizeRoute(staff([]), 'GET /v1/cases')).toThrow(ForbiddenError);
  });

  it.each(['DELETE /v1/cases/{reference}', 'GET /v1/admin', 'GET /v1/cases/', ''])(
    'refuses every role on the unknown route %j',
    (route) => {
      expect(() => authorizeRoute(staff([...ROLES]), route)).toThrow(ForbiddenError);
    },
  );

  it('answers in both languages', () => {
    try {
      authorizeRoute(staff([]), 'GET /v1/cases');
      expect.unreachable();
    } catch (error) {
      expect((error as ForbiddenError).messages).toEqual({
        ar: 'لا تملك صلاحية لهذا الإجراء.',
        en: 'You are not allowed to do this.',
      });
      expect((error as ForbiddenError).status).toBe(403);
    }
  });
});

describe('canSeeCase', () => {
  it.each([
    [['dept_staff'], ['roads'], 'roads', true],
    [['dept_staff'], ['roads'], 'drainage', false],
    [['dept_staff'], ['roads', 'drainage'], 'drainage', true],
    [['dept_staff'], [], 'roads', false],
    [['agent_t1'], [], 'drainage', true],
    [['agent_t2'], [], 'drainage', true],
    [['supervisor'], [], 'drainage', true],
    [['admin'], [], 'drainage', true],
    [['dept_staff', 'agent_t1'], ['roads'], 'drainage', true],
  ] as const)('%j of %j on a %s case: %s', (roles, departments, departmentCode, visible) => {
    expect(canSeeCase(staff([...roles], [...departments]), { departmentCode })).toBe(visible);
  });
});

describe('allowedQueues', () => {
  const ALL_DEPARTMENTS = DEPARTMENTS.map((d) => d.code);
  const everything = ['t1', 't2', ...ALL_DEPARTMENTS.map((d) => `t3#${d}`)];

  it.each([
    [['agent_t1'], [], ['t1']],
    [['agent_t2'], [], ['t1', 't2']],
    [['agent_t1', 'agent_t2'], [], ['t1', 't2']],
    [['dept_staff'], ['roads', 'drainage'], ['t3#roads', 't3#drainage']],
    [['dept_staff'], [], []],
    [['agent_t1'], ['roads'], ['t1']],
    [['agent_t2', 'dept_staff'], ['roads'], ['t1', 't2', 't3#roads']],
    [['supervisor'], [], everything],
    [['admin'], ['roads'], everything],
    [[], ['roads'], []],
  ] as const)('%j of %j may list %j', (roles, departments, queues) => {
    // Act
    const result = allowedQueues(staff([...roles], [...departments]), ALL_DEPARTMENTS);

    // Assess
    expect([...result].sort()).toEqual([...queues].sort());
  });
});
