import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { AppraisalController } from './appraisal.controller';
import { AppraisalRepository } from './appraisal.repository';
import { AppraisalService } from './appraisal.service';

@Module({
  imports: [SettingsModule],
  controllers: [AppraisalController],
  providers: [AppraisalRepository, AppraisalService],
  exports: [AppraisalService],
})
export class AppraisalModule {}
