import { Injectable } from '@nestjs/common';
import { piiCipher } from '@qa/pii';
import {
  canSeePii,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  Identity,
  pageOf,
  tenantOf,
} from '@qa/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ComplaintSettings } from '../../domain/complaint-settings';
import { startClock } from '../../domain/sla-clock';
import { pauseAll, resumeAll } from '../../domain/ticket-clocks';
import { SettingsRepository } from '../settings/settings.repository';
import { SlaTimers } from '../sla/sla-timers';
import {
  CreateTicketRequestDto,
  ListTicketsRequestDto,
  PatchTicketRequestDto,
  TransitionRequestDto,
} from './dto/ticket.request.dto';
import {
  TicketDetailResponseDto,
  TicketPageResponseDto,
  TicketResponseDto,
} from './dto/ticket.response.dto';
import { TicketEntity } from './entities/ticket.entity';
import { OpenTicketService, REPEAT_WINDOW_MS } from './open-ticket.service';
import { customerLookup } from './ticket-customer';
import { TicketWorkflow } from './ticket-workflow';
import { TicketError } from './tickets.errors';
import { toCallbackResponse, toHistoryEntry, toTicketResponse } from './tickets.mapper';
import { TicketsRepository } from './tickets.repository';

function ticketsCursor(cursor: string): { rank: number; due: string; id: string } {
  const [rank, due, id] = decodeCursor(cursor, 3) ?? [];
  if (typeof rank === 'number' && typeof due === 'string' && typeof id === 'string')
    return { rank, due, id };
  throw TicketError.invalid([{ path: 'cursor', message: 'not a cursor this list gave out' }]);
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsRepository,
    private readonly settingsRepo: SettingsRepository,
    private readonly workflow: TicketWorkflow,
    private readonly opener: OpenTicketService,
    private readonly timers: SlaTimers,
  ) {}

  async create(
    identity: Identity,
    dto: CreateTicketRequestDto,
    traceId: string,
  ): Promise<TicketResponseDto> {
    const tenantId = tenantOf(identity);
    if (!dto.customer.id && !dto.customer.phone)
      throw TicketError.invalid([{ path: 'customer', message: 'give the customer id or phone' }]);
    const now = new Date();
    const { settings, ticket } = await this.dataSource.transaction(async (manager) => {
      const { settings } = await this.settingsRepo.get(tenantId, manager);
      const ticket = await this.opener.open(
        manager,
        {
          tenantId,
          callId: dto.callId ?? null,
          evaluationId: null,
          customerId: dto.customer.id ?? null,
          customerPhone: dto.customer.phone ?? null,
          customerKey: null,
          agentId: dto.agentId ?? (identity.role === 'agent' ? (identity.agentId ?? null) : null),
          teamId: dto.teamId ?? null,
          category: dto.category,
          severity: dto.severity ?? 'medium',
          description: dto.description,
        },
        { actor: identity.username, reason: 'logged by hand', traceId, now, settings },
      );
      if (!ticket) {
        const existing = await this.tickets.findByCall(manager, tenantId, dto.callId!);
        throw TicketError.duplicateCall(dto.callId!, existing?.id ?? '');
      }
      return { settings, ticket };
    });
    await this.timers.schedule([ticket], settings.calendar);
    return toTicketResponse(ticket, canSeePii(identity), settings.calendar, now);
  }

  async list(identity: Identity, q: ListTicketsRequestDto): Promise<TicketPageResponseDto> {
    const tenantId = tenantOf(identity);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.tickets.list({
      tenantId,
      status: q.status,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      category: q.category,
      assignee: q.assignee,
      callId: q.callId,
      // A blank id hashes to '' and so matches no ticket, as before.
      customerIdHmac: q.customerId
        ? (customerLookup(piiCipher(), tenantId, { id: q.customerId }).idHmac ?? '')
        : undefined,
      after: q.cursor ? ticketsCursor(q.cursor) : undefined,
      limit: limit + 1,
    });
    const { settings } = await this.settingsRepo.get(tenantId);
    const now = new Date();
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.rank, r.due, r.row.id]);
    return {
      items: page.map((r) => toTicketResponse(r.row, canSeePii(identity), settings.calendar, now)),
      nextCursor,
    };
  }

  async get(identity: Identity, id: string): Promise<TicketDetailResponseDto> {
    const tenantId = tenantOf(identity);
    const t = await this.tickets.find(tenantId, id);
    if (!t) throw TicketError.notFound(id);
    const [history, callbacks, { settings }] = await Promise.all([
      this.tickets.history(t.id),
      this.tickets.callbacks(t.id),
      this.settingsRepo.get(tenantId),
    ]);
    const pii = canSeePii(identity);
    return {
      ...toTicketResponse(t, pii, settings.calendar, new Date()),
      history: history.map((h) => toHistoryEntry(h, pii)),
      callbacks: callbacks.map((c) => toCallbackResponse(c, pii)),
    };
  }

  async transition(
    identity: Identity,
    id: string,
    dto: TransitionRequestDto,
    traceId: string,
  ): Promise<TicketResponseDto> {
    return this.write(identity, id, dto.expectedVersion, async (manager, t, settings, now) => {
      await this.workflow.move(manager, t, dto.to, {
        actor: identity.username,
        reason: dto.reason ?? '',
        now,
        traceId,
        settings,
      });
    });
  }

  async patch(
    identity: Identity,
    id: string,
    dto: PatchTicketRequestDto,
  ): Promise<TicketResponseDto> {
    return this.write(identity, id, dto.expectedVersion, async (manager, t, settings, now) => {
      if (dto.promisedReplyAt !== undefined && Date.parse(dto.promisedReplyAt) <= now.getTime())
        throw TicketError.invalid([{ path: 'promisedReplyAt', message: 'must be in the future' }]);
      // Pausing or a new promise must not hide a deadline that has passed unfired.
      await this.workflow.breachPassed(manager, t, settings, now, `sla:${t.id}`);
      const notes: string[] = [];
      if (dto.assignee !== undefined) {
        t.assignee = dto.assignee === '' ? null : dto.assignee;
        notes.push(t.assignee ? `assigned to ${t.assignee}` : 'unassigned');
      }
      if (dto.category !== undefined && dto.category !== t.category) {
        t.category = dto.category;
        t.repeatOf = await this.tickets.previousOf(
          manager,
          t,
          new Date(t.openedAt.getTime() - REPEAT_WINDOW_MS),
        );
      }
      if (dto.rootCause !== undefined) t.rootCause = dto.rootCause || null;
      if (dto.department !== undefined) t.department = dto.department || null;
      if (dto.severity !== undefined) t.severity = dto.severity;
      if (dto.promisedReplyAt !== undefined) {
        t.promisedReplyAt = new Date(dto.promisedReplyAt);
        const minutes = (t.promisedReplyAt.getTime() - now.getTime()) / 60_000;
        t.clocks = { ...t.clocks, reply: startClock('calendar', minutes, now) };
        notes.push(`reply promised by ${dto.promisedReplyAt}`);
      }
      if (dto.waitingOnCustomer !== undefined && dto.waitingOnCustomer !== t.paused) {
        t.clocks = dto.waitingOnCustomer
          ? pauseAll(settings.calendar, t.clocks, now)
          : resumeAll(t.clocks, now);
        notes.push(dto.waitingOnCustomer ? 'waiting on the customer: SLA paused' : 'SLA resumed');
      }
      t.version += 1;
      this.workflow.refresh(t, settings, now);
      if (notes.length) {
        await this.tickets.addHistory(manager, [
          {
            ticketId: t.id,
            at: now,
            actor: identity.username,
            fromStatus: t.status,
            toStatus: t.status,
            reason: notes.join('; '),
          },
        ]);
      }
    });
  }

  /** Lock, check the version, change, save; timers after the commit. Nothing half-written. */
  private async write(
    identity: Identity,
    id: string,
    expectedVersion: number,
    change: (
      manager: EntityManager,
      t: TicketEntity,
      s: ComplaintSettings,
      now: Date,
    ) => Promise<void>,
  ): Promise<TicketResponseDto> {
    const tenantId = tenantOf(identity);
    const now = new Date();
    const { t, settings } = await this.dataSource.transaction(async (manager) => {
      const t = await this.tickets.lock(manager, tenantId, id);
      if (!t) throw TicketError.notFound(id);
      this.workflow.checkVersion(t, expectedVersion);
      const { settings } = await this.settingsRepo.get(tenantId, manager);
      await change(manager, t, settings, now);
      await this.tickets.update(manager, t);
      return { t, settings };
    });
    await this.timers.schedule([t], settings.calendar);
    return toTicketResponse(t, canSeePii(identity), settings.calendar, now);
  }
}
