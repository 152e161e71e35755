import { Module } from '@nestjs/common';
import { FactsRepository } from './facts.repository';
import { KpiEventsConsumer } from './kpi-events.consumer';
import { RecordFactsService } from './record-facts.service';

@Module({
  controllers: [KpiEventsConsumer],
  providers: [FactsRepository, RecordFactsService],
  exports: [FactsRepository, RecordFactsService],
})
export class FactsModule {}
