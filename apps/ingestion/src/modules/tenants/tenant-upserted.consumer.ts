import { Injectable, OnModuleInit } from '@nestjs/common';
import { TenantUpserted, Topics } from '@qa/contracts';
import { ConsumeContext, EventConsumerHost } from '@qa/messaging';
import { TenantSettingsRepository } from './tenant-settings.repository';

export function validateTenantUpserted(e: TenantUpserted): string[] {
  const problems: string[] = [];
  if (!e.tenantId) problems.push('tenantId is empty');
  if (!(e.secondsPerRing >= 1 && e.secondsPerRing <= 30))
    problems.push('secondsPerRing must be 1..30');
  return problems;
}

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
