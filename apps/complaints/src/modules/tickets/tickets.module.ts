import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule, Queues } from '@qa/platform';
import { CallbackEntity } from '../callbacks/callback.entity';
import { AutoCallbackService } from '../callbacks/auto-callback.service';
import { CallbackCallsConsumer } from '../callbacks/callback-calls.consumer';
import { CallbackCallsRepository } from '../callbacks/callback-calls.repository';
import { CallbacksService } from '../callbacks/callbacks.service';
import { SettingsStoreModule } from '../settings/settings-store.module';
import { SlaBreachService } from '../sla/sla-breach.service';
import { SlaTimers } from '../sla/sla-timers';
import { SlaProcessor } from '../sla/sla.processor';
import { ComplaintDetectedConsumer } from './complaint-detected.consumer';
import { TicketHistoryEntity } from './entities/ticket-history.entity';
import { TicketEntity } from './entities/ticket.entity';
import { OpenTicketService } from './open-ticket.service';
import { TicketWorkflow } from './ticket-workflow';
import { TicketsController } from './tickets.controller';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

/** Tickets with their callbacks and SLA timers: one aggregate, one transaction per change. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TicketEntity, TicketHistoryEntity, CallbackEntity]),
    JobsModule.registerQueue(Queues.ComplaintSla),
    SettingsStoreModule,
  ],
  controllers: [TicketsController, CallbackCallsConsumer, ComplaintDetectedConsumer],
  providers: [
    TicketsRepository,
    TicketWorkflow,
    OpenTicketService,
    TicketsService,
    CallbacksService,
    CallbackCallsRepository,
    AutoCallbackService,
    SlaTimers,
    SlaBreachService,
    SlaProcessor,
  ],
  exports: [TicketsRepository, TicketWorkflow, SlaTimers],
})
export class TicketsModule {}
