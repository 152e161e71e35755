import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { TenantsModule } from '../tenants/tenants.module';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { ScoreCallService } from './score-call.service';

@Module({
  imports: [TypeOrmModule.forFeature([EvaluationEntity]), ScorecardsModule, TenantsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsRepository, EvaluationsService, ScoreCallService],
  exports: [ScoreCallService, EvaluationsRepository],
})
export class EvaluationsModule {}
