import { createServer, request, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CLIENT_IDLE_MS, keepConnections, SERVER_KEEP_ALIVE_MS } from '@qa/platform';
import { UPSTREAM_AGENTS } from './proxy.service';

const agent = UPSTREAM_AGENTS['http:'];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function get(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The gateway's idle socket to the server on `port`, once the response has been read. */
async function idleSocket(port: number): Promise<Socket> {
  for (let i = 0; i < 50; i++) {
    const free = agent.freeSockets[`127.0.0.1:${port}:`];
    if (free?.length) return free[0];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no idle socket in the pool');
}

describe('the gateway pool to the services', () => {
  const servers: Server[] = [];
  const serve = async (configure: (s: Server) => void) => {
    const s = createServer((_req, res) => res.end('ok'));
    configure(s);
    servers.push(s);
    return listen(s);
  };
  afterAll(async () => {
    agent.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  it('drops an idle socket before a service of ours would close it', async () => {
    const port = await serve(keepConnections);
    await get(port);
    const socket = await idleSocket(port);
    expect(socket.timeout).toBe(CLIENT_IDLE_MS);
    expect(socket.timeout).toBeLessThan(SERVER_KEEP_ALIVE_MS - 1000);
  });

  it("follows a server's shorter keep-alive (Node's 5 s default) instead of outliving it", async () => {
    const port = await serve(() => undefined);
    await get(port);
    const socket = await idleSocket(port);
    expect(socket.timeout).toBeGreaterThan(0);
    expect(socket.timeout).toBeLessThan(5000);
  });
});
