import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { HealthModule, ServiceCoreModule } from '@qa/platform';
import { KpiEnv } from './config/kpi.env';
import { migrations } from './migrations';
import { AggregatesModule } from './modules/aggregates/aggregates.module';
import { FactsModule } from './modules/facts/facts.module';
import { KpisModule } from './modules/kpis/kpis.module';
import { StreamModule } from './modules/stream/stream.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'kpi',
      schema: 'kpi',
      env: KpiEnv,
      entities: [],
      migrations,
      produces: [Topics.KpiUpdated],
    }),
    HealthModule.forRoot({ redis: true }),
    FactsModule,
    KpisModule,
    StreamModule,
    AggregatesModule,
  ],
})
export class AppModule {}
