import { Injectable } from '@nestjs/common';
import { businessHoursBetween } from '@qa/business-calendar';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { EntityManager } from 'typeorm';
import { ComplaintSettings } from '../../domain/complaint-settings';
import { clocksAfterMove, slaView } from '../../domain/ticket-clocks';
import { allowedMoves, canMove, TicketStatus } from '../../domain/ticket-state-machine';
import { TicketEntity } from './entities/ticket.entity';
import { TicketError } from './tickets.errors';
import { TicketsRepository } from './tickets.repository';

export interface MoveContext {
  actor: string;
  reason: string;
  now: Date;
  traceId: string;
  settings: ComplaintSettings;
}

/**
 * Moves a locked ticket through the state machine: timers, history and the published events in
 * the caller's transaction. Resolving schedules the follow-up callback (回访) at once.
 */
@Injectable()
export class TicketWorkflow {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly outbox: OutboxService,
  ) {}

  checkVersion(t: TicketEntity, expected: number): void {
    if (t.version !== expected)
      throw TicketError.stale(expected, t.version, allowedMoves(t.status));
  }

  async move(
    manager: EntityManager,
    t: TicketEntity,
    to: TicketStatus,
    ctx: MoveContext,
  ): Promise<void> {
    if (!canMove(t.status, to)) throw TicketError.illegal(t.status, to, allowedMoves(t.status));
    const { now, settings } = ctx;
    const from = t.status;
    t.clocks = clocksAfterMove(settings.calendar, settings.sla, t.clocks, to, now);
    t.status = to;
    t.version += 1;
    if (to === 'resolved') t.resolvedAt = now;
    if (to === 'closed') t.closedAt = now;
    if (to === 'reopened') t.reopenedCount += 1;
    if (to === 'callback_scheduled') t.callbackAttempt += 1;
    this.refresh(t, settings, now);
    await this.tickets.addHistory(manager, [
      {
        ticketId: t.id,
        at: now,
        actor: ctx.actor,
        fromStatus: from,
        toStatus: to,
        reason: ctx.reason,
      },
    ]);
    const base = {
      key: t.id,
      tenantId: t.tenantId,
      traceId: ctx.traceId,
      occurredAt: now.toISOString(),
    };
    await this.outbox.add(manager, [
      {
        ...base,
        topic: Topics.ComplaintTransitioned,
        payload: {
          ticketId: t.id,
          tenantId: t.tenantId,
          fromStatus: from,
          toStatus: to,
          actorId: ctx.actor,
          reason: ctx.reason,
          version: t.version,
          at: now.toISOString(),
          teamId: t.teamId ?? '',
          agentId: t.agentId ?? '',
          category: t.category,
          rootCause: t.rootCause ?? '',
          // The KPI service counts time to close by this tenant's calendar: it gets the figure.
          businessHoursOpen:
            to === 'closed' ? businessHoursBetween(settings.calendar, t.openedAt, now) : undefined,
        },
      },
    ]);
    if (to === 'callback_scheduled') await this.callbackScheduled(manager, t, ctx);
    if (to === 'resolved') {
      await this.move(manager, t, 'callback_scheduled', {
        ...ctx,
        actor: 'system',
        reason: 'follow-up callback (回访) scheduled',
      });
    }
  }

  async callbackScheduled(
    manager: EntityManager,
    t: TicketEntity,
    ctx: Pick<MoveContext, 'now' | 'traceId' | 'settings'>,
  ): Promise<void> {
    const view = slaView(ctx.settings.calendar, t.clocks, t.breached, ctx.now);
    await this.outbox.add(manager, [
      {
        topic: Topics.CallbackScheduled,
        key: t.id,
        tenantId: t.tenantId,
        traceId: ctx.traceId,
        occurredAt: ctx.now.toISOString(),
        payload: {
          ticketId: t.id,
          tenantId: t.tenantId,
          attempt: t.callbackAttempt,
          dueAt: view.callbackBy ?? '',
        },
      },
    ]);
  }

  /** The stored deadline columns the list sorts and filters by. */
  refresh(t: TicketEntity, settings: ComplaintSettings, now: Date): void {
    const view = slaView(settings.calendar, t.clocks, t.breached, now);
    t.nextDueAt = view.nextDueAt ? new Date(view.nextDueAt) : null;
    t.overdue = view.overdue && t.status !== 'closed';
    t.paused = view.paused;
  }
}
