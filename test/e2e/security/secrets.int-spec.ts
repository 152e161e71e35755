import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import request from 'supertest';
import { signJwt } from '../../../apps/gateway/src/modules/auth/jwt';
import { APPS, SpawnedService } from './spawned-service';

const root = resolve(__dirname, '../../..');
// The development values this repository published before issue 9 (spelled out on purpose).
const OLD_JWT_SECRET = 'dev-jwt-secret-change-me-please';
const OLD_INTERNAL_SECRET = 'dev-internal-secret-change-me';
/** What a generated secret looks like: 32 random bytes, base64url. */
const GENERATED = /^[\w-]{43}$/;

/** Findings #1 and #7 of issue 9: no known secrets anywhere. */
describe('security: secrets', () => {
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    const { AppModule } = await import('../../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0, '127.0.0.1');
    http = request(gateway.getHttpServer());
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('#1 refuses a token forged with the old development key, for a made-up or a real user', async () => {
    const now = Math.floor(Date.now() / 1000);
    const admin = await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: process.env.ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
    const real = JSON.parse(
      Buffer.from(String(admin.body.accessToken).split('.')[1], 'base64url').toString(),
    ) as Record<string, unknown>;
    const forged = [
      { sub: randomUUID(), username: 'nobody', role: 'platform_admin', tenantId: null },
      { ...real, exp: now + 10 * 365 * 86400 },
    ].map((claims) =>
      signJwt({ ...claims, sub: String(claims.sub), iat: now, exp: now + 3600 }, OLD_JWT_SECRET),
    );
    for (const token of forged) {
      expect((await http.get('/api/v1/tenants').auth(token, { type: 'bearer' })).status).toBe(401);
      expect((await http.get('/api/v1/calls').auth(token, { type: 'bearer' })).status).toBe(401);
    }
  });

  it('#8 has no admin/admin', async () => {
    const res = await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'admin' });
    expect(res.status).toBe(401);
  });

  it.each(APPS)(
    '#7 %s refuses to start on the published development secrets with NODE_ENV unset',
    async (app) => {
      const run = new SpawnedService(app, {
        INTERNAL_SECRET: OLD_INTERNAL_SECRET,
        JWT_SECRET: OLD_JWT_SECRET,
      });
      expect(await run.exitWithin(60_000)).toBe(1);
      expect(run.output).toMatch(
        /INTERNAL_SECRET: it is not set \(or is the published development default\)/,
      );
    },
  );

  it('#7 a service refuses missing and weak secrets too, in production or not', async () => {
    const runs = [
      {},
      { NODE_ENV: 'production', INTERNAL_SECRET: 'admin1' },
      { NODE_ENV: 'development', INTERNAL_SECRET: 'x'.repeat(40) },
    ].map((env) => new SpawnedService('ingestion', env));
    expect(await Promise.all(runs.map((r) => r.exitWithin(60_000)))).toEqual([1, 1, 1]);
    expect(runs.map((r) => /INTERNAL_SECRET: /.test(r.output))).toEqual([true, true, true]);
  });

  it.each(['ingestion', 'scoring', 'complaints'] as const)(
    '#9 %s refuses to start without a valid PII_KEY (the key that encrypts customer numbers)',
    async (app) => {
      const runs = [undefined, 'change-me'].map(
        (key) =>
          new SpawnedService(app, { INTERNAL_SECRET: process.env.INTERNAL_SECRET, PII_KEY: key }),
      );
      expect(await Promise.all(runs.map((r) => r.exitWithin(60_000)))).toEqual([1, 1]);
      for (const run of runs)
        expect(run.output).toMatch(/PII_KEY: PII_KEY must be 32 random bytes/);
    },
  );

  it('#7 the start command generates strong secrets once, readable by the owner only, and reuses them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qa-secrets-'));
    try {
      const run = () =>
        promisify(execFile)('bash', [join(root, 'scripts/secrets.sh')], {
          env: { PATH: process.env.PATH, HOME: process.env.HOME, QA_RUN_DIR: dir },
        });
      const file = (await run()).stdout.trim();
      expect(file).toBe(join(dir, 'secrets.env'));
      const first = await readFile(file, 'utf8');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const values = Object.fromEntries(
        first
          .split('\n')
          .filter((l) => /^[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(values.JWT_SECRET).toMatch(GENERATED);
      expect(values.INTERNAL_SECRET).toMatch(GENERATED);
      expect(values.JWT_SECRET).not.toBe(values.INTERNAL_SECRET);
      expect(values.ADMIN_PASSWORD).toMatch(/^[\w-]{24}$/);
      await run();
      expect(await readFile(file, 'utf8')).toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('#7 docker-compose.yml has no default secrets, forces no NODE_ENV and publishes no data store', async () => {
    const compose = await readFile(join(root, 'docker-compose.yml'), 'utf8');
    expect(compose).not.toMatch(/NODE_ENV:\s*\$\{NODE_ENV:-development\}|NODE_ENV:\s*development/);
    expect(compose).not.toMatch(/(SECRET|PASSWORD):\s*\$\{\w+:-[^}]/);
    expect(compose).not.toMatch(/POSTGRES_PASSWORD:\s*postgres\b/);
    const published = [...compose.matchAll(/ports:\s*\[([^\]]*)\]/g)].map((m) => m[1]);
    expect(published).toEqual([`'\${GATEWAY_BIND:-127.0.0.1}:3000:3000'`]);
    // ingestion, scoring and complaints refuse to start without the key, which has no default.
    expect(compose).toMatch(/&pii-key \$\{PII_KEY:\?/);
    for (const app of ['ingestion', 'scoring', 'complaints']) {
      const service = compose.slice(compose.indexOf(`\n  ${app}:`)).split('\n\n')[0];
      expect({ app, pii: /PII_KEY: \*pii-key/.test(service) }).toEqual({ app, pii: true });
    }
    expect(compose.match(/PII_KEY: \*pii-key/g)).toHaveLength(3);
  });
});
