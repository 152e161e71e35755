import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BusinessCalendar } from '@qa/business-calendar';
import { Queues } from '@qa/platform';
import { dueAt } from '../../domain/sla-clock';
import { SLA_PURPOSES } from '../../domain/ticket-clocks';
import { SettingsRepository } from '../settings/settings.repository';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { TicketsRepository } from '../tickets/tickets.repository';
import { SlaJobData, slaJobId } from './sla.types';

const RESYNC_CHUNK = 500;

/**
 * Puts a delayed job on each running deadline of a ticket. Ids are deterministic, so scheduling
 * again (a retry, the start-up resync) never doubles a timer; a deadline that moved gets a new
 * job and the old one finds nothing to do when it fires.
 */
@Injectable()
export class SlaTimers implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaTimers.name);

  constructor(
    @InjectQueue(Queues.ComplaintSla) private readonly queue: Queue<SlaJobData>,
    private readonly tickets: TicketsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async schedule(
    tickets: Pick<TicketEntity, 'id' | 'tenantId' | 'status' | 'clocks'>[],
    cal: BusinessCalendar,
  ): Promise<void> {
    const jobs = tickets.flatMap((t) =>
      SLA_PURPOSES.flatMap((purpose) => {
        const clock = t.clocks[purpose];
        const due = clock ? dueAt(cal, clock) : null;
        if (!due || t.status === 'closed') return [];
        const data: SlaJobData = {
          tenantId: t.tenantId,
          ticketId: t.id,
          purpose,
          dueAt: due.toISOString(),
        };
        return [
          {
            name: purpose,
            data,
            opts: { jobId: slaJobId(data), delay: Math.max(0, due.getTime() - Date.now()) },
          },
        ];
      }),
    );
    // addBulk keeps the deterministic jobId, so an existing timer is not added twice; one round
    // trip per chunk instead of per job (a resync of 28k tickets took minutes one by one).
    for (let i = 0; i < jobs.length; i += RESYNC_CHUNK)
      await this.queue.addBulk(jobs.slice(i, i + RESYNC_CHUNK));
  }

  /**
   * Redis may have lost jobs (flushed, restored): the rows say which timers must exist. Runs in
   * the background so a large backlog never holds up start-up; a processor re-reads the row anyway.
   */
  onApplicationBootstrap(): void {
    this.resync().catch((err: unknown) =>
      this.logger.error({ err: (err as Error).message }, 'SLA timer resync failed'),
    );
  }

  async resync(): Promise<void> {
    const rows = await this.tickets.withDeadlines();
    const byTenant = new Map<string, typeof rows>();
    for (const t of rows) byTenant.set(t.tenantId, [...(byTenant.get(t.tenantId) ?? []), t]);
    for (const [tenantId, list] of byTenant) {
      const { settings } = await this.settings.get(tenantId);
      await this.schedule(list, settings.calendar);
    }
    if (rows.length) this.logger.log({ tickets: rows.length }, 'SLA timers resynced');
  }
}
