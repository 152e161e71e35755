import { Module } from '@nestjs/common';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { KpiUpdatesPublisher } from '../aggregates/kpi-updates.publisher';
import { FactsModule } from '../facts/facts.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpisService } from './kpis.service';

@Module({
  imports: [FactsModule],
  controllers: [KpisController],
  // The publisher is here, not in AggregatesModule (which imports this one): a change of targets
  // publishes too.
  providers: [KpisService, KpisRepository, AggregatesRepository, KpiUpdatesPublisher],
  exports: [KpisService, KpisRepository, AggregatesRepository, KpiUpdatesPublisher],
})
export class KpisModule {}
