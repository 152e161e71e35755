/**
 * Imports calls from files through the public batch API, with a progress bar on stderr.
 *   npm run import -- --asterisk Master.csv [--transcripts dir/|file.json] --tenant acme
 *                     [--url http://127.0.0.1:3000] (--token T | --username U --password P)
 *                     [--utc-offset +08:00] [--chunk 500]
 * Transcripts: a JSON object keyed by uniqueid, or a folder of <uniqueid>.json segment arrays.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  cdrToCall,
  parseCsv,
  toCdrRecord,
  TranscriptSegment,
} from '../apps/ingestion/src/modules/cdr-import/asterisk-cdr';

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--'))
      out[argv[i].slice(2)] =
        argv[i + 1]?.startsWith('--') || argv[i + 1] === undefined ? 'true' : argv[++i];
  }
  return out;
}

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n`);
  process.exit(2);
}

function loadTranscripts(path?: string): Record<string, TranscriptSegment[]> | undefined {
  if (!path) return undefined;
  if (!existsSync(path)) fail(`no transcripts at ${path}`);
  if (!statSync(path).isDirectory())
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, TranscriptSegment[]>;
  const out: Record<string, TranscriptSegment[]> = {};
  for (const f of readdirSync(path).filter((n) => n.endsWith('.json'))) {
    out[basename(f, '.json')] = JSON.parse(
      readFileSync(join(path, f), 'utf8'),
    ) as TranscriptSegment[];
  }
  return out;
}

function progress(done: number, total: number, accepted: number, rejected: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} accepted ${accepted} rejected ${rejected}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2));
  if (!a.asterisk) fail('--asterisk Master.csv is required');
  if (!a.tenant) fail('--tenant is required');
  const url = (a.url ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  let token = a.token;
  if (!token) {
    if (!a.username || !a.password) fail('give --token, or --username and --password');
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: a.username, password: a.password }),
    });
    if (!res.ok) fail(`login failed: ${res.status} ${await res.text()}`);
    token = ((await res.json()) as { accessToken: string }).accessToken;
  }
  const transcripts = loadTranscripts(a.transcripts);
  const rows = parseCsv(readFileSync(a.asterisk, 'utf8'));
  const calls: unknown[] = [];
  const problems: string[] = [];
  rows.forEach((fields, i) => {
    const rec = toCdrRecord(fields);
    if (typeof rec === 'string') problems.push(`line ${i + 1}: ${rec}`);
    else
      calls.push(
        cdrToCall(rec, { tenantId: a.tenant, utcOffset: a['utc-offset'] ?? '+08:00', transcripts }),
      );
  });
  const chunk = Number(a.chunk ?? 500);
  let accepted = 0;
  let duplicate = 0;
  let rejected = problems.length;
  progress(0, calls.length, 0, rejected);
  for (let i = 0; i < calls.length; i += chunk) {
    const res = await fetch(`${url}/api/v1/calls/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(calls.slice(i, i + chunk)),
    });
    if (!res.ok) fail(`batch at row ${i + 1} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as {
      accepted: number;
      duplicate: number;
      rejected: number;
      results: { index: number; status: string; errors?: { path: string; message: string }[] }[];
    };
    accepted += body.accepted;
    duplicate += body.duplicate;
    rejected += body.rejected;
    for (const r of body.results) {
      if (r.status === 'rejected')
        problems.push(
          `call ${i + r.index + 1}: ${r.errors?.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        );
    }
    progress(Math.min(i + chunk, calls.length), calls.length, accepted, rejected);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const p of problems.slice(0, 50)) process.stderr.write(`  ${p}\n`);
  if (problems.length > 50) process.stderr.write(`  … ${problems.length - 50} more\n`);
  process.stdout.write(`${JSON.stringify({ rows: rows.length, accepted, duplicate, rejected })}\n`);
  process.exit(rejected > 0 ? 1 : 0);
}

void main();
