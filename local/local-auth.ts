import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../functions/core/auth/roles.ts';
import { DEPARTMENTS } from '../functions/core/catalogue/seed.ts';

/** Demo staff for local mode: one per role, and one department user per department. */
export type DemoUser = { username: string; roles: Role[]; departments: string[]; name: string };

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'agent1', roles: ['agent_t1'], departments: [], name: 'Tier-1 agent / موظف الخط الأول' },
  { username: 'agent2', roles: ['agent_t2'], departments: [], name: 'Tier-2 agent / موظف الخط الثاني' },
  { username: 'supervisor', roles: ['supervisor'], departments: [], name: 'Supervisor / مشرف' },
  { username: 'admin', roles: ['admin'], departments: [], name: 'Administrator / مدير النظام' },
  ...DEPARTMENTS.map((d) => ({
    username: `dept.${d.code}`,
    roles: ['dept_staff'] as Role[],
    departments: [d.code],
    name: `${d.name.en} / ${d.name.ar}`,
  })),
];

const ISSUER = 'nidaa-local';
const AUDIENCE = 'nidaa-case-panel';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs and verifies HS256 JWTs with the claims Cognito puts in its tokens (cognito:username,
 * cognito:groups, custom:departments), so agent routes see the same claims as behind the JWT authorizer.
 * The key is random per process: local tokens never work anywhere else.
 */
export class LocalIssuer {
  private readonly key = randomBytes(32);

  sign(user: DemoUser, now = new Date()): string {
    const iat = Math.floor(now.getTime() / 1000);
    const claims = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: user.username,
      'cognito:username': user.username,
      'cognito:groups': user.roles,
      'custom:departments': user.departments.join(','),
      iat,
      exp: iat + 12 * 3600,
    };
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${unsigned}.${this.signature(unsigned)}`;
  }

  /** The claims of a valid, unexpired token of this issuer; undefined otherwise. */
  verify(token: string, now = new Date()): Record<string, unknown> | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.iss !== ISSUER || claims.aud !== AUDIENCE) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now.getTime()) return undefined;
    return claims;
  }

  private signature(unsigned: string) {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}
