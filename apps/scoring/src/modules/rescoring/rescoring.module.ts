import { Module } from '@nestjs/common';
import { JobsModule, Queues } from '@qa/platform';
import { CallsModule } from '../calls/calls.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { RescoreController } from './rescore.controller';
import { RescoreProcessor } from './rescore.processor';
import { RescoreService } from './rescore.service';

@Module({
  imports: [
    // A re-score is long and asked for by a person: fewer attempts, kept a day (failed: a week).
    JobsModule.registerQueue(Queues.Rescore, {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 86400 },
      removeOnFail: { age: 7 * 86400 },
    }),
    CallsModule,
    EvaluationsModule,
    ScorecardsModule,
  ],
  controllers: [RescoreController],
  providers: [RescoreService, RescoreProcessor],
})
export class RescoringModule {}
