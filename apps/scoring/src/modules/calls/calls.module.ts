import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallIngestedConsumer } from './call-ingested.consumer';
import { ScoredCallEntity } from './entities/scored-call.entity';
import { ScoredCallsRepository } from './scored-calls.repository';

@Module({
  imports: [TypeOrmModule.forFeature([ScoredCallEntity]), EvaluationsModule, AssignmentsModule],
  controllers: [CallIngestedConsumer],
  providers: [ScoredCallsRepository],
  exports: [ScoredCallsRepository],
})
export class CallsModule {}
