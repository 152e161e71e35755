import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { configurePii } from '@qa/pii';
import { JobsModule } from '@qa/platform';
import { HealthModule, ServiceCoreModule } from '@qa/service-core';
import { ScoringEnv } from './config/scoring.env';
import { migrations } from './migrations';
import { AssignmentsModule } from './modules/assignments/assignments.module';
import { CalibrationModule } from './modules/calibration/calibration.module';
import { CallsModule } from './modules/calls/calls.module';
import { ScoredCallEntity } from './modules/calls/entities/scored-call.entity';
import { EvaluationHistoryEntity } from './modules/evaluations/entities/evaluation-history.entity';
import { EvaluationEntity } from './modules/evaluations/entities/evaluation.entity';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { ScorecardEntity } from './modules/scorecards/entities/scorecard.entity';
import { DisputeEntity } from './modules/reviews/entities/dispute.entity';
import { ReviewDecisionEntity } from './modules/reviews/entities/review-decision.entity';
import { ReviewSettingsEntity } from './modules/reviews/entities/review-settings.entity';
import { ReviewsModule } from './modules/reviews/reviews.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RescoringModule } from './modules/rescoring/rescoring.module';
import { ScorecardsModule } from './modules/scorecards/scorecards.module';
import { TenantEntity } from './modules/tenants/entities/tenant.entity';
import { TenantsModule } from './modules/tenants/tenants.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'scoring',
      schema: 'scoring',
      env: ScoringEnv,
      entities: [
        ScoredCallEntity,
        EvaluationEntity,
        ScorecardEntity,
        TenantEntity,
        ReviewDecisionEntity,
        EvaluationHistoryEntity,
        DisputeEntity,
        ReviewSettingsEntity,
      ],
      migrations,
      produces: [
        Topics.EvaluationScored,
        Topics.EvaluationReviewed,
        Topics.EvaluationReviewStep,
        Topics.ComplaintDetected,
      ],
      beforeDatabase: (config) => configurePii(config.getOrThrow<string>('PII_KEY')),
    }),
    HealthModule.forRoot({ redis: true }),
    JobsModule.forRoot(),
    TenantsModule,
    ScorecardsModule,
    EvaluationsModule,
    CallsModule,
    RescoringModule,
    AssignmentsModule,
    ReportsModule,
    CalibrationModule,
    ReviewsModule,
  ],
})
export class AppModule {}
