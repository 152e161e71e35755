import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ComplaintDetected, EventMeta, Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { openEventCustomer, piiCipher } from '@qa/pii';
import { EntityManager } from 'typeorm';
import { ComplaintSettings } from '../../domain/complaint-settings';
import { openingClocks, slaView } from '../../domain/ticket-clocks';
import { SettingsRepository } from '../settings/settings.repository';
import { SlaTimers } from '../sla/sla-timers';
import { Severity, TicketEntity } from './entities/ticket.entity';
import { customerLookup } from './ticket-customer';
import { TicketWorkflow } from './ticket-workflow';
import { TicketsRepository } from './tickets.repository';

export const REPEAT_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface OpenTicketInput {
  tenantId: string;
  callId: string | null;
  evaluationId: string | null;
  /** In clear here; stored encrypted, with keyed hashes to look them up by. */
  customerId: string | null;
  customerPhone: string | null;
  /** The event's opaque key, for when it carries no numbers. */
  customerKey: string | null;
  agentId: string | null;
  teamId: string | null;
  category: string;
  severity: Severity;
  description: string;
}

/** Opens tickets, by hand or from detected complaints: exactly one per call. */
@Injectable()
export class OpenTicketService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly settingsRepo: SettingsRepository,
    private readonly workflow: TicketWorkflow,
    private readonly outbox: OutboxService,
    private readonly timers: SlaTimers,
  ) {}

  /** Null when the call already has a ticket. Timers are the caller's to schedule. */
  async open(
    manager: EntityManager,
    input: OpenTicketInput,
    ctx: { actor: string; reason: string; traceId: string; now: Date; settings: ComplaintSettings },
  ): Promise<TicketEntity | null> {
    const { now, settings } = ctx;
    const lookup = customerLookup(piiCipher(), input.tenantId, {
      id: input.customerId,
      phone: input.customerPhone,
    });
    const t = Object.assign(new TicketEntity(), {
      ...input,
      customerKey: lookup.customerKey ?? input.customerKey,
      customerIdHmac: lookup.idHmac,
      customerPhoneHmac: lookup.phoneHmac,
      id: randomUUID(),
      status: 'open',
      version: 1,
      assignee: null,
      rootCause: null,
      department: null,
      promisedReplyAt: null,
      clocks: openingClocks(settings.calendar, settings.sla, now),
      breached: [],
      repeatOf: null as string | null,
      callbackAttempt: 0,
      reopenedCount: 0,
      openedAt: now,
      resolvedAt: null,
      closedAt: null,
      updatedAt: now,
    } satisfies Partial<TicketEntity>);
    t.repeatOf = await this.tickets.previousOf(
      manager,
      t,
      new Date(now.getTime() - REPEAT_WINDOW_MS),
    );
    this.workflow.refresh(t, settings, now);
    if (!(await this.tickets.insertIfAbsent(manager, t))) return null;
    await this.tickets.addHistory(manager, [
      {
        ticketId: t.id,
        at: now,
        actor: ctx.actor,
        fromStatus: null,
        toStatus: 'open',
        reason: ctx.reason,
      },
    ]);
    const view = slaView(settings.calendar, t.clocks, t.breached, now);
    await this.outbox.add(manager, [
      {
        topic: Topics.ComplaintOpened,
        key: t.id,
        tenantId: t.tenantId,
        traceId: ctx.traceId,
        occurredAt: now.toISOString(),
        payload: {
          ticketId: t.id,
          tenantId: t.tenantId,
          callId: t.callId ?? '',
          agentId: t.agentId ?? '',
          teamId: t.teamId ?? '',
          customerId: t.customerKey ?? '',
          category: t.category,
          repeat: t.repeatOf !== null,
          openedAt: now.toISOString(),
          dueAt: view.acceptBy ?? '',
        },
      },
    ]);
    return t;
  }

  /**
   * Set-shaped for the consumer host: one ticket per detected call, in the host's transaction.
   * The timers go on before the commit; a rolled-back ticket's job finds no row and does nothing.
   */
  async openFromDetections(
    manager: EntityManager,
    items: ReadonlyArray<{ event: ComplaintDetected; meta: EventMeta }>,
    now: Date,
  ): Promise<TicketEntity[]> {
    const opened: TicketEntity[] = [];
    const cipher = piiCipher();
    for (const { event, meta } of items) {
      const { settings } = await this.settingsRepo.get(event.tenantId, manager);
      // Sealed numbers, or clear ones from events published before they were sealed.
      const customer = openEventCustomer(cipher, {
        phone: event.customerPhone,
        id: event.customerId,
        sealed: event.customerSealed,
      });
      const strong = event.evidence.some((e) => /12315|曝光|媒体|律师|起诉/.test(e.text));
      const t = await this.open(
        manager,
        {
          tenantId: event.tenantId,
          callId: event.callId,
          evaluationId: event.evaluationId || null,
          customerId: customer.id || null,
          customerPhone: customer.phone || null,
          customerKey: event.customerKey || null,
          agentId: event.agentId || null,
          teamId: event.teamId || null,
          category: 'unclassified',
          severity: strong ? 'high' : 'medium',
          description: `detected (${event.reason}): ${event.evidence.map((e) => e.text).join(', ')}`,
        },
        {
          actor: 'system',
          reason: `complaint detected (${event.reason})`,
          traceId: meta.traceId,
          now,
          settings,
        },
      );
      if (t) {
        opened.push(t);
        await this.timers.schedule([t], settings.calendar);
      }
    }
    return opened;
  }
}
