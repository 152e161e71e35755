import { Module } from '@nestjs/common';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { AssignEvaluationsService } from './assign-evaluations.service';
import { AssignmentsRepository } from './assignments.repository';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';
import { SamplingPoliciesController } from './sampling-policies.controller';
import { SamplingPoliciesRepository } from './sampling-policies.repository';
import { SamplingPoliciesService } from './sampling-policies.service';

@Module({
  imports: [ScorecardsModule],
  controllers: [SamplingPoliciesController, ReviewQueueController],
  providers: [
    AssignEvaluationsService,
    AssignmentsRepository,
    ReviewQueueService,
    SamplingPoliciesRepository,
    SamplingPoliciesService,
  ],
  exports: [AssignEvaluationsService],
})
export class AssignmentsModule {}
