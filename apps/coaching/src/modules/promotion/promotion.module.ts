import { Module } from '@nestjs/common';
import { AppraisalModule } from '../appraisal/appraisal.module';
import { SettingsModule } from '../settings/settings.module';
import { PromotionController } from './promotion.controller';
import { PromotionRepository } from './promotion.repository';
import { PromotionService } from './promotion.service';

@Module({
  imports: [AppraisalModule, SettingsModule],
  controllers: [PromotionController],
  providers: [PromotionRepository, PromotionService],
})
export class PromotionModule {}
