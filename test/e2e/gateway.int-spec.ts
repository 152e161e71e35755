import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { sampleCall, seedTenant } from '@qa/testing';
import request from 'supertest';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';

/** The front door: login, roles, tenant isolation and forwarding to a real ingestion service. */
describe('gateway', () => {
  const tenantA = `ga-${randomUUID().slice(0, 8)}`;
  const tenantB = `gb-${randomUUID().slice(0, 8)}`;
  const password = 'Correct-horse-2026!';
  let ingestion: INestApplication;
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;
  let platformAdmin: string;

  const login = async (username: string, pass = password) =>
    http.post('/api/v1/auth/login').send({ username, password: pass });
  const token = async (username: string) => (await login(username)).body.accessToken as string;
  const call = (tenantId: string, callId = `c-${randomUUID()}`) =>
    sampleCall({
      callId,
      tenantId,
      customer: undefined,
      answeredAt: '2026-11-22T09:00:06+08:00',
      endedAt: '2026-11-22T09:02:00+08:00',
      segments: [
        { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司,很高兴为您服务' },
      ],
    });

  beforeAll(async () => {
    ingestion = await createService(IngestionModule, ingestionServiceOptions);
    await ingestion.listen(0);
    process.env.INGESTION_URL = `http://127.0.0.1:${(ingestion.getHttpServer().address() as { port: number }).port}`;
    // Imported late: the gateway reads INGESTION_URL while its module file is evaluated.
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0);
    http = request(gateway.getHttpServer());
    const res = await login('admin', process.env.ADMIN_PASSWORD ?? 'admin');
    platformAdmin = res.body.accessToken;
    for (const tenantId of [tenantA, tenantB])
      await seedTenant(http, platformAdmin, tenantId, {
        password,
        users: ['admin', 'qa', 'agent'],
      });
  });

  afterAll(async () => {
    await gateway?.close();
    await ingestion?.close();
  });

  it('logs in with a JWT pair and refuses a wrong password with problem+json', async () => {
    const ok = await login(`${tenantA}-qa`);
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken.split('.')).toHaveLength(3);
    expect(typeof ok.body.refreshToken).toBe('string');
    const bad = await login(`${tenantA}-qa`, 'wrong-password');
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('makes an account wait after repeated failures, answering as for an unknown one', async () => {
    for (const username of [`${tenantA}-agent`, `${tenantA}-nobody`]) {
      for (let i = 0; i < 6; i++) expect((await login(username, 'nope-nope')).status).toBe(401);
      const waiting = await login(username);
      expect(waiting.status).toBe(429);
      expect(waiting.headers['retry-after']).toBe('1');
    }
  });

  it('rotates refresh tokens: each works once', async () => {
    const first = (await login(`${tenantA}-admin`)).body;
    const again = await http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expect(again.status).toBe(200);
    const reused = await http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    await http
      .post('/api/v1/auth/logout')
      .send({ refreshToken: again.body.refreshToken })
      .expect(204);
    expect(
      (await http.post('/api/v1/auth/refresh').send({ refreshToken: again.body.refreshToken }))
        .status,
    ).toBe(401);
  });

  it('forwards a call to ingestion with the caller identity: 201, then 200 for the same body', async () => {
    const qa = await token(`${tenantA}-qa`);
    const body = call(tenantA);
    const first = await http.post('/api/v1/calls').auth(qa, { type: 'bearer' }).send(body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ callId: body.callId, status: 'accepted' });
    expect(first.headers['x-request-id']).toBeDefined();
    const second = await http.post('/api/v1/calls').auth(qa, { type: 'bearer' }).send(body);
    expect(second.status).toBe(200);
    const bad = await http
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .send({ ...body, direction: 'sideways' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'direction' })]),
    );
  });

  it('keeps tenants apart: another tenant id in the body is refused, their calls are 404', async () => {
    const qaA = await token(`${tenantA}-qa`);
    const qaB = await token(`${tenantB}-qa`);
    const refused = await http
      .post('/api/v1/calls')
      .auth(qaA, { type: 'bearer' })
      .send(call(tenantB));
    expect(refused.status).toBe(403);
    const ofB = call(tenantB);
    expect((await http.post('/api/v1/calls').auth(qaB, { type: 'bearer' }).send(ofB)).status).toBe(
      201,
    );
    expect(
      (await http.get(`/api/v1/calls/${ofB.callId}`).auth(qaB, { type: 'bearer' })).status,
    ).toBe(200);
    expect(
      (await http.get(`/api/v1/calls/${ofB.callId}`).auth(qaA, { type: 'bearer' })).status,
    ).toBe(404);
  });

  it('refuses missing tokens and ignores identity headers sent from outside', async () => {
    expect((await http.post('/api/v1/calls').send(call(tenantA))).status).toBe(401);
    const forged = await http
      .post('/api/v1/calls')
      .set(
        'x-qa-identity',
        Buffer.from(JSON.stringify({ userId: 'x', role: 'admin', tenantId: tenantA })).toString(
          'base64url',
        ),
      )
      .set('x-qa-identity-sig', 'forged')
      .send(call(tenantA));
    expect(forged.status).toBe(401);
  });

  it('lets only the platform admin create tenants, and tenant admins only their own users', async () => {
    const adminA = await token(`${tenantA}-admin`);
    const t = await http
      .post('/api/v1/tenants')
      .auth(adminA, { type: 'bearer' })
      .send({
        tenantId: `x-${tenantA}`,
        name: 'x',
        companyName: 'x',
        secondsPerRing: 3,
        timezone: 'Asia/Shanghai',
      });
    expect(t.status).toBe(403);
    const otherTenantUser = await http
      .post('/api/v1/users')
      .auth(adminA, { type: 'bearer' })
      .send({ username: `${tenantB}-sneaky`, password, role: 'qa', tenantId: tenantB });
    expect(otherTenantUser.status).toBe(404);
    const own = await http
      .post('/api/v1/users')
      .auth(adminA, { type: 'bearer' })
      .send({ username: `${tenantA}-lead`, password, role: 'lead', tenantId: tenantA });
    expect(own.status).toBe(201);
    expect(own.body).not.toHaveProperty('passwordHash');
  });

  it('serves OpenAPI, security headers and health with downstream status', async () => {
    const docs = await http.get('/docs-json');
    expect(docs.status).toBe(200);
    // The gateway's own routes and, merged in, the forwarded service's (generated from its code).
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/tenants',
        '/api/v1/users',
        '/api/v1/calls',
        '/api/v1/calls/batch',
        '/api/v1/calls/{callId}',
      ]),
    );
    const health = await http.get('/health');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.body.details?.ingestion?.status ?? health.body.info?.ingestion?.status).toBe(
      'up',
    );
    expect(health.body.details?.db?.status).toBe('up');
  });
});
