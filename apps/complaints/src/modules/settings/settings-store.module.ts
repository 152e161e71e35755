import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsEntity } from './settings.entity';
import { SettingsRepository } from './settings.repository';

/** The settings rows, read by every feature that computes a deadline. */
@Module({
  imports: [TypeOrmModule.forFeature([SettingsEntity])],
  providers: [SettingsRepository],
  exports: [SettingsRepository],
})
export class SettingsStoreModule {}
