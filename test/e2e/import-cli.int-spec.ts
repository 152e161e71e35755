import { execFile } from 'node:child_process';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** An answer like the batch API's: every call accepted. */
const accepted = (calls: unknown[]) => ({
  accepted: calls.length,
  duplicate: 0,
  rejected: 0,
  results: calls.map((_, index) => ({ index, status: 'accepted' })),
});

/**
 * `npm run import` as an operator runs it: secrets come from the environment or a file, never the
 * command line (npm prints the command line in its banner, `ps` shows it to every user).
 */
describe('import CLI credentials', () => {
  let server: Server;
  let url: string;
  let dir: string;
  const seen: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qa-import-cli-'));
    await writeFile(
      join(dir, 'Master.csv'),
      '"t-01","13800138000","1001","from-pstn","""C"" <13800138000>","SIP/trunk-01","SIP/1001-2a",' +
        '"Dial","SIP/1001","2026-11-22 09:00:00","2026-11-22 09:00:07","2026-11-22 09:04:10",250,243,' +
        '"ANSWERED","DOCUMENTATION"\n',
    );
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/api/v1/auth/login') {
          const { password } = JSON.parse(body) as { password: string };
          if (password !== 'from-env-or-file') res.statusCode = 401;
          res.end(JSON.stringify({ accessToken: 'token-after-login' }));
        } else res.end(JSON.stringify(accepted(JSON.parse(body) as unknown[])));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((ok) => {
      const script = resolve(__dirname, '../../scripts/import-calls.ts');
      const base = ['-r', '@swc-node/register', script, '--asterisk', join(dir, 'Master.csv')];
      const clean = { ...process.env, QA_TOKEN: '', QA_PASSWORD: '', ...env };
      execFile(
        process.execPath,
        [...base, '--tenant', 'demo', '--url', url, ...args],
        { cwd: resolve(__dirname, '../..'), timeout: 60_000, env: clean },
        (err, stdout, stderr) => ok({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
  const lastBatch = () => seen.filter((s) => s.path === '/api/v1/calls/batch').at(-1)!;

  it('takes the token from QA_TOKEN or --token-file', async () => {
    const fromEnv = await run([], { QA_TOKEN: 'secret-from-env' });
    expect(fromEnv).toMatchObject({ code: 0 });
    expect(lastBatch().headers.authorization).toBe('Bearer secret-from-env');
    expect(fromEnv.stderr).not.toContain('deprecated');

    await writeFile(join(dir, 'token'), 'secret-from-file\n', { mode: 0o600 });
    expect((await run(['--token-file', join(dir, 'token')])).code).toBe(0);
    expect(lastBatch().headers.authorization).toBe('Bearer secret-from-file');
  });

  it('logs in with --username and the password from QA_PASSWORD or --password-file', async () => {
    const env = await run(['--username', 'demo-qa'], { QA_PASSWORD: 'from-env-or-file' });
    expect(env.code).toBe(0);
    expect(lastBatch().headers.authorization).toBe('Bearer token-after-login');
    await writeFile(join(dir, 'pw'), 'from-env-or-file\n');
    const file = await run(['--username', 'demo-qa', '--password-file', join(dir, 'pw')]);
    expect(file.code).toBe(0);
  });

  it('still takes --token and --password, warning that they are deprecated', async () => {
    const token = await run(['--token', 'on-the-command-line']);
    expect(token.code).toBe(0);
    expect(token.stderr).toContain('--token is deprecated');
    expect(lastBatch().headers.authorization).toBe('Bearer on-the-command-line');
    const pw = await run(['--username', 'u', '--password', 'from-env-or-file']);
    expect(pw.code).toBe(0);
    expect(pw.stderr).toContain('--password is deprecated');
  });

  it('refuses to run without credentials, naming the environment variables', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('QA_TOKEN');
  });
});
