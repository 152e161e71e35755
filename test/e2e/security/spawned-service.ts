import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

export type App = 'gateway' | 'ingestion' | 'scoring' | 'complaints' | 'kpi';
export const APPS: App[] = ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi'];

/**
 * A service started as `npm start` starts it (its main.ts, its own process), with only the
 * environment given here plus where the test Postgres, Kafka and Redis are and the run's PII_KEY.
 */
export class SpawnedService {
  private readonly child: ChildProcess;
  private out = '';
  readonly exited: Promise<number | null>;

  constructor(app: App, env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: process.env.DATABASE_URL,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        REDIS_URL: process.env.REDIS_URL,
        KAFKA_GROUP_PREFIX: process.env.KAFKA_GROUP_PREFIX,
        PII_KEY: process.env.PII_KEY,
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The test command checks every log line of the run for personal numbers (test/logs).
    const dir = process.env.QA_TEST_LOG_DIR;
    let file: WriteStream | undefined;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      file = createWriteStream(join(dir, `${app}-${this.child.pid}.log`));
    }
    const take = (c: Buffer) => {
      this.out += c.toString();
      file?.write(c);
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((r) =>
      this.child.on('exit', (code) => {
        file?.end();
        r(code);
      }),
    );
  }

  /** Everything it wrote to stdout and stderr so far. */
  get output(): string {
    return this.out;
  }

  /** Exit code, or 'running' if it still runs after `ms` (then it is stopped). */
  async exitWithin(ms: number): Promise<number | null | 'running'> {
    const result = await Promise.race([
      this.exited,
      new Promise<'running'>((r) => setTimeout(() => r('running'), ms)),
    ]);
    if (result === 'running') await this.stop();
    return result;
  }

  /** Resolves once the service says it listens. */
  async listening(ms = 90_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (/listening on http:/.test(this.out)) return;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the service did not start:\n${this.out.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const code = await Promise.race([
      this.exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000)),
    ]);
    if (code === 'hung') this.child.kill('SIGKILL');
  }
}

/** A TCP port free right now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The local addresses listening on `port` (from /proc/net/tcp and tcp6), e.g. 127.0.0.1. */
export function listenAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      found.push(hex.length === 8 ? ipv4(hex) : ipv6(hex));
    }
  }
  return found;
}

const ipv4 = (hex: string) =>
  [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');

function ipv6(hex: string): string {
  if (/^0{32}$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${ipv4(hex.slice(24))}`;
  return hex;
}
