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
  controllers: [AssignmentsController],
  providers: [
    AssignmentsRepository,
    AssignmentsService,
    RecordEvaluationsService,
    CoachingEventsConsumer,
  ],
})
export class AssignmentsModule {}
