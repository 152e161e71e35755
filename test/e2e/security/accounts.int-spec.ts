import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { seedTenant } from '@qa/testing';
import request from 'supertest';

/** Findings #6 and #8 (accounts) of issue 9. */
describe('security: accounts', () => {
  const tenant = `sa-${randomUUID().slice(0, 8)}`;
  const password = 'Account-pass-2026!';
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: string;

  /** A login from a given client address (the gateway trusts the local proxy's X-Forwarded-For). */
  const loginFrom = (address: string, username: string, pass = password) =>
    http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', address)
      .send({ username, password: pass });
  const newUser = async (role = 'qa', pass = password) => {
    const username = `${tenant}-${role}-${randomUUID().slice(0, 6)}`;
    const res = await http
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ username, password: pass, role, tenantId: tenant });
    expect(res.status).toBe(201);
    return username;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback';
    const { AppModule } = await import('../../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0, '127.0.0.1');
    http = request(gateway.getHttpServer());
    const res = await loginFrom('192.0.2.1', 'admin', process.env.ADMIN_PASSWORD);
    admin = res.body.accessToken;
    await seedTenant(http, admin, tenant, { password, users: [] });
  });

  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    await gateway?.close();
  });

  it('#6 answers failed logins the same for an existing and an unknown username, locked or not', async () => {
    const real = await newUser();
    const ghost = `${tenant}-ghost-${randomUUID().slice(0, 6)}`;
    const answers = async (username: string, address: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await loginFrom(address, username, 'Wrong-guess-2026!');
        seen.push(`${res.status} ${res.body.code ?? ''} ${res.body.detail}`);
      }
      return seen;
    };
    const forReal = await answers(real, '192.0.2.10');
    const forGhost = await answers(ghost, '192.0.2.11');
    expect(forReal).toEqual(forGhost);
    expect(forReal.filter((a) => a.startsWith('423'))).toEqual([]);
  });

  it('#6 does not let a stranger lock an account: the owner waits seconds, not 15 minutes', async () => {
    const username = await newUser();
    for (let i = 0; i < 6; i++)
      await loginFrom(`198.51.100.${i + 1}`, username, 'Wrong-guess-2026!');
    const waiting = await loginFrom('192.0.2.20', username);
    expect(waiting.status).toBe(429);
    const seconds = Number(waiting.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    await sleep(seconds * 1000 + 100);
    expect((await loginFrom('192.0.2.20', username)).status).toBe(200);
  });

  it('#6 limits one address spraying many usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (await loginFrom('203.0.113.99', `${tenant}-spray-${i}`, 'Spring2026!')).status,
      );
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
  });

  it('#6 refuses a refresh while the account is held back', async () => {
    const username = await newUser('lead');
    const session = (await loginFrom('192.0.2.30', username)).body;
    for (let i = 0; i < 6; i++)
      await loginFrom(`198.51.100.${40 + i}`, username, 'Wrong-guess-2026!');
    const refused = await http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken });
    expect(refused.status).toBe(429);
  });

  it('#8 refuses common, short and username-derived passwords', async () => {
    for (const pass of [
      'aaaaaaaaaa',
      'aaaaaaaaaaaa',
      'Password1234',
      'qwertyuiop123',
      'iloveyou2026',
    ]) {
      const res = await http
        .post('/api/v1/users')
        .auth(admin, { type: 'bearer' })
        .send({
          username: `${tenant}-weak-${randomUUID().slice(0, 6)}`,
          password: pass,
          role: 'qa',
          tenantId: tenant,
        });
      expect([pass, res.status]).toEqual([pass, 400]);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'password' })]),
      );
    }
    const username = `${tenant}-named-${randomUUID().slice(0, 6)}`;
    const derived = await http
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ username, password: `${username}-2026!`, role: 'qa', tenantId: tenant });
    expect(derived.status).toBe(400);
    expect(await newUser('qa', 'Contract-pass-2026!')).toContain(tenant);
  });

  it('#8 revokes access tokens on logout', async () => {
    const session = (await loginFrom('192.0.2.40', await newUser())).body;
    const me = () => http.get('/api/v1/auth/me').auth(session.accessToken, { type: 'bearer' });
    const calls = () => http.get('/api/v1/calls').auth(session.accessToken, { type: 'bearer' });
    expect((await me()).status).toBe(200);
    await http.post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    expect((await me()).status).toBe(401);
    expect((await calls()).status).toBe(401);
  });

  it('#8 revokes every session on a password change', async () => {
    const username = await newUser();
    const a = (await loginFrom('192.0.2.50', username)).body;
    const b = (await loginFrom('192.0.2.51', username)).body;
    const weak = await http
      .post('/api/v1/auth/password')
      .auth(a.accessToken, { type: 'bearer' })
      .send({ currentPassword: password, newPassword: 'password12345' });
    expect(weak.status).toBe(400);
    const changed = await http
      .post('/api/v1/auth/password')
      .auth(a.accessToken, { type: 'bearer' })
      .send({ currentPassword: password, newPassword: 'Another-pass-2027?' });
    expect(changed.status).toBe(204);
    for (const token of [a.accessToken, b.accessToken]) {
      expect((await http.get('/api/v1/auth/me').auth(token, { type: 'bearer' })).status).toBe(401);
    }
    expect(
      (await http.post('/api/v1/auth/refresh').send({ refreshToken: b.refreshToken })).status,
    ).toBe(401);
    expect((await loginFrom('192.0.2.52', username)).status).toBe(401);
    expect((await loginFrom('192.0.2.52', username, 'Another-pass-2027?')).status).toBe(200);
  });
});
