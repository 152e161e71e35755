import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { SettingsModule } from '../settings/settings.module';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { CoachingEventsConsumer } from './coaching-events.consumer';
import { RecordEvaluationsService } from './record-evaluations.service';

@Module({
  imports: [EvaluationsModule, SettingsModule],
  controllers: [AssignmentsController, CoachingEventsConsumer],
  providers: [AssignmentsRepository, AssignmentsService, RecordEvaluationsService],
})
export class AssignmentsModule {}
