import { ClientRequest, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Identity, signIdentity, SignedRequest } from '@qa/platform';
import type { SuperAgentRequest } from 'superagent';

export const TEST_SECRET = (): string => {
  const secret = process.env.INTERNAL_SECRET;
  if (!secret)
    throw new Error('INTERNAL_SECRET is not set (libs/testing/src/int-setup.ts sets it)');
  return secret;
};

export type IdentityInput = Partial<Identity> & { tenantId: string | null };

const complete = (identity: IdentityInput): Identity => ({
  userId: 'u-test',
  username: 'tester',
  role: 'admin',
  ...identity,
});

/** The headers the gateway would add for this identity on this one request. */
export function identityHeaders(
  identity: IdentityInput,
  request: SignedRequest,
  now?: number,
): Record<string, string> {
  return signIdentity(complete(identity), TEST_SECRET(), request, now);
}

/**
 * A supertest plugin that signs each request it is used on as the gateway would (method, path
 * with query, fresh nonce and time), at send time: `request(app).get(path).use(asIdentity(...))`.
 * One value may be reused across requests; each gets its own signature.
 */
export function asIdentity(identity: IdentityInput): (req: SuperAgentRequest) => void {
  return (req) => {
    req.on('request', ({ req: sent }: { req: ClientRequest }) => {
      const headers = identityHeaders(identity, { method: sent.method, path: sent.path });
      for (const [name, value] of Object.entries(headers)) sent.setHeader(name, value);
    });
  };
}

/**
 * A stand-in for the gateway in front of one service, for clients that cannot sign (a CLI):
 * forwards every request to `target`, signed as `identity`. Close it with `close()`.
 */
export async function signingProxy(
  target: string,
  identity: IdentityInput,
): Promise<{ url: string; close: () => Promise<void> }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const headers = {
      ...req.headers,
      host: to.host,
      ...identityHeaders(identity, { method: req.method ?? 'GET', path }),
    };
    const upstream = httpRequest(
      { hostname: to.hostname, port: to.port, method: req.method, path, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
