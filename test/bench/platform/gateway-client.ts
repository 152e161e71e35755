import { Agent, request } from 'node:http';
import { CLIENT_IDLE_MS } from '@qa/platform';

export interface Answer {
  status: number;
  body: string;
  /** Sent again on a new socket after a reused keep-alive socket failed (see `request`). */
  retried?: boolean;
}

const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

/** A keep-alive HTTP client for the gateway, as a load generator on the same machine would be. */
/** Access tokens live 15 minutes by default; a long bench logs in again before that. */
const RELOGIN_AFTER_MS = 10 * 60_000;

export class GatewayClient {
  private readonly agent: Agent;
  token = '';
  private credentials?: { username: string; password: string; at: number };

  constructor(
    private readonly base: URL,
    maxSockets: number,
  ) {
    // An idle socket is dropped before the gateway would close it (a reused one it is closing
    // fails the request with "socket hang up", which a user's client would not see either).
    this.agent = new Agent({ keepAlive: true, maxSockets, timeout: CLIENT_IDLE_MS });
  }

  async send(method: string, path: string, body?: Buffer | string, type = 'application/json') {
    const c = this.credentials;
    if (c && Date.now() - c.at > RELOGIN_AFTER_MS) await this.login(c.username, c.password);
    return this.request(method, path, body, type);
  }

  /**
   * A keep-alive socket the server closes while the request is written fails it (EPIPE,
   * ECONNRESET): sent once more on a fresh socket, as Node's docs advise for reused sockets.
   */
  private request(
    method: string,
    path: string,
    body: Buffer | string | undefined,
    type: string,
    retry = true,
  ): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(body);
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          headers: {
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...(data ? { 'content-type': type, 'content-length': data.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!retry || !req.reusedSocket || !STALE_SOCKET.has(err.code ?? '')) return reject(err);
        this.request(method, path, body, type, false).then(
          (a) => resolve({ ...a, retried: true }),
          reject,
        );
      });
      req.end(data);
    });
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const a = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body));
    if (a.status >= 300) throw new Error(`${method} ${path} answered ${a.status}: ${a.body}`);
    return JSON.parse(a.body) as T;
  }

  async login(username: string, password: string): Promise<void> {
    this.token = '';
    const { accessToken } = await this.json<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      username,
      password,
    });
    this.token = accessToken;
  }

  close(): void {
    this.agent.destroy();
  }
}
