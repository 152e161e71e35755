import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server, Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '@qa/testing';

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * The platform reaches Postgres through this proxy, so the test can make the database refuse
 * connections (and drop the open ones) without touching the shared server.
 */
export class PostgresProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** New connections are refused and the open ones cut, until open() again. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((r) => server.close(() => r())) : undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}

/** A redis-server of the test's own (the machine's one on 6379 is shared), persisted with AOF. */
export class OwnRedis {
  private proc?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'qa-faults-redis-'));

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    this.proc = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      { stdio: ['ignore', log, log] },
    );
    for (let i = 0; i < 100 && !(await answers(this.port)); i++) await sleep(100);
    if (!(await answers(this.port))) throw new Error(`redis-server did not start on ${this.port}`);
  }

  /** SIGTERM: Redis flushes its AOF and exits, as a restarted production Redis would. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (p.exitCode === null) p.kill('SIGKILL');
  }

  async restart(downMs: number): Promise<void> {
    await this.stop();
    await sleep(downMs);
    await this.start();
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface SpawnSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * Kills a service started by scripts/platform.sh with SIGKILL and starts it again exactly as it
 * ran (its command line, environment and working directory, read from /proc at the start),
 * logging to the same file and leaving the new pid where `npm run stop` looks for it. Between
 * kills it is the process supervisor a deployment has (compose's restart policy, Kubernetes): a
 * service that exits by itself is started again, and counted.
 */
export class ServiceKiller {
  private readonly specs = new Map<string, SpawnSpec>();
  private readonly busy = new Set<string>();
  /** Exits before the service answered /health (a dependency down while booting). */
  readonly failedToStart: string[] = [];
  /** Exits of a service that had answered /health: a bug. */
  readonly crashed: string[] = [];
  private readonly healthy = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runDir: string,
    private readonly apps: string[],
    private readonly now: () => string,
  ) {}

  private pidOf(app: string): number {
    return Number(readFileSync(join(this.runDir, 'pids', `${app}.pid`), 'utf8').trim());
  }

  /** Reads how each service was started, then watches them. */
  supervise(): void {
    for (const app of this.apps) {
      const pid = this.pidOf(app);
      const env = Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      );
      this.specs.set(app, {
        argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean),
        env,
        cwd: readlinkSync(`/proc/${pid}/cwd`),
      });
    }
    for (const app of this.apps) this.healthy.add(app);
    this.timer = setInterval(() => void this.watch(), 1000);
  }

  private async watch(): Promise<void> {
    for (const app of this.apps) {
      if (this.busy.has(app)) continue;
      if (isAlive(this.pidOf(app))) {
        if (!this.healthy.has(app) && (await answers(Number(this.specs.get(app)!.env.PORT))))
          this.healthy.add(app);
        continue;
      }
      const log = readFileSync(join(this.runDir, 'logs', `${app}.log`), 'utf8').slice(-3000);
      const why = log.split('\n').find((l) => /Error|failed/.test(l)) ?? '';
      (this.healthy.has(app) ? this.crashed : this.failedToStart).push(
        `${this.now()} s ${app}: ${why.slice(0, 160)}`,
      );
      this.spawn(app);
    }
  }

  stopSupervising(): void {
    clearInterval(this.timer);
  }

  async killAndRestart(app: string, downMs: number): Promise<void> {
    this.busy.add(app);
    try {
      const pid = this.pidOf(app);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(20);
      await sleep(downMs);
      this.spawn(app);
      this.healthy.delete(app);
    } finally {
      this.busy.delete(app);
    }
  }

  private spawn(app: string): void {
    const spec = this.specs.get(app)!;
    const log = openSync(join(this.runDir, 'logs', `${app}.log`), 'a');
    const child = spawn(spec.argv[0], spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    writeFileSync(join(this.runDir, 'pids', `${app}.pid`), `${child.pid}\n`);
    this.healthy.delete(app);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
