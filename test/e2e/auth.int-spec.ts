import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, EventHeader, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { sampleTenant, TopicRecorder, waitFor } from '@qa/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JwtClaims, signJwt } from '../../apps/gateway/src/modules/auth/jwt';
import { demoPassword } from '../../apps/gateway/src/modules/seed/demo-seed.service';

/** Accounts, sessions and tenants on the real gateway, Postgres and Kafka. */
describe('gateway accounts and sessions', () => {
  const tenant = `au-${randomUUID().slice(0, 8)}`;
  const other = `av-${randomUUID().slice(0, 8)}`;
  const password = 'Session-pass-2026!';
  let app: INestApplication;
  let db: DataSource;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;
  let platformAdmin: string;

  const login = (username: string, pass = password) =>
    http.post('/api/v1/auth/login').send({ username, password: pass });
  const refresh = (refreshToken: string) =>
    http.post('/api/v1/auth/refresh').send({ refreshToken });
  const newUser = async (role: string, tenantId = tenant) => {
    const username = `${tenantId}-${role}-${randomUUID().slice(0, 6)}`;
    await http
      .post('/api/v1/users')
      .auth(platformAdmin, { type: 'bearer' })
      // An agent is linked to the agent id their calls carry.
      .send({ username, password, role, tenantId, ...(role === 'agent' && { agentId: username }) })
      .expect(201);
    return username;
  };

  beforeAll(async () => {
    // As behind a TLS proxy on this host: the tests speak for several client addresses.
    process.env.TRUST_PROXY = 'loopback';
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    app = await createService(AppModule, gatewayServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    http = request(app.getHttpServer());
    recorder = new TopicRecorder(
      createKafka('gateway-test', process.env.KAFKA_BROKERS!.split(',')),
      [Topics.TenantUpserted],
    );
    await recorder.start();
    platformAdmin = (await login('admin', process.env.ADMIN_PASSWORD ?? 'admin')).body.accessToken;
    for (const t of [tenant, other])
      await http
        .post('/api/v1/tenants')
        .auth(platformAdmin, { type: 'bearer' })
        .send(sampleTenant(t))
        .expect(201);
  });

  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    await recorder?.stop();
    await app?.close();
  });

  describe('tenants', () => {
    it('publishes qa.tenant.upserted.v1 keyed by tenant id on every create or update', async () => {
      const id = `at-${randomUUID().slice(0, 8)}`;
      const created = await http
        .post('/api/v1/tenants')
        .auth(platformAdmin, { type: 'bearer' })
        .send(sampleTenant(id));
      expect(created.status).toBe(201);
      expect(created.body).toEqual(sampleTenant(id));
      await http
        .post('/api/v1/tenants')
        .auth(platformAdmin, { type: 'bearer' })
        .send({ ...sampleTenant(id), secondsPerRing: 5 })
        .expect(201);
      const events = await waitFor('two tenant events', () => {
        const m = recorder.withKey(Topics.TenantUpserted, id);
        return m.length >= 2 && m;
      });
      const payloads = events.map((e) => Codecs[Topics.TenantUpserted].decode(e.message.value!));
      expect(payloads.map((p) => p.secondsPerRing)).toEqual([3, 5]);
      expect(payloads[0]).toMatchObject({ tenantId: id, companyName: '示例公司' });
      expect(events[0].message.headers?.[EventHeader.TenantId]?.toString()).toBe(id);
    });

    it('lists every bad field of a tenant in a problem+json 400', async () => {
      const res = await http
        .post('/api/v1/tenants')
        .auth(platformAdmin, { type: 'bearer' })
        .send({ tenantId: 'Bad Id', name: '', secondsPerRing: 0, timezone: '', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'tenantId',
          'name',
          'companyName',
          'secondsPerRing',
          'timezone',
          'extra',
        ]),
      );
    });
  });

  describe('users', () => {
    it('stores a scrypt hash, never the password, and never returns it', async () => {
      const username = `${tenant}-hash`;
      const res = await http.post('/api/v1/users').auth(platformAdmin, { type: 'bearer' }).send({
        username,
        password,
        role: 'agent',
        tenantId: tenant,
        agentId: 'a-9',
        teamId: 't-9',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username,
        role: 'agent',
        tenantId: tenant,
        agentId: 'a-9',
        teamId: 't-9',
        disabled: false,
        version: 1,
      });
      const [row] = (await db.query('SELECT password_hash FROM gateway.users WHERE username = $1', [
        username,
      ])) as { password_hash: string }[];
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(password);
    });

    it('refuses weak passwords, taken names, platform admins, unknown tenants and non-admins', async () => {
      const post = (token: string, body: Record<string, unknown>) =>
        http.post('/api/v1/users').auth(token, { type: 'bearer' }).send(body);
      const base = {
        username: `${tenant}-u-${randomUUID().slice(0, 6)}`,
        role: 'qa',
        tenantId: tenant,
      };
      const weak = await post(platformAdmin, { ...base, password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'password' })]),
      );
      await post(platformAdmin, { ...base, password }).expect(201);
      expect((await post(platformAdmin, { ...base, password })).status).toBe(409);
      const root = await post(platformAdmin, {
        ...base,
        username: `${base.username}-r`,
        password,
        role: 'platform_admin',
      });
      expect(root.status).toBe(400);
      const nowhere = await post(platformAdmin, {
        ...base,
        username: `${base.username}-n`,
        password,
        tenantId: 'no-such-tenant',
      });
      expect(nowhere.status).toBe(404);
      const qa = (await login(base.username)).body.accessToken as string;
      expect((await post(qa, { ...base, username: `${base.username}-q`, password })).status).toBe(
        403,
      );
      const adminOfOther = (await login(await newUser('admin', other))).body.accessToken as string;
      const sneaky = await post(adminOfOther, {
        ...base,
        username: `${base.username}-s`,
        password,
      });
      expect(sneaky.status).toBe(404);
    });
  });

  describe('listing', () => {
    it("lists a tenant admin's own users whatever tenant is asked for, and tenants to the platform admin only", async () => {
      const mine = await newUser('qa');
      const theirs = await newUser('qa', other);
      const admin = (await login(await newUser('admin'))).body.accessToken as string;
      const own = await http
        .get('/api/v1/users')
        .query({ tenantId: other })
        .auth(admin, { type: 'bearer' });
      expect(own.status).toBe(200);
      const names = (own.body as { username: string; tenantId: string }[]).map((u) => u.username);
      expect(names).toContain(mine);
      expect(names).not.toContain(theirs);
      expect(JSON.stringify(own.body)).not.toMatch(/password|scrypt/);
      const byPlatform = await http
        .get('/api/v1/users')
        .query({ tenantId: other })
        .auth(platformAdmin, { type: 'bearer' });
      expect((byPlatform.body as { username: string }[]).map((u) => u.username)).toContain(theirs);
      expect((await http.get('/api/v1/tenants').auth(admin, { type: 'bearer' })).status).toBe(403);
      const tenants = await http.get('/api/v1/tenants').auth(platformAdmin, { type: 'bearer' });
      expect((tenants.body as { tenantId: string }[]).map((t) => t.tenantId)).toEqual(
        expect.arrayContaining([tenant, other]),
      );
      const qa = (await login(mine)).body.accessToken as string;
      expect((await http.get('/api/v1/users').auth(qa, { type: 'bearer' })).status).toBe(403);
    });
  });

  describe('sessions', () => {
    it('tells who is logged in from the access token', async () => {
      const username = await newUser('lead');
      const token = (await login(username)).body.accessToken as string;
      const me = await http.get('/api/v1/auth/me').auth(token, { type: 'bearer' });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        userId: expect.any(String),
        username,
        role: 'lead',
        tenantId: tenant,
        timezone: 'Asia/Shanghai',
      });
    });

    it('refuses expired, foreign-signed, alg:none and malformed access tokens', async () => {
      const now = Math.floor(Date.now() / 1000);
      // A real, live user's claims: only the expiry (or the signature) is wrong.
      const live = (await login(await newUser('admin'))).body.accessToken as string;
      const claims = JSON.parse(
        Buffer.from(live.split('.')[1], 'base64url').toString(),
      ) as JwtClaims;
      expect((await http.get('/api/v1/auth/me').auth(live, { type: 'bearer' })).status).toBe(200);
      const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const bad = [
        signJwt({ ...claims, iat: now - 3600, exp: now - 1 }, process.env.JWT_SECRET!),
        signJwt({ ...claims, iat: now, exp: now + 600 }, 'someone-elses-secret-value'),
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 600 })}.`,
        'garbage',
      ];
      for (const token of bad) {
        const res = await http.get('/api/v1/auth/me').auth(token, { type: 'bearer' });
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    });

    it('lets exactly one of several concurrent refreshes with the same token win', async () => {
      const pair = (await login(await newUser('qa'))).body;
      const results = await Promise.all(
        Array.from({ length: 6 }, () => refresh(pair.refreshToken)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
      // The losers were a client racing itself: the winner's session goes on.
      const winner = results.find((r) => r.status === 200)!.body;
      expect((await refresh(winner.refreshToken)).status).toBe(200);
    });

    it('revokes every session of the user when a long-spent refresh token is presented again', async () => {
      const first = (await login(await newUser('ops'))).body;
      const second = (await refresh(first.refreshToken)).body;
      expect(typeof second.refreshToken).toBe('string');
      // Right after rotation a second use is a client racing itself: refused, nothing else.
      expect((await refresh(first.refreshToken)).status).toBe(401);
      const third = (await refresh(second.refreshToken)).body;
      expect(typeof third.refreshToken).toBe('string');
      // Later it is a stolen copy: refused, and every session of the user ends with it.
      await db.query(
        `UPDATE gateway.refresh_tokens SET revoked_at = now() - interval '1 minute' WHERE id = $1`,
        [String(first.refreshToken).split('.')[0]],
      );
      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect((await refresh(third.refreshToken)).status).toBe(401);
    });

    it('logs out a refresh token and refuses malformed ones', async () => {
      const pair = (await login(await newUser('agent'))).body;
      await http.post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
      expect((await refresh(pair.refreshToken)).status).toBe(401);
      await http
        .post('/api/v1/auth/logout')
        .send({ refreshToken: 'not-a-refresh-token' })
        .expect(204);
      expect((await refresh(`${randomUUID()}.abc.def`)).status).toBe(401);
      expect((await http.post('/api/v1/auth/refresh').send({})).status).toBe(400);
    });
  });

  describe('login backoff and rate limiting', () => {
    const from =
      (address: string) =>
      (username: string, pass = password) =>
        http
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', address)
          .send({ username, password: pass });

    it('makes a username wait after 5 failures, whether or not it exists, and only briefly', async () => {
      const real = await newUser('qa');
      const ghost = `ghost-${randomUUID().slice(0, 8)}`;
      for (const [i, username] of [real, ghost].entries()) {
        const attempt = from(`198.51.100.${i + 1}`);
        for (let n = 0; n < 6; n++)
          expect((await attempt(username, 'wrong-password')).status).toBe(401);
        const waiting = await attempt(username);
        expect(waiting.status).toBe(429);
        expect(waiting.headers['retry-after']).toBe('1');
        expect(waiting.body).toMatchObject({ code: 'AUTH_RATE_LIMITED', retryAfterSeconds: 1 });
      }
      await new Promise((r) => setTimeout(r, 1100));
      expect((await from('198.51.100.9')(real)).status).toBe(200);
    });

    it('refuses a refresh while the account waits, and lets it through after', async () => {
      const username = await newUser('lead');
      const session = (await login(username)).body;
      const attacker = from('198.51.100.20');
      for (let n = 0; n < 6; n++) await attacker(username, 'wrong-password');
      const refused = await refresh(session.refreshToken);
      expect(refused.status).toBe(429);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });

    it('limits the failures of one client address across usernames to 20 in 5 minutes', async () => {
      const sprayer = from('203.0.113.66');
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++)
        statuses.push((await sprayer(`spray-${i}-${randomUUID().slice(0, 6)}`, 'x')).status);
      expect(statuses).toEqual([...Array(20).fill(401), 429]);
      const limited = await sprayer(`${randomUUID()}`, 'x');
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      // Another address is not affected.
      expect((await from('203.0.113.67')(`nobody-${randomUUID().slice(0, 6)}`, 'x')).status).toBe(
        401,
      );
    });
  });

  describe('demo seed', () => {
    it('creates the demo tenant with one user per role, and does it again harmlessly', async () => {
      for (const role of ['admin', 'qa', 'lead', 'ops', 'agent'] as const) {
        const res = await login(`demo-${role}`, demoPassword(role));
        expect(res.status).toBe(200);
      }
      const { AppModule } = await import('../../apps/gateway/src/app.module');
      const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
      const again = await createService(AppModule, gatewayServiceOptions);
      await again.init();
      await again.close();
      const [{ n }] = (await db.query(
        `SELECT count(*)::int AS n FROM gateway.users WHERE username LIKE 'demo-%' AND tenant_id = 'demo'`,
      )) as { n: number }[];
      expect(n).toBe(5);
    });
  });
});
