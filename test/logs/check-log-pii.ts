/**
 * Fails when a log line of the test run holds a phone, ID-card or bank-card number:
 *   node -r @swc-node/register test/logs/check-log-pii.ts <file or folder>…
 * scripts/test.sh runs it on the unit and integration output and on every spawned service's log.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scanLog } from './log-pii';

const files = (p: string): string[] =>
  !existsSync(p)
    ? []
    : statSync(p).isDirectory()
      ? readdirSync(p).flatMap((f) => files(join(p, f)))
      : [p];

let lines = 0;
const findings = process.argv
  .slice(2)
  .flatMap(files)
  .flatMap((f) => {
    const r = scanLog(f, readFileSync(f, 'utf8'));
    lines += r.lines;
    return r.findings;
  });
for (const f of findings.slice(0, 20)) process.stderr.write(`${f.file}:${f.line}: ${f.masked}\n`);
process.stderr.write(
  `[log-pii] ${lines} log lines read, ${findings.length} with a personal number\n`,
);
process.exit(findings.length > 0 ? 1 : 0);
