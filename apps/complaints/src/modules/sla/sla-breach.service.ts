import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dueAt } from '../../domain/sla-clock';
import { canMove } from '../../domain/ticket-state-machine';
import { SettingsRepository } from '../settings/settings.repository';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { TicketsRepository } from '../tickets/tickets.repository';
import { SlaJobData } from './sla.types';

/** Early wake-ups are tolerated by this much (timers of different processes drift). */
const TOLERANCE_MS = 1000;

export type BreachOutcome = 'breached' | 'not-due' | 'gone';

@Injectable()
export class SlaBreachService {
  private readonly logger = new Logger(SlaBreachService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly settingsRepo: SettingsRepository,
    private readonly workflow: TicketWorkflow,
  ) {}

  /**
   * A timer fired. The row decides: a ticket that moved on, a clock that stopped or paused, a
   * deadline pushed later, or a breach already recorded, means nothing to do. A breach escalates
   * the ticket, notifies the supervisor and is published, all in one transaction.
   */
  async fire(job: SlaJobData, now: Date): Promise<BreachOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const t = await this.tickets.lock(manager, job.tenantId, job.ticketId);
      const clock = t?.clocks[job.purpose];
      if (!t || !clock || t.status === 'closed') return 'gone';
      const { settings } = await this.settingsRepo.get(t.tenantId, manager);
      const due = dueAt(settings.calendar, clock);
      if (!due || due.getTime() > now.getTime() + TOLERANCE_MS) return 'not-due';
      const dueIso = due.toISOString();
      if (t.breached.some((b) => b.purpose === job.purpose && b.dueAt === dueIso)) return 'gone';
      const traceId = `sla:${t.id}`;
      await this.workflow.recordBreach(
        manager,
        t,
        { purpose: job.purpose, dueAt: dueIso },
        now,
        traceId,
      );
      if (canMove(t.status, 'escalated')) {
        await this.workflow.move(manager, t, 'escalated', {
          actor: 'system',
          reason: `SLA breached: ${job.purpose} was due ${dueIso}`,
          now,
          traceId,
          settings,
        });
      } else {
        t.version += 1;
        this.workflow.refresh(t, settings, now);
      }
      await this.tickets.update(manager, t);
      this.logger.warn({ ticketId: t.id, purpose: job.purpose, dueAt: dueIso }, 'SLA breached');
      return 'breached';
    });
  }
}
