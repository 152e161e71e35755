/**
 * Imports calls from PBX call records through the public batch API, with a progress bar on stderr.
 *
 *   QA_TOKEN=… npm run import -- (--asterisk Master.csv | --freeswitch Master.csv|cdr.json)
 *                     [--transcripts dir/|file.json] [--cel cel-custom/Master.csv] --tenant acme
 *                     [--url http://127.0.0.1:3000] [--token-file F | --username U [--password-file F]]
 *                     [--utc-offset +08:00 | --timezone Asia/Shanghai] [--chunk 1000]
 *                     [--header "name: value"]…
 *
 * Secrets never go on the command line (npm prints it, `ps` shows it): the token comes from
 * QA_TOKEN or --token-file, the password (with --username) from QA_PASSWORD or --password-file.
 * --token and --password still work, with a deprecation warning.
 * FreeSWITCH: mod_cdr_csv with the default template, or mod_json_cdr records (one object, an array
 * or one per line). Transcripts: a JSON object keyed by uniqueid (Asterisk) or uuid (FreeSWITCH),
 * or a folder of <id>.json files each holding the segments array. --cel (Asterisk): CEL HANGUP
 * events (cel_custom CSV or JSON) say who hung up, joined to the CDRs by uniqueid or linkedid.
 * Re-running an import is safe: calls already stored come back "duplicate".
 * Exit status: 0 all stored, 1 some rows rejected, 2 the import could not run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isValidZone, readCdrFile, readCelHangups } from '../apps/ingestion/src';

interface Args {
  [name: string]: string | string[] | undefined;
  header?: string[];
}

function parseArgs(argv: string[]): Args {
  const out: Args = { header: [] };
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const name = argv[i].slice(2);
    const value = argv[i + 1] === undefined || argv[i + 1].startsWith('--') ? 'true' : argv[++i];
    if (name === 'header') out.header!.push(value);
    else out[name] = value;
  }
  return out;
}

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n`);
  process.exit(2);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    fail(`${path} is not JSON: ${(err as Error).message.slice(0, 200)}`);
  }
}

function loadTranscripts(path?: string): Record<string, unknown> | undefined {
  if (!path) return undefined;
  if (!existsSync(path)) fail(`no transcripts at ${path}`);
  if (!statSync(path).isDirectory()) {
    const all = readJson(path);
    if (!all || typeof all !== 'object' || Array.isArray(all))
      fail(`${path} must be a JSON object keyed by uniqueid`);
    return all as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(path).filter((n) => n.endsWith('.json'))) {
    const value = readJson(join(path, f)) as { segments?: unknown } | unknown[];
    out[basename(f, '.json')] = Array.isArray(value) ? value : value?.segments;
  }
  return out;
}

/** A plain bar: redrawn in place on a terminal, a line per 10% when stderr is a file or pipe. */
class Progress {
  private readonly started = Date.now();
  private lastDecile = -1;

  constructor(private readonly total: number) {}

  update(done: number, accepted: number, duplicate: number, rejected: number): void {
    const width = 30;
    const ratio = this.total === 0 ? 1 : done / this.total;
    const filled = Math.round(ratio * width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const eta = rate > 0 ? Math.ceil((this.total - done) / rate) : 0;
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ` +
      `${done}/${this.total} accepted ${accepted} duplicate ${duplicate} rejected ${rejected} ` +
      `${rate}/s eta ${eta}s`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[2K${line}`);
      if (done >= this.total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== this.lastDecile || done >= this.total) {
      this.lastDecile = decile;
      process.stderr.write(`${line}\n`);
    }
  }
}

interface BatchAnswer {
  accepted: number;
  duplicate: number;
  rejected: number;
  results: { index: number; status: string; errors?: { path: string; message: string }[] }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts one chunk; network errors, 429 and 5xx are retried (the batch API is idempotent). */
async function postBatch(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<BatchAnswer> {
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${url}/api/v1/calls/batch`, { method: 'POST', headers, body });
      status = res.status;
      text = await res.text();
      if (res.ok) return JSON.parse(text) as BatchAnswer;
    } catch (err) {
      text = (err as Error).message;
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    if (!retryable || attempt >= 5)
      fail(`batch refused: ${status || 'network'} ${text.slice(0, 500)}`);
    await sleep(500 * 2 ** (attempt - 1));
  }
}

/** A secret from a file (first line) or the environment; the command line only with a warning. */
function secret(a: Args, name: 'token' | 'password', envName: string): string | undefined {
  const file = a[`${name}-file`];
  if (typeof file === 'string') {
    if (!existsSync(file)) fail(`no ${name} file at ${file}`);
    const value = readFileSync(file, 'utf8').split(/\r?\n/)[0].trim();
    if (!value) fail(`${file} is empty`);
    return value;
  }
  const inline = a[name];
  if (typeof inline === 'string') {
    process.stderr.write(
      `import: --${name} is deprecated (the command line is visible to others): use ${envName} or --${name}-file\n`,
    );
    return inline;
  }
  return process.env[envName] || undefined;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) fail(`login failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** As the HTTP import: a CEL file with lines that cannot be read stops the import. */
function loadCel(path: string | undefined, format: string) {
  if (!path) return undefined;
  if (format !== 'asterisk') fail('--cel goes with --asterisk');
  if (!existsSync(path)) fail(`no CEL file at ${path}`);
  const cel = readCelHangups(readFileSync(path, 'utf8'));
  if (cel.problems.length > 0)
    fail(cel.problems.map((p) => `${path} line ${p.line}: ${p.problem}`).join('\n'));
  return cel;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const str = (name: string) => (typeof a[name] === 'string' ? (a[name] as string) : undefined);
  const format = str('freeswitch') ? 'freeswitch' : 'asterisk';
  const csvPath =
    str('freeswitch') ??
    str('asterisk') ??
    fail('--asterisk Master.csv or --freeswitch FILE is required');
  const tenantId = str('tenant') ?? fail('--tenant is required');
  if (!existsSync(csvPath)) fail(`no CDR file at ${csvPath}`);
  const zone = str('utc-offset') ?? str('timezone') ?? 'Asia/Shanghai';
  if (!isValidZone(zone)) fail(`${zone} is neither an offset like +08:00 nor a known time zone`);
  const chunk = Number(str('chunk') ?? 1000);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 10_000) fail('--chunk must be 1..10000');
  const url = (str('url') ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const h of a.header ?? []) {
    const at = h.indexOf(':');
    if (at < 1) fail(`--header must be "name: value", got ${h}`);
    headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
  }
  const username = str('username');
  const password = username ? secret(a, 'password', 'QA_PASSWORD') : undefined;
  const token =
    secret(a, 'token', 'QA_TOKEN') ??
    (username && password ? await login(url, username, password) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  else if (!a.header?.length)
    fail('set QA_TOKEN (or --token-file), or --username with QA_PASSWORD (or --password-file)');

  const transcripts = loadTranscripts(str('transcripts'));
  const cel = loadCel(str('cel'), format);
  const rows = readCdrFile(format, readFileSync(csvPath, 'utf8'), {
    tenantId,
    zone,
    transcripts,
    cel,
  });
  const calls: { line: number; call: unknown }[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    if ('problem' in row) problems.push(`line ${row.line}: ${row.problem}`);
    else calls.push(row);
  }

  let accepted = 0;
  let duplicate = 0;
  let rejected = problems.length;
  const progress = new Progress(calls.length);
  progress.update(0, 0, 0, rejected);
  for (let i = 0; i < calls.length; i += chunk) {
    const slice = calls.slice(i, i + chunk);
    const answer = await postBatch(url, headers, JSON.stringify(slice.map((c) => c.call)));
    accepted += answer.accepted;
    duplicate += answer.duplicate;
    rejected += answer.rejected;
    for (const r of answer.results) {
      if (r.status !== 'rejected') continue;
      const why = r.errors?.map((e) => `${e.path || '(row)'} ${e.message}`).join('; ');
      problems.push(`line ${slice[r.index].line}: ${why}`);
    }
    progress.update(Math.min(i + chunk, calls.length), accepted, duplicate, rejected);
  }
  for (const p of problems.slice(0, 50)) process.stderr.write(`  ${p}\n`);
  if (problems.length > 50) process.stderr.write(`  … ${problems.length - 50} more\n`);
  process.stdout.write(`${JSON.stringify({ rows: rows.length, accepted, duplicate, rejected })}\n`);
  process.exit(rejected > 0 ? 1 : 0);
}

void main();
