import { Module } from '@nestjs/common';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { TenantUpsertedConsumer } from './tenant-upserted.consumer';
import { TenantsRepository } from './tenants.repository';

@Module({
  imports: [ScorecardsModule],
  providers: [TenantsRepository, TenantUpsertedConsumer],
  exports: [TenantsRepository],
})
export class TenantsModule {}
