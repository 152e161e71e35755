import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { HealthModule, ServiceCoreModule } from '@qa/platform';
import { ScoringEnv } from './config/scoring.env';
import { migrations } from './migrations';
import { CallsModule } from './modules/calls/calls.module';
import { ScoredCallEntity } from './modules/calls/entities/scored-call.entity';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'scoring',
      schema: 'scoring',
      env: ScoringEnv,
      entities: [ScoredCallEntity],
      migrations,
      produces: [Topics.EvaluationScored, Topics.EvaluationReviewed, Topics.ComplaintDetected],
    }),
    HealthModule.forRoot({ redis: true }),
    CallsModule,
  ],
})
export class AppModule {}
