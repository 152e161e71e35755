import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { configurePii } from '@qa/pii';
import { HealthModule, ServiceCoreModule } from '@qa/service-core';
import { IngestionEnv } from './config/ingestion.env';
import { migrations } from './migrations';
import { CallsModule } from './modules/calls/calls.module';
import { CdrImportModule } from './modules/cdr-import/cdr-import.module';
import { RecordingsModule } from './modules/recordings/recordings.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { CallEntity } from './modules/calls/entities/call.entity';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'ingestion',
      schema: 'ingestion',
      env: IngestionEnv,
      entities: [CallEntity],
      migrations,
      produces: [Topics.CallIngested],
      beforeDatabase: (config) => configurePii(config.getOrThrow<string>('PII_KEY')),
    }),
    HealthModule.forRoot({ redis: false }),
    TenantsModule,
    CallsModule,
    RecordingsModule,
    CdrImportModule,
  ],
})
export class AppModule {}
