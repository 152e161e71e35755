import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { createService, ServiceOptions } from '@qa/platform';
import { sampleTenant, SeedUser, seedUsers, waitFor } from '@qa/testing';
import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
/** A desk in a Chinese contact centre: times read as they do there. */
export const PAGE = { viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai' };

/** A service the gateway forwards to: the env variable that tells the gateway where it listens. */
export type Downstream = readonly [urlEnv: string, module: Type<unknown>, opts: ServiceOptions];

export interface BrowserPlatform {
  base: string;
  http: ReturnType<typeof request>;
  adminToken: string;
}

/**
 * The dashboard's browser specs all need the same stage: Chromium and the built dashboard present,
 * the services listening, the real gateway in front of them and a fresh tenant.
 */
export async function startBrowserPlatform(
  services: readonly Downstream[],
  tenantId: string,
  /** Each app is pushed here as soon as it listens, so afterAll closes it even if a later one fails. */
  apps: INestApplication[],
): Promise<BrowserPlatform> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run bash scripts/setup.sh (installs the Debian chromium package)`,
    );
  if (!existsSync(join(__dirname, '..', '..', 'web', 'dist', 'index.html')))
    throw new Error('dashboard not built: npx vite build web');
  mkdirSync(SHOTS, { recursive: true });
  const port = (a: INestApplication) => (a.getHttpServer().address() as { port: number }).port;
  for (const [urlEnv, module, opts] of services) {
    const app = await createService(module, opts);
    await app.listen(0);
    apps.push(app);
    process.env[urlEnv] = `http://127.0.0.1:${port(app)}`;
  }
  const { AppModule } = await import('../../apps/gateway/src/app.module');
  const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
  const gateway = await createService(AppModule, gatewayServiceOptions);
  await gateway.listen(0, '127.0.0.1');
  apps.push(gateway);
  const http = request(gateway.getHttpServer());
  const adminToken = (
    await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: process.env.ADMIN_PASSWORD ?? 'admin' })
  ).body.accessToken as string;
  await http
    .post('/api/v1/tenants')
    .auth(adminToken, { type: 'bearer' })
    .send(sampleTenant(tenantId))
    .expect(201);
  return { base: `http://127.0.0.1:${port(gateway)}`, http, adminToken };
}

/** Headless Chromium as every browser spec runs it; a spec adds the flags its page needs. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', ...extraArgs],
  });
}

/** Users of the tenant (one per role given); agents are linked to a-1 (the calls' agent). */
export const addUsers = (
  { http, adminToken }: BrowserPlatform,
  tenantId: string,
  users: readonly SeedUser[],
  password: string,
): Promise<Record<string, string>> => seedUsers(http, adminToken, tenantId, { users, password });

/** Posts a call as the token's user and waits until it is scored: the evaluation's id. */
export async function scoredCall(
  { http }: BrowserPlatform,
  token: string,
  call: { callId: string } & Record<string, unknown>,
): Promise<string> {
  await http.post('/api/v1/calls').auth(token, { type: 'bearer' }).send(call).expect(201);
  return waitFor(
    `call ${call.callId} to be scored`,
    async () => {
      const r = await http
        .get('/api/v1/evaluations')
        .query({ callId: call.callId })
        .auth(token, { type: 'bearer' });
      return r.body.items?.[0]?.id as string | undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  );
}

/**
 * Waits until a page expression is truthy. Playwright's `waitForFunction` polls a string predicate
 * with eval, which the dashboard's CSP (no 'unsafe-eval') refuses; `evaluate` is not subject to it.
 */
export const waitForPage = (page: Page, expression: string, timeoutMs = 30_000): Promise<true> =>
  waitFor(expression, async () => Boolean(await page.evaluate(expression)) || undefined, {
    timeoutMs,
  });
