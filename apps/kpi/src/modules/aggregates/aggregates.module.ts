import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { KpisModule } from '../kpis/kpis.module';
import { StreamModule } from '../stream/stream.module';
import { AggregationService } from './aggregation.service';
import { AggregatorRunner } from './aggregator.runner';
import { RebuildService } from './rebuild.service';

@Module({
  imports: [FactsModule, KpisModule, StreamModule],
  providers: [AggregationService, AggregatorRunner, RebuildService],
  exports: [AggregatorRunner, RebuildService],
})
export class AggregatesModule {}
