import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { TenantsModule } from '../tenants/tenants.module';
import { EvaluationHistoryEntity } from './entities/evaluation-history.entity';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationHistoryRepository } from './evaluation-history.repository';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { ScoreCallService } from './score-call.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([EvaluationEntity, EvaluationHistoryEntity]),
    ScorecardsModule,
    TenantsModule,
  ],
  controllers: [EvaluationsController],
  providers: [
    EvaluationsRepository,
    EvaluationHistoryRepository,
    EvaluationsService,
    ScoreCallService,
  ],
  exports: [ScoreCallService, EvaluationsRepository, EvaluationHistoryRepository],
})
export class EvaluationsModule {}
