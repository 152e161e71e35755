import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import {
  createService,
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  verifyIdentity,
} from '@qa/platform';
import { seedTenant, TEST_SECRET, waitFor } from '@qa/testing';
import request from 'supertest';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A stand-in downstream service that records what the gateway forwards, so the proxy's own
 * behaviour (identity, streaming, headers, SSE, failures) is checked byte for byte.
 */
class RecordingService {
  readonly seen: Seen[] = [];
  openStreams = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        if (req.url === '/api/v1/kpis/stream') return this.stream(res);
        if (req.url?.startsWith('/api/v1/calls/echo-status')) {
          res.writeHead(418, {
            'content-type': 'application/problem+json',
            'x-downstream': 'yes',
            connection: 'close',
            'keep-alive': 'timeout=5',
          });
          return res.end(JSON.stringify({ title: 'teapot', status: 418 }));
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-downstream': 'yes' });
        res.end(JSON.stringify({ bytes: body.length }));
      });
    });
    this.server.keepAliveTimeout = 100;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private stream(res: import('node:http').ServerResponse): void {
    this.openStreams++;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('event: kpi\ndata: {"n":1}\n\n');
    const timer = setInterval(() => res.write(': ping\n\n'), 50);
    res.on('close', () => {
      clearInterval(timer);
      this.openStreams--;
    });
  }

  last(): Seen {
    return this.seen[this.seen.length - 1];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

/** A port nothing listens on: bound, then released. */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

describe('gateway forwarding', () => {
  const tenant = `gp-${randomUUID().slice(0, 8)}`;
  const password = 'Proxy-pass-2026!';
  const downstream = new RecordingService();
  let gateway: INestApplication;
  let base: string;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const url = await downstream.start();
    process.env.INGESTION_URL = url;
    process.env.SCORING_URL = url;
    process.env.KPI_URL = url;
    process.env.COACHING_URL = url;
    process.env.COMPLAINTS_URL = await deadUrl();
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
    http = request(gateway.getHttpServer());
    const login = async (username: string, pass: string) =>
      (await http.post('/api/v1/auth/login').send({ username, password: pass })).body
        .accessToken as string;
    const admin = await login('admin', process.env.ADMIN_PASSWORD ?? 'admin');
    Object.assign(
      tokens,
      await seedTenant(http, admin, tenant, {
        password,
        users: ['qa', 'ops', 'agent'],
        agentId: 'a-7',
      }),
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await downstream.stop();
  });

  it('signs the identity from the token and drops identity headers and credentials sent from outside', async () => {
    const forged = Buffer.from(
      JSON.stringify({ userId: 'x', username: 'x', role: 'admin', tenantId: 'other' }),
    ).toString('base64url');
    const res = await http
      .post(`/api/v1/calls?tenantId=other`)
      .auth(tokens.agent, { type: 'bearer' })
      .set(IDENTITY_HEADER, forged)
      .set(IDENTITY_SIGNATURE_HEADER, 'forged')
      .set('x-forwarded-for', '6.6.6.6')
      .set('x-request-id', 'trace-0123456789')
      .send({ tenantId: 'other' });
    // agents may not POST calls: refused by the gateway, never forwarded
    expect(res.status).toBe(403);
    const before = downstream.seen.length;
    const ok = await http
      .get('/api/v1/calls?tenantId=other')
      .auth(tokens.agent, { type: 'bearer' })
      .set(IDENTITY_HEADER, forged)
      .set(IDENTITY_SIGNATURE_HEADER, 'forged')
      .set('x-forwarded-for', '6.6.6.6')
      .set('x-request-id', 'trace-0123456789');
    expect(ok.status).toBe(200);
    expect(downstream.seen).toHaveLength(before + 1);
    const seen = downstream.last();
    const verified = verifyIdentity(
      seen.headers[IDENTITY_HEADER] as string,
      seen.headers[IDENTITY_SIGNATURE_HEADER] as string,
      TEST_SECRET(),
      { method: 'GET', path: '/api/v1/calls?tenantId=other' },
    );
    expect(verified?.identity).toMatchObject({
      role: 'agent',
      tenantId: tenant,
      agentId: 'a-7',
      username: `${tenant}-agent`,
    });
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).not.toContain('6.6.6.6');
    expect(seen.headers['x-request-id']).toBe('trace-0123456789');
    expect(ok.headers['x-request-id']).toBe('trace-0123456789');
  });

  it('streams a large body through unchanged, whatever its content type', async () => {
    const body = randomBytes(3 * 1024 * 1024).toString('base64');
    const res = await http
      .post('/api/v1/calls/batch')
      .auth(tokens.qa, { type: 'bearer' })
      .set('content-type', 'application/x-ndjson')
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ bytes: body.length });
    expect(downstream.last().body.toString()).toBe(body);
    expect(downstream.last().headers['content-type']).toBe('application/x-ndjson');
  });

  it('passes status, body and end-to-end headers back, drops hop-by-hop ones, adds security headers', async () => {
    const res = await http.get('/api/v1/calls/echo-status').auth(tokens.qa, { type: 'bearer' });
    expect(res.status).toBe(418);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['x-downstream']).toBe('yes');
    expect(res.headers['keep-alive']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/);
    expect(res.body).toEqual({ title: 'teapot', status: 418 });
  });

  it('answers refusals itself with problem+json and a request id, without forwarding', async () => {
    const before = downstream.seen.length;
    const cases = [
      await http.get('/api/v1/calls'),
      await http.get('/api/v1/calls').auth('not.a.token', { type: 'bearer' }),
      await http.get('/api/v1/calls').auth(`${tokens.qa}x`, { type: 'bearer' }),
      await http.put('/api/v1/kpis/targets').auth(tokens.qa, { type: 'bearer' }),
      await http.delete('/api/v1/calls/c-1').auth(tokens.qa, { type: 'bearer' }),
      await http.put('/api/v1/evaluations/e-1').auth(tokens.qa, { type: 'bearer' }),
    ];
    expect(cases.map((r) => r.status)).toEqual([401, 401, 401, 403, 403, 403]);
    for (const r of cases) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(downstream.seen.length).toBe(before);
  });

  it('forwards only exact prefixes: look-alike paths are not forwarded', async () => {
    const before = downstream.seen.length;
    for (const path of ['/api/v1/callsx', '/api/v1/calls-admin', '/api/v1/kpisx/stream']) {
      const res = await http.get(path).auth(tokens.qa, { type: 'bearer' });
      expect([401, 404]).toContain(res.status);
    }
    expect(downstream.seen.length).toBe(before);
  });

  it('answers 503 problem+json when the owning service is down', async () => {
    const res = await http.get('/api/v1/complaints').auth(tokens.qa, { type: 'bearer' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain('complaints');
  });

  it('streams server-sent events as they come and closes the upstream when the client leaves', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        `${base}/api/v1/kpis/stream`,
        { headers: { authorization: `Bearer ${tokens.ops}` } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream');
          res.setEncoding('utf8');
          res.once('data', (chunk: string) => {
            req.destroy();
            resolve(chunk);
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? null : reject(err)));
      req.end();
    });
    expect(first).toContain('data: {"n":1}');
    await waitFor('downstream stream closed', () => downstream.openStreams === 0, {
      timeoutMs: 3000,
    });
  });
});
