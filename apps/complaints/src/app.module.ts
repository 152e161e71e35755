import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { configurePii } from '@qa/pii';
import { JobsModule } from '@qa/platform';
import { HealthModule, ServiceCoreModule } from '@qa/service-core';
import { ComplaintsEnv } from './config/complaints.env';
import { migrations } from './migrations';
import { CallbackEntity } from './modules/callbacks/callback.entity';
import { SettingsEntity } from './modules/settings/settings.entity';
import { SettingsModule } from './modules/settings/settings.module';
import { StatsModule } from './modules/stats/stats.module';
import { TicketHistoryEntity } from './modules/tickets/entities/ticket-history.entity';
import { TicketEntity } from './modules/tickets/entities/ticket.entity';
import { TicketsModule } from './modules/tickets/tickets.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'complaints',
      schema: 'complaints',
      env: ComplaintsEnv,
      entities: [TicketEntity, TicketHistoryEntity, CallbackEntity, SettingsEntity],
      migrations,
      produces: [
        Topics.ComplaintOpened,
        Topics.ComplaintTransitioned,
        Topics.ComplaintSlaBreached,
        Topics.CallbackScheduled,
        Topics.CallbackCompleted,
      ],
      beforeDatabase: (config) => configurePii(config.getOrThrow<string>('PII_KEY')),
    }),
    HealthModule.forRoot({ redis: true }),
    JobsModule.forRoot(),
    // Registered before the tickets routes so /stats and /settings are not taken for an :id.
    StatsModule,
    SettingsModule,
    TicketsModule,
  ],
})
export class AppModule {}
