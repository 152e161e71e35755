import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { DisputesController, ReviewSettingsController } from './disputes.controller';
import { DisputesService } from './disputes.service';
import { DisputeEntity } from './entities/dispute.entity';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { ReviewSettingsEntity } from './entities/review-settings.entity';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DisputeEntity, ReviewDecisionEntity, ReviewSettingsEntity]),
    EvaluationsModule,
  ],
  controllers: [ReviewsController, DisputesController, ReviewSettingsController],
  providers: [ReviewsRepository, ReviewsService, DisputesService],
  exports: [ReviewsRepository],
})
export class ReviewsModule {}
