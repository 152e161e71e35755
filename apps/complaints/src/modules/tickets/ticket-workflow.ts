import { Injectable } from '@nestjs/common';
import { businessHoursBetween } from '@qa/business-calendar';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { EntityManager } from 'typeorm';
import { ComplaintSettings } from '../../domain/complaint-settings';
import { clocksAfterMove, passedUnbreached, SlaPurpose, slaView } from '../../domain/ticket-clocks';
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
    await this.breachPassed(manager, t, settings, now, ctx.traceId);
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

  /**
   * Records a breach on a locked ticket: the breach, the supervisor's notification and the
   * published event, in the caller's transaction (the caller saves the ticket).
   */
  async recordBreach(
    manager: EntityManager,
    t: TicketEntity,
    b: { purpose: SlaPurpose; dueAt: string },
    now: Date,
    traceId: string,
  ): Promise<void> {
    t.breached = [...t.breached, { ...b, at: now.toISOString() }];
    await this.tickets.notify(manager, {
      tenantId: t.tenantId,
      ticketId: t.id,
      kind: 'sla_breached',
      recipient: 'supervisor',
      purpose: b.purpose,
      dueAt: b.dueAt,
    });
    await this.outbox.add(manager, [
      {
        topic: Topics.ComplaintSlaBreached,
        key: t.id,
        tenantId: t.tenantId,
        traceId,
        occurredAt: now.toISOString(),
        payload: {
          ticketId: t.id,
          tenantId: t.tenantId,
          status: t.status,
          dueAt: b.dueAt,
          breachedAt: now.toISOString(),
        },
      },
    ]);
  }

  /**
   * Before a change to a ticket's clocks: a deadline already past whose timer has not fired yet
   * (a restart, a Redis outage) is breached now, so a late action never counts as on time. The
   * timer, when it fires, finds the breach recorded.
   */
  async breachPassed(
    manager: EntityManager,
    t: TicketEntity,
    settings: ComplaintSettings,
    now: Date,
    traceId: string,
  ): Promise<void> {
    for (const b of passedUnbreached(settings.calendar, t.clocks, t.breached, now))
      await this.recordBreach(manager, t, b, now, traceId);
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
