import { Module } from '@nestjs/common';
import { TenantSettingsRepository } from './tenant-settings.repository';
import { TenantUpsertedConsumer } from './tenant-upserted.consumer';

@Module({
  controllers: [TenantUpsertedConsumer],
  providers: [TenantSettingsRepository],
  exports: [TenantSettingsRepository],
})
export class TenantsModule {}
