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
import { MessagingOptions, OutboxRelay, OutboxRepository, OutboxService } from '@qa/messaging';
import { serviceDataSourceOptions } from '@qa/persistence';
import { DataSource } from 'typeorm';
import { migrations } from '../apps/kpi/src/migrations';
import { AggregatesRepository } from '../apps/kpi/src/modules/aggregates/aggregates.repository';
import { KpiUpdatesPublisher } from '../apps/kpi/src/modules/aggregates/kpi-updates.publisher';
import { RebuildService } from '../apps/kpi/src/modules/aggregates/rebuild.service';
import { FactsRepository } from '../apps/kpi/src/modules/facts/facts.repository';
import { RecordFactsService } from '../apps/kpi/src/modules/facts/record-facts.service';

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
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qa',
      schema: 'kpi',
      entities: [],
      migrations,
    }),
  );
  await dataSource.initialize();
  try {
    const facts = new FactsRepository();
    // The running service's relay publishes the outbox rows; this process only writes them.
    const outbox = new OutboxService(new OutboxRepository({ schema: 'kpi' } as MessagingOptions), {
      wake: () => undefined,
    } as unknown as OutboxRelay);
    const rebuild = new RebuildService(
      dataSource,
      new AggregatesRepository(),
      facts,
      new RecordFactsService(facts),
      new KpiUpdatesPublisher(outbox),
    );
    const report = await rebuild.rebuild({ from, to, tenantId: opts.tenant }, bar);
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kpi:rebuild failed: ${(err as Error).message}`);
    process.exit(2);
  },
);
