import { Module } from '@nestjs/common';
import { TenantSettingsRepository } from './tenant-settings.repository';
import { TenantUpsertedConsumer } from './tenant-upserted.consumer';

@Module({
  providers: [TenantSettingsRepository, TenantUpsertedConsumer],
  exports: [TenantSettingsRepository],
})
export class TenantsModule {}
