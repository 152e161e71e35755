import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TenantUpserted, Topics, validateTenantUpserted } from '@qa/contracts';
import { EventContext, EventOptions } from '@qa/messaging';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TenantsRepository } from './tenants.repository';

/** Keeps the company name (greeting rule) and seconds per ring; installs the default scorecard. */
@Controller()
export class TenantUpsertedConsumer {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly scorecards: ScorecardsService,
  ) {}

  @EventPattern(Topics.TenantUpserted, {
    validate: validateTenantUpserted,
  } satisfies EventOptions<TenantUpserted>)
  async handle(@Payload() e: TenantUpserted, @Ctx() ctx: EventContext): Promise<void> {
    await this.tenants.upsert(ctx.manager, {
      tenantId: e.tenantId,
      companyName: e.companyName || e.name || e.tenantId,
      secondsPerRing: e.secondsPerRing,
    });
    await this.scorecards.ensureDefault(ctx.manager, e.tenantId);
  }
}
