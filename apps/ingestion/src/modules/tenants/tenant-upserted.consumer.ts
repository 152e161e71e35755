import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TenantUpserted, Topics, validateTenantUpserted } from '@qa/contracts';
import { EventContext, EventOptions } from '@qa/messaging';
import { TenantSettingsRepository } from './tenant-settings.repository';

/** Seconds per ring per tenant, for ring counts derived from ringing time. */
@Controller()
export class TenantUpsertedConsumer {
  constructor(private readonly tenants: TenantSettingsRepository) {}

  @EventPattern(Topics.TenantUpserted, {
    validate: validateTenantUpserted,
  } satisfies EventOptions<TenantUpserted>)
  async handle(@Payload() e: TenantUpserted, @Ctx() ctx: EventContext): Promise<void> {
    await this.tenants.upsert(ctx.manager, e.tenantId, {
      secondsPerRing: e.secondsPerRing,
      timezone: e.timezone || 'Asia/Shanghai',
    });
  }
}
