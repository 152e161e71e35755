import { Module } from '@nestjs/common';
import { CalibrationsController } from './calibrations.controller';
import { CalibrationsRepository } from './calibrations.repository';
import { CalibrationsService } from './calibrations.service';

@Module({
  controllers: [CalibrationsController],
  providers: [CalibrationsRepository, CalibrationsService],
})
export class CalibrationModule {}
