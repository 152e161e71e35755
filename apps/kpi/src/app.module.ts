import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { HealthModule, ServiceCoreModule } from '@qa/platform';
import { KpiEnv } from './config/kpi.env';
import { migrations } from './migrations';

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
  ],
})
export class AppModule {}
