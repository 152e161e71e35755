/**
 * Recomputes KPI aggregates of a period from the stored facts and reports what it corrected.
 *
 *   npm run kpi:rebuild -- --from 2026-11-01 --to 2026-12-01 [--tenant demo]
 *
 * Database: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/qa). Corrections are streamed
 * and published (qa.kpi.updated.v1, by the running kpi service's relay) like any update. Prints a
 * progress bar on stderr and a JSON report on stdout. Exit: 0 done, 2 could not run.
 */
import 'reflect-metadata';
import { rebuildKpis } from '../apps/kpi/src';

const USAGE = 'usage: npm run kpi:rebuild -- --from <ISO date> --to <ISO date> [--tenant <id>]';

function bar(done: number, total: number, stage: string): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} ${stage}   `,
  );
}

async function main(argv: string[]): Promise<number> {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!['from', 'to', 'tenant'].includes(name) || argv[i + 1] === undefined) {
      console.error(`unknown option ${argv[i]}\n${USAGE}`);
      return 2;
    }
    opts[name] = argv[++i];
  }
  const from = new Date(opts.from ?? '');
  const to = new Date(opts.to ?? '');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    console.error(`--from and --to must be dates, --from before --to\n${USAGE}`);
    return 2;
  }
  const report = await rebuildKpis(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qa',
    { from, to, tenantId: opts.tenant },
    bar,
  );
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kpi:rebuild failed: ${(err as Error).message}`);
    process.exit(2);
  },
);
