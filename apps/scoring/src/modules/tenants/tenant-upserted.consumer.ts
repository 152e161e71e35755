import { Injectable, OnModuleInit } from '@nestjs/common';
import { TenantUpserted, Topics, validateTenantUpserted } from '@qa/contracts';
import { ConsumeContext, EventConsumerHost } from '@qa/messaging';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TenantsRepository } from './tenants.repository';

/** Keeps the company name (greeting rule) and seconds per ring; installs the default scorecard. */
@Injectable()
export class TenantUpsertedConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly tenants: TenantsRepository,
    private readonly scorecards: ScorecardsService,
  ) {}

  onModuleInit(): void {
    this.host.on(Topics.TenantUpserted, (e, ctx) => this.handle(e, ctx), validateTenantUpserted);
  }

  async handle(e: TenantUpserted, ctx: ConsumeContext): Promise<void> {
    await this.tenants.upsert(ctx.manager, {
      tenantId: e.tenantId,
      companyName: e.companyName || e.name || e.tenantId,
      secondsPerRing: e.secondsPerRing,
    });
    await this.scorecards.ensureDefault(ctx.manager, e.tenantId);
  }
}
