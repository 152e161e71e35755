import { Module } from '@nestjs/common';
import { AppraisalModule } from '../appraisal/appraisal.module';
import { SettingsModule } from '../settings/settings.module';
import { KpiFiguresRepository } from './kpi-figures.repository';
import { KpiUpdatedConsumer } from './kpi-updated.consumer';
import { PromotionController } from './promotion.controller';
import { PromotionRepository } from './promotion.repository';
import { PromotionService } from './promotion.service';

@Module({
  imports: [AppraisalModule, SettingsModule],
  controllers: [PromotionController, KpiUpdatedConsumer],
  providers: [PromotionRepository, PromotionService, KpiFiguresRepository],
})
export class PromotionModule {}
