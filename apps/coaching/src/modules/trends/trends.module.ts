import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { SettingsModule } from '../settings/settings.module';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

@Module({
  imports: [EvaluationsModule, SettingsModule],
  controllers: [TrendsController],
  providers: [TrendsService],
})
export class TrendsModule {}
