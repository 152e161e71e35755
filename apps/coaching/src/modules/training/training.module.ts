import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ComplaintEventsConsumer } from './complaint-events.consumer';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

@Module({
  imports: [SettingsModule],
  controllers: [TrainingController, ComplaintEventsConsumer],
  providers: [TrainingRepository, TrainingService],
})
export class TrainingModule {}
