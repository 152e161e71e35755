import type { Role } from '@qa/platform';
import type request from 'supertest';

/** The real gateway under supertest. */
export type GatewayHttp = ReturnType<typeof request>;

/** A user to seed: a role (username `<tenant>-<role>`) or a named one (`<tenant>-<name>`). */
export type SeedUser = Role | { name: string; role: Role };

export const TENANT_ROLES = ['admin', 'qa', 'lead', 'ops', 'agent'] as const;

/** The body of POST /api/v1/tenants the specs use: 示例公司, 3 s a ring, Shanghai time. */
export const sampleTenant = (tenantId: string) => ({
  tenantId,
  name: tenantId,
  companyName: '示例公司',
  secondsPerRing: 3,
  timezone: 'Asia/Shanghai',
});

export interface SeedOptions {
  password: string;
  /** Default: one user per tenant role. */
  users?: readonly SeedUser[];
  /** The agent id agents are linked to (the calls' agentId); default a-1. */
  agentId?: string;
}

/**
 * Users created through the gateway by the platform admin, each logged in: access token by name
 * (the role, for users given as a role).
 */
export async function seedUsers(
  http: GatewayHttp,
  adminToken: string,
  tenantId: string,
  { password, users = TENANT_ROLES, agentId = 'a-1' }: SeedOptions,
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const user of users) {
    const { name, role } = typeof user === 'string' ? { name: user, role: user } : user;
    const username = `${tenantId}-${name}`;
    await http
      .post('/api/v1/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ username, password, role, tenantId, agentId: role === 'agent' ? agentId : undefined })
      .expect(201);
    const login = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    tokens[name] = login.body.accessToken as string;
  }
  return tokens;
}

/** A tenant and its users (one per role unless `users` says otherwise), through the gateway. */
export async function seedTenant(
  http: GatewayHttp,
  adminToken: string,
  tenantId: string,
  options: SeedOptions,
): Promise<Record<string, string>> {
  await http
    .post('/api/v1/tenants')
    .auth(adminToken, { type: 'bearer' })
    .send(sampleTenant(tenantId))
    .expect(201);
  return seedUsers(http, adminToken, tenantId, options);
}
