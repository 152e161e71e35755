import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { SettingsModule } from '../settings/settings.module';
import { ComplaintEventsConsumer } from './complaint-events.consumer';
import { TrainingCallsController } from './training-calls.controller';
import { TrainingCallsService } from './training-calls.service';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

@Module({
  imports: [EvaluationsModule, SettingsModule],
  controllers: [TrainingController, TrainingCallsController, ComplaintEventsConsumer],
  providers: [TrainingRepository, TrainingService, TrainingCallsService],
})
export class TrainingModule {}
