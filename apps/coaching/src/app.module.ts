import { Module } from '@nestjs/common';
import { HealthModule, ServiceCoreModule } from '@qa/service-core';
import { CoachingEnv } from './config/coaching.env';
import { migrations } from './migrations';
import { AppraisalModule } from './modules/appraisal/appraisal.module';
import { AssignmentsModule } from './modules/assignments/assignments.module';
import { PromotionModule } from './modules/promotion/promotion.module';
import { TrainingModule } from './modules/training/training.module';
import { SettingsModule } from './modules/settings/settings.module';
import { TrendsModule } from './modules/trends/trends.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'coaching',
      schema: 'coaching',
      env: CoachingEnv,
      entities: [],
      migrations,
      produces: [],
    }),
    HealthModule.forRoot({ redis: false }),
    SettingsModule,
    AssignmentsModule,
    AppraisalModule,
    PromotionModule,
    TrainingModule,
    TrendsModule,
  ],
})
export class AppModule {}
