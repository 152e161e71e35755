import { Injectable, OnModuleInit } from '@nestjs/common';
import { TenantUpserted, Topics, validateTenantUpserted } from '@qa/contracts';
import { ConsumeContext, EventConsumerHost } from '@qa/messaging';
import { TenantSettingsRepository } from './tenant-settings.repository';

/** Seconds per ring per tenant, for ring counts derived from ringing time. */
@Injectable()
export class TenantUpsertedConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly tenants: TenantSettingsRepository,
  ) {}

  onModuleInit(): void {
    this.host.on(Topics.TenantUpserted, (e, ctx) => this.handle(e, ctx), validateTenantUpserted);
  }

  async handle(e: TenantUpserted, ctx: ConsumeContext): Promise<void> {
    await this.tenants.upsert(ctx.manager, e.tenantId, {
      secondsPerRing: e.secondsPerRing,
      timezone: e.timezone || 'Asia/Shanghai',
    });
  }
}
