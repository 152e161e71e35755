import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { asIdentity, seedTenant } from '@qa/testing';
import request from 'supertest';
import { AppModule as IngestionModule } from '../../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../../apps/scoring/src/scoring.options';

const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Finding #8 of issue 9: bad input fails cleanly, and nothing says more than it must. */
describe('security: clean failures and headers', () => {
  const tenant = `sf-${randomUUID().slice(0, 8)}`;
  const password = 'Failure-pass-2026!';
  const apps: INestApplication[] = [];
  let ingestion: INestApplication;
  let scoring: INestApplication;
  let gw: ReturnType<typeof request>;
  let token: string;
  const qa = asIdentity({ tenantId: tenant, role: 'qa' });

  beforeAll(async () => {
    ingestion = await createService(IngestionModule, ingestionServiceOptions);
    await ingestion.listen(0, '127.0.0.1');
    scoring = await createService(ScoringModule, scoringServiceOptions);
    await scoring.listen(0, '127.0.0.1');
    apps.push(ingestion, scoring);
    const port = (app: INestApplication) =>
      (app.getHttpServer().address() as { port: number }).port;
    process.env.INGESTION_URL = `http://127.0.0.1:${port(ingestion)}`;
    process.env.SCORING_URL = `http://127.0.0.1:${port(scoring)}`;
    process.env.TRUST_PROXY = 'loopback';
    const { AppModule } = await import('../../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../../apps/gateway/src/gateway.options');
    const gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0, '127.0.0.1');
    apps.push(gateway);
    gw = request(gateway.getHttpServer());
    const login = async (username: string, pass: string) =>
      (await gw.post('/api/v1/auth/login').send({ username, password: pass })).body
        .accessToken as string;
    const admin = await login('admin', process.env.ADMIN_PASSWORD!);
    ({ qa: token } = await seedTenant(gw, admin, tenant, { password, users: ['qa'] }));
  });

  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    for (const app of apps.reverse()) await app.close();
  });

  const expectProblem = (res: request.Response, status: number) => {
    expect([res.status, res.headers['content-type']]).toEqual([
      status,
      expect.stringContaining('application/problem+json'),
    ]);
  };

  it('#8 answers JSON nested 20,000 deep with a 400, on the gateway and on every service', async () => {
    const body = `{"username":${deep(20_000)},"password":"x"}`;
    const json = (r: request.Test) => r.set('content-type', 'application/json').send(body);
    expectProblem(await json(gw.post('/api/v1/auth/login')), 400);
    expectProblem(await json(gw.post('/api/v1/users').auth(token, { type: 'bearer' })), 400);
    expectProblem(await json(gw.post('/api/v1/calls').auth(token, { type: 'bearer' })), 400);
    expectProblem(
      await json(request(ingestion.getHttpServer()).post('/api/v1/calls').use(qa)),
      400,
    );
    expectProblem(
      await json(request(ingestion.getHttpServer()).post('/api/v1/calls/batch').use(qa)),
      400,
    );
    expectProblem(
      await json(request(scoring.getHttpServer()).post('/api/v1/scorecards').use(qa)),
      400,
    );
    const ndjson = await request(ingestion.getHttpServer())
      .post('/api/v1/calls/batch')
      .use(qa)
      .set('content-type', 'application/x-ndjson')
      .send(`${deep(20_000)}\n`);
    expect(ndjson.status).toBeLessThan(500);
  });

  it.each([
    ['a date that does not exist', ['2026-02-31T00:00:00Z', 'c-1']],
    ['a NUL in the id', ['2026-01-01T00:00:00Z', 'c\u0000']],
    ['not JSON', 'zz'],
    ['the wrong shape', { a: 1 }],
  ])('#8 answers a calls cursor with %s with a 400 naming the parameter', async (_name, value) => {
    const cursor = typeof value === 'string' ? value : cursorOf(value);
    const res = await gw.get('/api/v1/calls').query({ cursor }).auth(token, { type: 'bearer' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it.each([
    ['an id that is not a UUID', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['a date that does not exist', ['2026-02-31T00:00:00Z', randomUUID()]],
    ['a number', 42],
    ['not JSON', 'zz'],
  ])(
    '#8 answers an evaluations cursor with %s with a 400 naming the parameter',
    async (_name, value) => {
      const cursor = typeof value === 'string' ? value : cursorOf(value);
      const res = await gw
        .get('/api/v1/evaluations')
        .query({ cursor })
        .auth(token, { type: 'bearer' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    },
  );

  it('#8 sends no x-powered-by: own routes, forwarded answers, errors, the services themselves', async () => {
    const responses = [
      await gw.get('/health'),
      await gw.post('/api/v1/auth/login').send({ username: 'x', password: 'y' }),
      await gw.get('/api/v1/calls').auth(token, { type: 'bearer' }),
      await gw.get('/api/v1/calls/none').auth(token, { type: 'bearer' }),
      await gw.get('/api/v1/evaluations').auth(token, { type: 'bearer' }),
      await gw.get('/docs-json'),
      await request(ingestion.getHttpServer()).get('/api/v1/calls').use(qa),
      await request(scoring.getHttpServer()).get('/api/v1/evaluations'),
    ];
    expect(responses.map((r) => r.headers['x-powered-by'])).toEqual(responses.map(() => undefined));
    expect(responses[2].status).toBe(200);
  });

  it('#8 sends HSTS only over TLS (as told by the trusted proxy), never over plain HTTP', async () => {
    const plain = [
      await gw.get('/health'),
      await gw.get('/api/v1/calls').auth(token, { type: 'bearer' }),
    ];
    expect(plain.map((r) => r.headers['strict-transport-security'])).toEqual([
      undefined,
      undefined,
    ]);
    const tls = await gw.get('/health').set('x-forwarded-proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    const forwardedTls = await gw
      .get('/api/v1/calls')
      .set('x-forwarded-proto', 'https')
      .auth(token, { type: 'bearer' });
    expect(forwardedTls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
