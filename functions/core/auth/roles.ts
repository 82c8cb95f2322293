/** Staff roles, one Cognito group each. Citizens have no account and no role. */
export const ROLES = ['agent_t1', 'agent_t2', 'dept_staff', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling an agent route, as read from the JWT claims by the handler. */
export type Staff = { username: string; roles: Role[]; departments: string[] };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
