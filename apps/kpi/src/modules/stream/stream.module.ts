import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { KpiUpdatesRepository } from './kpi-updates.repository';
import { StreamController } from './stream.controller';
import { StreamHub } from './stream.hub';
import { StreamService } from './stream.service';

@Module({
  imports: [KpisModule],
  controllers: [StreamController],
  providers: [KpiUpdatesRepository, StreamHub, StreamService],
  exports: [StreamHub],
})
export class StreamModule {}
