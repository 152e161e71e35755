import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CallbackEntity } from '../callbacks/callback.entity';
import { TicketHistoryEntity } from './entities/ticket-history.entity';
import { TicketEntity } from './entities/ticket.entity';

export interface TicketFilter {
  tenantId: string;
  status?: string;
  overdue?: boolean;
  category?: string;
  assignee?: string;
  callId?: string;
  /** The keyed hash of the customer id asked for (customerLookup). */
  customerIdHmac?: string;
  /** Keyset: rows after this (rank, due, id) in urgency order. */
  after?: { rank: number; due: string; id: string };
  limit: number;
}

/** 0 = overdue, 1 = running deadline, 2 = nothing running (closed, paused): the list's order. */
const RANK = `(CASE WHEN t.overdue OR t.next_due_at <= now() THEN 0 WHEN t.next_due_at IS NULL THEN 2 ELSE 1 END)`;
const DUE = `COALESCE(t.next_due_at, CAST('infinity' AS timestamptz))`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TicketsRepository {
  constructor(@InjectRepository(TicketEntity) private readonly rows: Repository<TicketEntity>) {}

  /** False when the tenant's call already has a ticket. */
  async insertIfAbsent(manager: EntityManager, row: TicketEntity): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(TicketEntity)
      .values(row as QueryDeepPartialEntity<TicketEntity>)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  async lock(manager: EntityManager, tenantId: string, id: string): Promise<TicketEntity | null> {
    if (!UUID.test(id)) return null;
    return manager
      .getRepository(TicketEntity)
      .findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
  }

  find(tenantId: string, id: string): Promise<TicketEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ tenantId, id }) : Promise.resolve(null);
  }

  findByCall(
    manager: EntityManager,
    tenantId: string,
    callId: string,
  ): Promise<TicketEntity | null> {
    return manager.getRepository(TicketEntity).findOneBy({ tenantId, callId });
  }

  async update(manager: EntityManager, row: TicketEntity): Promise<void> {
    const { id, ...rest } = row;
    await manager
      .getRepository(TicketEntity)
      .update({ id }, { ...rest, updatedAt: new Date() } as QueryDeepPartialEntity<TicketEntity>);
  }

  /**
   * The latest earlier ticket of this customer in this category since `since`: the same id, else
   * (no id given) the same phone, compared by their keyed hashes.
   */
  async previousOf(
    manager: EntityManager,
    t: Pick<TicketEntity, 'id' | 'tenantId' | 'customerIdHmac' | 'customerPhoneHmac' | 'category'>,
    since: Date,
  ): Promise<string | null> {
    const byId = t.customerIdHmac !== null;
    const who = byId ? t.customerIdHmac : t.customerPhoneHmac;
    if (!who) return null;
    const rows = (await manager.query(
      `SELECT id FROM complaints.tickets
       WHERE tenant_id = $1 AND ${byId ? 'customer_id_hmac' : 'customer_phone_hmac'} = $2
         AND category = $3
         AND opened_at >= $4 AND id <> $5
       ORDER BY opened_at DESC LIMIT 1`,
      [t.tenantId, who, t.category, since, t.id],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async addHistory(manager: EntityManager, rows: Omit<TicketHistoryEntity, 'id'>[]): Promise<void> {
    if (rows.length) await manager.getRepository(TicketHistoryEntity).insert(rows);
  }

  history(ticketId: string): Promise<TicketHistoryEntity[]> {
    return this.rows.manager
      .getRepository(TicketHistoryEntity)
      .find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  callbacks(ticketId: string): Promise<CallbackEntity[]> {
    return this.rows.manager
      .getRepository(CallbackEntity)
      .find({ where: { ticketId }, order: { at: 'ASC', attempt: 'ASC' } });
  }

  async insertCallback(manager: EntityManager, row: CallbackEntity): Promise<void> {
    await manager.getRepository(CallbackEntity).insert(row);
  }

  /** Most urgent first: overdue, then the nearest deadline; closed and paused last. */
  async list(f: TicketFilter): Promise<{ row: TicketEntity; rank: number; due: string }[]> {
    const q = this.rows
      .createQueryBuilder('t')
      .addSelect(RANK, 'rank')
      .addSelect(`CAST(${DUE} AS text)`, 'due')
      .where('t.tenant_id = :tenantId', { tenantId: f.tenantId });
    if (f.status) q.andWhere('t.status = :status', { status: f.status });
    if (f.overdue !== undefined)
      q.andWhere(
        `${f.overdue ? '' : 'NOT '}(t.overdue OR COALESCE(t.next_due_at <= now(), false))`,
      );
    if (f.category) q.andWhere('t.category = :category', { category: f.category });
    if (f.assignee) q.andWhere('t.assignee = :assignee', { assignee: f.assignee });
    if (f.callId) q.andWhere('t.call_id = :callId', { callId: f.callId });
    if (f.customerIdHmac !== undefined)
      q.andWhere('t.customer_id_hmac = :idHmac', { idHmac: f.customerIdHmac });
    if (f.after) {
      q.andWhere(`(${RANK}, ${DUE}, t.id) > (:rank, CAST(:due AS timestamptz), :afterId)`, {
        rank: f.after.rank,
        due: f.after.due,
        afterId: f.after.id,
      });
    }
    q.orderBy(RANK, 'ASC').addOrderBy(DUE, 'ASC').addOrderBy('t.id', 'ASC').limit(f.limit);
    const { entities, raw } = await q.getRawAndEntities<{ rank: number; due: string }>();
    return entities.map((row, i) => ({ row, rank: Number(raw[i].rank), due: raw[i].due }));
  }

  /** Open tickets of a tenant, locked, to recompute their deadlines. */
  activeLocked(manager: EntityManager, tenantId: string): Promise<TicketEntity[]> {
    return manager
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where(`t.tenant_id = :tenantId AND t.status <> 'closed'`, { tenantId })
      .getMany();
  }

  /**
   * Every ticket with a running deadline (start-up resync of the timers): only what the timers
   * need, so tens of thousands of rows are read without opening their customer numbers.
   */
  withDeadlines(): Promise<Pick<TicketEntity, 'id' | 'tenantId' | 'status' | 'clocks'>[]> {
    return this.rows
      .createQueryBuilder('t')
      .select(['t.id', 't.tenantId', 't.status', 't.clocks'])
      .where(`t.status <> 'closed' AND t.next_due_at IS NOT NULL`)
      .getMany();
  }

  async notify(
    manager: EntityManager,
    n: {
      tenantId: string;
      ticketId: string;
      kind: string;
      recipient: string;
      purpose: string;
      dueAt: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO complaints.notifications (tenant_id, ticket_id, kind, recipient, purpose, due_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [n.tenantId, n.ticketId, n.kind, n.recipient, n.purpose, n.dueAt],
    );
  }

  notifications(
    tenantId: string,
    ticketId: string,
  ): Promise<
    { kind: string; recipient: string; purpose: string; due_at: Date; created_at: Date }[]
  > {
    return this.rows.query(
      `SELECT kind, recipient, purpose, due_at, created_at FROM complaints.notifications
       WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY id`,
      [tenantId, ticketId],
    );
  }
}
