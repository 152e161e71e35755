import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { configurePii } from '@qa/pii';
import { HealthModule, ServiceCoreModule } from '@qa/service-core';
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
      beforeDatabase: (config) => {
        const key = config.get<string>('PII_KEY');
        if (key) configurePii(key);
      },
    }),
    HealthModule.forRoot({ redis: true }),
    FactsModule,
    KpisModule,
    StreamModule,
    AggregatesModule,
  ],
})
export class AppModule {}
