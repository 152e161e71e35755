import { Module } from '@nestjs/common';
import { ContributionsRepository } from './contributions.repository';
import { FactsRepository } from './facts.repository';
import { KpiEventsConsumer } from './kpi-events.consumer';
import { RecordFactsService } from './record-facts.service';

@Module({
  controllers: [KpiEventsConsumer],
  providers: [FactsRepository, ContributionsRepository, RecordFactsService],
  exports: [FactsRepository, ContributionsRepository, RecordFactsService],
})
export class FactsModule {}
