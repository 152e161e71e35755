import { MessagingOptions, OutboxRelay, OutboxRepository, OutboxService } from '@qa/messaging';
import { serviceDataSourceOptions } from '@qa/persistence';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { ContributionsRepository } from '../facts/contributions.repository';
import { FactsRepository } from '../facts/facts.repository';
import { RecordFactsService } from '../facts/record-facts.service';
import { KpisRepository } from '../kpis/kpis.repository';
import { AggregatesRepository } from './aggregates.repository';
import { AggregationService } from './aggregation.service';
import { KpiUpdatesPublisher } from './kpi-updates.publisher';
import { RebuildReport, RebuildService } from './rebuild.service';

/**
 * The rebuild run from outside the service (npm run kpi:rebuild) on its own connection. It only
 * writes the outbox rows; the running service's relay publishes them.
 */
export async function rebuildKpis(
  databaseUrl: string,
  period: { from: Date; to: Date; tenantId?: string },
  progress?: (done: number, total: number, stage: string) => void,
): Promise<RebuildReport> {
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url: databaseUrl, schema: 'kpi', entities: [], migrations }),
  );
  await dataSource.initialize();
  try {
    const facts = new FactsRepository();
    const outbox = new OutboxService(new OutboxRepository({ schema: 'kpi' } as MessagingOptions), {
      wake: () => undefined,
    } as unknown as OutboxRelay);
    const aggregates = new AggregatesRepository();
    const contributions = new ContributionsRepository();
    const rebuild = new RebuildService(
      dataSource,
      aggregates,
      new AggregationService(dataSource, aggregates, facts, contributions),
      facts,
      contributions,
      new RecordFactsService(facts, contributions),
      new KpiUpdatesPublisher(outbox, new KpisRepository()),
    );
    return await rebuild.rebuild(period, progress);
  } finally {
    await dataSource.destroy();
  }
}
