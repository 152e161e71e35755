import { Module } from '@nestjs/common';
import { SettingsStoreModule } from '../settings/settings-store.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';

@Module({
  imports: [SettingsStoreModule],
  controllers: [StatsController],
  providers: [StatsRepository],
})
export class StatsModule {}
