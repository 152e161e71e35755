import { Module } from '@nestjs/common';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { FactsModule } from '../facts/facts.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpisService } from './kpis.service';

@Module({
  imports: [FactsModule],
  controllers: [KpisController],
  providers: [KpisService, KpisRepository, AggregatesRepository],
  exports: [KpisService, KpisRepository, AggregatesRepository],
})
export class KpisModule {}
