import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { seedTenant } from '@qa/testing';
import request from 'supertest';

/** An admin edits, disables, resets and deletes users, and edits tenants; sessions follow. */
describe('user and tenant administration', () => {
  const tenantId = `ua-${randomUUID().slice(0, 8)}`;
  const otherTenant = `ub-${randomUUID().slice(0, 8)}`;
  const password = 'Admin-edits-2026!';
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;
  let platformAdmin: string;
  let tokens: Record<string, string>;
  let others: Record<string, string>;

  const fieldsOf = (body: { errors?: { path: string }[] }) => [
    ...new Set((body.errors ?? []).map((e) => e.path)),
  ];
  const login = (username: string, pass = password) =>
    http.post('/api/v1/auth/login').send({ username, password: pass });
  const me = (token: string) => http.get('/api/v1/auth/me').auth(token, { type: 'bearer' });
  const userId = async (token: string, username: string): Promise<string> => {
    const res = await http.get('/api/v1/users').auth(token, { type: 'bearer' }).expect(200);
    const users = res.body as { id: string; username: string }[];
    return users.find((u) => u.username === username)?.id as string;
  };
  const patch = (token: string, id: string, body: object) =>
    http.patch(`/api/v1/users/${id}`).auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0);
    http = request(gateway.getHttpServer());
    platformAdmin = (await login('admin', process.env.ADMIN_PASSWORD ?? 'admin')).body
      .accessToken as string;
    tokens = await seedTenant(http, platformAdmin, tenantId, {
      password,
      users: ['admin', 'qa', 'agent', { name: 'spare', role: 'qa' }, { name: 'gone', role: 'ops' }],
    });
    others = await seedTenant(http, platformAdmin, otherTenant, { password, users: ['admin'] });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('changes role, team and agent id; the old token stops, a new login carries the change', async () => {
    const id = await userId(tokens.admin, `${tenantId}-qa`);
    const res = await patch(tokens.admin, id, { role: 'agent', agentId: 'a-77', teamId: 't-9' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, role: 'agent', agentId: 'a-77', teamId: 't-9' });
    expect(res.body.disabled).toBe(false);
    expect((await me(tokens.qa)).status).toBe(401);
    const fresh = await login(`${tenantId}-qa`).expect(200);
    const who = await me(fresh.body.accessToken as string).expect(200);
    expect(who.body).toMatchObject({ role: 'agent', agentId: 'a-77', teamId: 't-9' });
    // null clears an id that the role does not need.
    const cleared = await patch(tokens.admin, id, { role: 'qa', agentId: null, teamId: null });
    expect(cleared.body).toMatchObject({ role: 'qa', agentId: null, teamId: null });
  });

  it('refuses bad edits with 400 naming the field, and writes nothing', async () => {
    const id = await userId(tokens.admin, `${tenantId}-agent`);
    const cases: [object, string][] = [
      [{ agentId: '' }, 'agentId'],
      [{ agentId: null }, 'agentId'],
      [{ role: 'platform_admin' }, 'role'],
      [{ role: 'boss' }, 'role'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ teamId: 42 }, 'teamId'],
      [{ username: 'renamed' }, 'username'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(tokens.admin, id, body);
      expect([res.status, fieldsOf(res.body)]).toEqual([400, [field]]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const adminId = await userId(tokens.admin, `${tenantId}-admin`);
    const self = await patch(tokens.admin, adminId, { disabled: true });
    expect([self.status, fieldsOf(self.body)]).toEqual([400, ['disabled']]);
    const demote = await patch(tokens.admin, adminId, { role: 'qa' });
    expect([demote.status, fieldsOf(demote.body)]).toEqual([400, ['role']]);
    expect((await me(tokens.agent)).status).toBe(200);
  });

  it('disables a user: no login, its tokens stop; enabling lets it log in again', async () => {
    const username = `${tenantId}-spare`;
    const session = (await login(username).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
    const id = await userId(tokens.admin, username);
    const res = await patch(tokens.admin, id, { disabled: true });
    expect([res.status, res.body.disabled]).toEqual([200, true]);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await login(username)).status).toBe(401);
    const refresh = await http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    const listed = await http.get('/api/v1/users').auth(tokens.admin, { type: 'bearer' });
    expect(listed.body.find((u: { id: string }) => u.id === id).disabled).toBe(true);
    await patch(tokens.admin, id, { disabled: false }).expect(200);
    expect((await login(username)).status).toBe(200);
  });

  it('resets a password: the old one and every session end, the new one works', async () => {
    const username = `${tenantId}-agent`;
    const id = await userId(tokens.admin, username);
    const weak = await http
      .post(`/api/v1/users/${id}/password`)
      .auth(tokens.admin, { type: 'bearer' })
      .send({ newPassword: 'password1234' });
    expect([weak.status, fieldsOf(weak.body)]).toEqual([400, ['newPassword']]);
    const missing = await http
      .post(`/api/v1/users/${id}/password`)
      .auth(tokens.admin, { type: 'bearer' })
      .send({});
    expect([missing.status, fieldsOf(missing.body)]).toEqual([400, ['newPassword']]);
    const next = 'Reset-by-admin-2026!';
    await http
      .post(`/api/v1/users/${id}/password`)
      .auth(tokens.admin, { type: 'bearer' })
      .send({ newPassword: next })
      .expect(204);
    expect((await me(tokens.agent)).status).toBe(401);
    expect((await login(username)).status).toBe(401);
    expect((await login(username, next)).status).toBe(200);
  });

  it('deletes a user: gone from the list, no login, tokens refused; not twice', async () => {
    const username = `${tenantId}-gone`;
    const id = await userId(tokens.admin, username);
    await http.delete(`/api/v1/users/${id}`).auth(tokens.admin, { type: 'bearer' }).expect(204);
    expect((await me(tokens.gone)).status).toBe(401);
    expect((await login(username)).status).toBe(401);
    expect(await userId(tokens.admin, username)).toBeUndefined();
    const again = await http.delete(`/api/v1/users/${id}`).auth(tokens.admin, { type: 'bearer' });
    expect(again.status).toBe(404);
    const self = await http
      .delete(`/api/v1/users/${await userId(tokens.admin, `${tenantId}-admin`)}`)
      .auth(tokens.admin, { type: 'bearer' });
    expect([self.status, fieldsOf(self.body)]).toEqual([400, ['id']]);
  });

  it('takes expectedVersion: the version read passes, a stale one is a 409 that writes nothing', async () => {
    const id = await userId(tokens.admin, `${tenantId}-spare`);
    const read = (await http.get('/api/v1/users').auth(tokens.admin, { type: 'bearer' })).body as {
      id: string;
      version: number;
      teamId: string | null;
    }[];
    const before = read.find((u) => u.id === id)!;
    expect(before.version).toBeGreaterThanOrEqual(1);
    // Two admins read the same version; the first edit wins, the second is told.
    const first = await patch(tokens.admin, id, {
      teamId: 't-first',
      expectedVersion: before.version,
    });
    expect([first.status, first.body.teamId, first.body.version]).toEqual([
      200,
      't-first',
      before.version + 1,
    ]);
    const second = await patch(tokens.admin, id, {
      teamId: 't-second',
      expectedVersion: before.version,
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'USER_STALE_VERSION',
      currentVersion: before.version + 1,
    });
    expect(fieldsOf(second.body)).toEqual(['expectedVersion']);
    const after = (await http.get('/api/v1/users').auth(tokens.admin, { type: 'bearer' })).body as {
      id: string;
      teamId: string | null;
    }[];
    expect(after.find((u) => u.id === id)?.teamId).toBe('t-first');
    expect((await patch(tokens.admin, id, { expectedVersion: 0 })).status).toBe(400);
  });

  it("answers 404 for another tenant's users and unknown ids, and 403 to non-admins", async () => {
    const foreign = await userId(others.admin, `${otherTenant}-admin`);
    expect((await patch(tokens.admin, foreign, { teamId: 't-1' })).status).toBe(404);
    expect(
      (await http.delete(`/api/v1/users/${foreign}`).auth(tokens.admin, { type: 'bearer' })).status,
    ).toBe(404);
    expect((await patch(tokens.admin, 'not-a-uuid', { teamId: 't-1' })).status).toBe(404);
    expect((await patch(tokens.admin, randomUUID(), { teamId: 't-1' })).status).toBe(404);
    const agentToken = (await login(`${tenantId}-agent`, 'Reset-by-admin-2026!')).body
      .accessToken as string;
    expect((await patch(agentToken, foreign, { teamId: 't-1' })).status).toBe(403);
    // The platform admin manages any tenant's users.
    await patch(platformAdmin, foreign, { teamId: 't-2' }).expect(200);
  });

  it('edits tenant settings: validated, 404 for an unknown tenant, listed after', async () => {
    const edit = (id: string, body: object, token = platformAdmin) =>
      http.patch(`/api/v1/tenants/${id}`).auth(token, { type: 'bearer' }).send(body);
    const bad = await edit(tenantId, { timezone: 'Mars/Olympus', secondsPerRing: 0 });
    expect([bad.status, fieldsOf(bad.body).sort()]).toEqual([400, ['secondsPerRing', 'timezone']]);
    expect((await edit(tenantId, { tenantId: 'x' })).status).toBe(400);
    expect((await edit(`zz-${randomUUID().slice(0, 8)}`, { name: 'n' })).status).toBe(404);
    expect((await edit(tenantId, { name: 'n' }, tokens.admin)).status).toBe(403);
    const ok = await edit(tenantId, { companyName: '新公司', timezone: 'Asia/Urumqi' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      tenantId,
      name: tenantId,
      companyName: '新公司',
      secondsPerRing: 3,
      timezone: 'Asia/Urumqi',
    });
    const list = await http.get('/api/v1/tenants').auth(platformAdmin, { type: 'bearer' });
    expect(list.body.find((t: { tenantId: string }) => t.tenantId === tenantId)).toEqual(ok.body);
  });
});
