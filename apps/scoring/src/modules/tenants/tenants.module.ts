import { Module } from '@nestjs/common';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { TenantUpsertedConsumer } from './tenant-upserted.consumer';
import { TenantsRepository } from './tenants.repository';

@Module({
  imports: [ScorecardsModule],
  controllers: [TenantUpsertedConsumer],
  providers: [TenantsRepository],
  exports: [TenantsRepository],
})
export class TenantsModule {}
