import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { seedTenant } from '@qa/testing';
import request from 'supertest';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/** Accounts and tenants the dashboard's forms could create that nobody could work with. */
describe('account validation', () => {
  const tenantId = `av-${randomUUID().slice(0, 8)}`;
  const password = 'Validated-pass-2026!';
  let scoring: INestApplication;
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: string;

  const fieldsOf = (body: { errors?: { path: string }[] }) =>
    (body.errors ?? []).map((e) => e.path);

  beforeAll(async () => {
    scoring = await createService(ScoringModule, scoringServiceOptions);
    await scoring.listen(0);
    process.env.SCORING_URL = `http://127.0.0.1:${(scoring.getHttpServer().address() as { port: number }).port}`;
    // Imported late: the gateway reads SCORING_URL while its module file is evaluated.
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0);
    http = request(gateway.getHttpServer());
    admin = (
      await http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: process.env.ADMIN_PASSWORD ?? 'admin' })
    ).body.accessToken as string;
    await seedTenant(http, admin, tenantId, { password, users: [] });
  });

  afterAll(async () => {
    await gateway?.close();
    await scoring?.close();
  });

  it('refuses an agent without an agent id, naming the field', async () => {
    for (const agentId of [undefined, '']) {
      const res = await http
        .post('/api/v1/users')
        .auth(admin, { type: 'bearer' })
        .send({
          username: `${tenantId}-agent-${agentId ?? 'none'}`,
          password,
          role: 'agent',
          tenantId,
          agentId,
        });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual(['agentId']);
    }
    // Other roles still need none.
    await http
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: `${tenantId}-qa`, password, role: 'qa', tenantId })
      .expect(201);
  });

  it('lists nothing (200, not 500) for an agent stored without an agent id', async () => {
    // Such users exist from before the check: made here the way the seed makes users.
    const { UsersService } = await import('../../apps/gateway/src/modules/users/users.service');
    const username = `${tenantId}-unlinked`;
    await gateway.get(UsersService).ensure({ username, password, role: 'agent', tenantId });
    const token = (await http.post('/api/v1/auth/login').send({ username, password })).body
      .accessToken as string;
    for (const path of ['/api/v1/evaluations', '/api/v1/disputes']) {
      const res = await http.get(path).auth(token, { type: 'bearer' });
      expect({ path, status: res.status, items: res.body.items }).toEqual({
        path,
        status: 200,
        items: [],
      });
    }
  });

  it('refuses a time zone the IANA database does not have, naming the field', async () => {
    const tenant = (timezone: string) =>
      http
        .post('/api/v1/tenants')
        .auth(admin, { type: 'bearer' })
        .send({
          tenantId: `${tenantId}-${randomUUID().slice(0, 4)}`,
          name: 'tz',
          companyName: '示例公司',
          secondsPerRing: 3,
          timezone,
        });
    for (const bad of ['Mars/Olympus', 'Asia/Nowhere', '+08:00']) {
      const res = await tenant(bad);
      expect({ bad, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        bad,
        status: 400,
        fields: ['timezone'],
      });
    }
    expect((await tenant('Europe/Berlin')).status).toBe(201);
  });

  it('documents these refusals in the OpenAPI document', async () => {
    const doc = (await http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const refusals = (path: string, method: string) =>
      Object.entries(doc.paths[path][method].responses)
        .filter(([, r]) => r.content && 'application/problem+json' in r.content)
        .map(([status]) => status);
    // 413 and 415: the body parser's, on every operation with a body.
    expect(refusals('/api/v1/users', 'post')).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
    ]);
    expect(refusals('/api/v1/tenants', 'post')).toEqual(['400', '401', '403', '413', '415']);
    expect(refusals('/api/v1/auth/login', 'post')).toEqual(['400', '401', '413', '415', '429']);
    expect(refusals('/api/v1/users/{id}', 'patch')).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
    ]);
  });
});
