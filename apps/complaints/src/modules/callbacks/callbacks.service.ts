import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { canSeePii, Identity, tenantOf } from '@qa/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ComplaintSettings } from '../../domain/complaint-settings';
import { startClock } from '../../domain/sla-clock';
import { slaView } from '../../domain/ticket-clocks';
import { acceptsCallback } from '../../domain/ticket-state-machine';
import { SettingsRepository } from '../settings/settings.repository';
import { SlaTimers } from '../sla/sla-timers';
import { RecordedCallbackResponseDto } from '../tickets/dto/ticket.response.dto';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { TicketError } from '../tickets/tickets.errors';
import { toCallbackResponse, toTicketResponse } from '../tickets/tickets.mapper';
import { TicketsRepository } from '../tickets/tickets.repository';
import { CallbackEntity } from './callback.entity';
import { RecordCallbackRequestDto } from './dto/callback.request.dto';

/**
 * The 回访记录: each attempt is kept. No answer is retried (attempts and delay from the settings)
 * before it counts as failed; an unhappy customer reopens the ticket.
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly settingsRepo: SettingsRepository,
    private readonly workflow: TicketWorkflow,
    private readonly outbox: OutboxService,
    private readonly timers: SlaTimers,
  ) {}

  async record(
    identity: Identity,
    id: string,
    dto: RecordCallbackRequestDto,
    traceId: string,
  ): Promise<RecordedCallbackResponseDto> {
    const tenantId = tenantOf(identity);
    const now = new Date();
    const { t, row, settings } = await this.dataSource.transaction(async (manager) => {
      const t = await this.tickets.lock(manager, tenantId, id);
      if (!t) throw TicketError.notFound(id);
      const { settings } = await this.settingsRepo.get(tenantId, manager);
      const row = await this.apply(manager, t, dto, {
        actor: identity.username,
        now,
        traceId,
        settings,
      });
      return { t, row, settings };
    });
    await this.timers.schedule([t], settings.calendar);
    const pii = canSeePii(identity);
    return {
      ...toCallbackResponse(row, pii),
      ticket: toTicketResponse(t, pii, settings.calendar, now),
    };
  }

  /** Records a callback on a locked ticket and saves it; timers are the caller's to schedule. */
  async apply(
    manager: EntityManager,
    t: TicketEntity,
    dto: RecordCallbackRequestDto,
    ctx: { actor: string; now: Date; traceId: string; settings: ComplaintSettings },
  ): Promise<CallbackEntity> {
    const { now, settings, traceId } = ctx;
    // A retry restarts the callback clock: a passed deadline is breached before it goes.
    await this.workflow.breachPassed(manager, t, settings, now, traceId);
    const due = slaView(settings.calendar, t.clocks, t.breached, now).callbackBy;
    if (!acceptsCallback(t.status) || !due) throw TicketError.callbackNotExpected(t.status);
    const retry =
      dto.outcome === 'no_answer' && t.callbackAttempt < settings.callbackRetry.attempts;
    const row: CallbackEntity = {
      id: randomUUID(),
      ticketId: t.id,
      tenantId: t.tenantId,
      attempt: t.callbackAttempt,
      outcome: dto.outcome,
      satisfaction: dto.satisfaction ?? null,
      notes: dto.notes ?? '',
      callId: dto.callId ?? null,
      recordedBy: ctx.actor,
      at: now,
      dueAt: new Date(due),
      onTime: now.getTime() <= Date.parse(due),
      final: !retry,
    };
    await this.tickets.insertCallback(manager, row);
    const moveCtx = { actor: ctx.actor, now, traceId, settings };
    if (retry) {
      t.callbackAttempt += 1;
      t.clocks = {
        ...t.clocks,
        callback: startClock('business_hours', settings.callbackRetry.delayMinutes, now),
      };
      t.version += 1;
      this.workflow.refresh(t, settings, now);
      await this.tickets.addHistory(manager, [
        {
          ticketId: t.id,
          at: now,
          actor: ctx.actor,
          fromStatus: t.status,
          toStatus: t.status,
          reason: `callback attempt ${row.attempt}: no answer; retry ${t.callbackAttempt} scheduled`,
        },
      ]);
      await this.workflow.callbackScheduled(manager, t, moveCtx);
    } else {
      await this.complete(manager, t, row, dto, moveCtx);
    }
    await this.tickets.update(manager, t);
    return row;
  }

  private async complete(
    manager: EntityManager,
    t: TicketEntity,
    row: CallbackEntity,
    dto: RecordCallbackRequestDto,
    ctx: { actor: string; now: Date; traceId: string; settings: ComplaintSettings },
  ): Promise<void> {
    const { now } = ctx;
    const unhappy =
      dto.outcome === 'reached' && ((dto.satisfaction ?? 5) <= 2 || dto.problemSolved === false);
    const summary =
      dto.outcome === 'reached'
        ? `callback: reached${dto.satisfaction ? `, satisfaction ${dto.satisfaction}` : ''}`
        : `callback failed: ${dto.outcome} (attempt ${row.attempt})`;
    await this.outbox.add(manager, [
      {
        topic: Topics.CallbackCompleted,
        key: t.id,
        tenantId: t.tenantId,
        traceId: ctx.traceId,
        occurredAt: now.toISOString(),
        payload: {
          ticketId: t.id,
          tenantId: t.tenantId,
          attempt: row.attempt,
          outcome:
            dto.outcome !== 'reached' ? 'unreachable' : unhappy ? 'unsatisfied' : 'satisfied',
          satisfaction: dto.satisfaction ?? 0,
          onTime: row.onTime,
          doneAt: now.toISOString(),
          teamId: t.teamId ?? '',
          agentId: t.agentId ?? '',
        },
      },
    ]);
    await this.workflow.move(manager, t, 'callback_done', { ...ctx, reason: summary });
    if (unhappy) {
      const why =
        dto.satisfaction && dto.satisfaction <= 2
          ? `satisfaction ${dto.satisfaction}`
          : 'problem remains';
      await this.workflow.move(manager, t, 'reopened', {
        ...ctx,
        reason: `the customer is not satisfied (${why})`,
      });
    }
  }
}
