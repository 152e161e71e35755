import { Module } from '@nestjs/common';
import { FactsRepository } from './facts.repository';
import { KpiEventsConsumer } from './kpi-events.consumer';
import { RecordFactsService } from './record-facts.service';

@Module({
  providers: [FactsRepository, RecordFactsService, KpiEventsConsumer],
  exports: [FactsRepository, RecordFactsService],
})
export class FactsModule {}
