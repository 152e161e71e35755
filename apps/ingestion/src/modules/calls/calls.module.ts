import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsModule } from '../tenants/tenants.module';
import { CallRawConsumer } from './call-raw.consumer';
import { CallsController } from './calls.controller';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';
import { CallEntity } from './entities/call.entity';
import { IngestCallsService } from './ingest-calls.service';

@Module({
  imports: [TypeOrmModule.forFeature([CallEntity]), TenantsModule],
  controllers: [CallsController, CallRawConsumer],
  providers: [CallsService, CallsRepository, IngestCallsService],
  exports: [CallsService, CallsRepository, IngestCallsService],
})
export class CallsModule {}
