import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { SettingsStoreModule } from './settings-store.module';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  imports: [SettingsStoreModule, TicketsModule],
  controllers: [SettingsController],
  providers: [SettingsService],
})
export class SettingsModule {}
