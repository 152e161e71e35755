import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, IDENTITY_SIGNATURE_HEADER } from '@qa/platform';
import { identityHeaders } from '@qa/testing';
import { freePort, listenAddresses, SpawnedService } from './spawned-service';

/** Plain HTTP to the service, as an attacker on the network would send it. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Findings #2 and #3 of issue 9: services are reachable only through the gateway. */
describe('security: identities between the gateway and the services', () => {
  const secret = randomBytes(32).toString('base64url');
  const tenantId = `sec-${randomUUID().slice(0, 8)}`;
  const who = { tenantId, role: 'lead' as const };
  const path = '/api/v1/calls?limit=1';
  let service: SpawnedService;
  let port: number;
  let savedSecret: string | undefined;

  beforeAll(async () => {
    // Sign with the same secret the spawned service gets.
    savedSecret = process.env.INTERNAL_SECRET;
    process.env.INTERNAL_SECRET = secret;
    port = await freePort();
    service = new SpawnedService('ingestion', {
      INTERNAL_SECRET: secret,
      // Successful requests are logged at debug: every request line must be redacted.
      LOG_LEVEL: 'debug',
      PORT: String(port),
    });
    await service.listening();
  });

  afterAll(async () => {
    process.env.INTERNAL_SECRET = savedSecret;
    await service?.stop();
  });

  it('#2 listens on loopback only by default', () => {
    expect(listenAddresses(port)).toEqual(['127.0.0.1']);
  });

  it('#3 accepts a fresh signature once; the same headers again are a 401', async () => {
    const headers = identityHeaders(who, { method: 'GET', path });
    expect(await get(port, path, headers)).toBe(200);
    expect(await get(port, path, headers)).toBe(401);
  });

  it('#3 refuses a stale signature, one for another path or query, and an altered one', async () => {
    const stale = identityHeaders(
      who,
      { method: 'GET', path },
      Date.now() - IDENTITY_MAX_AGE_MS - 60_000,
    );
    expect(await get(port, path, stale)).toBe(401);
    const elsewhere = identityHeaders(who, { method: 'GET', path: '/api/v1/calls?limit=2' });
    expect(await get(port, path, elsewhere)).toBe(401);
    const altered = identityHeaders(who, { method: 'GET', path });
    const envelope = JSON.parse(Buffer.from(altered[IDENTITY_HEADER], 'base64url').toString());
    altered[IDENTITY_HEADER] = Buffer.from(
      JSON.stringify({ ...envelope, id: { ...envelope.id, tenantId: 'someone-else' } }),
    ).toString('base64url');
    expect(await get(port, path, altered)).toBe(401);
  });

  it('#2 refuses the old never-expiring identity header, even signed with the right secret', async () => {
    const value = Buffer.from(
      JSON.stringify({ userId: 'u-1', username: 'x', role: 'platform_admin', tenantId }),
    ).toString('base64url');
    const sig = createHmac('sha256', secret).update(value).digest('base64url');
    expect(
      await get(port, path, { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: sig }),
    ).toBe(401);
  });

  it('#3 keeps signatures and identities out of the logs', async () => {
    const headers = identityHeaders(who, { method: 'GET', path: '/api/v1/calls?limit=3' });
    expect(await get(port, '/api/v1/calls?limit=3', headers)).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const logged = service.output;
    expect(logged).toContain('/api/v1/calls?limit=3');
    expect(logged).not.toContain(headers[IDENTITY_SIGNATURE_HEADER]);
    expect(logged).not.toContain(headers[IDENTITY_HEADER]);
    expect(logged).toContain(`"${IDENTITY_SIGNATURE_HEADER}":"[Redacted]"`);
  });
});
