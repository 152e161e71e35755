import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { CallBody } from './calls.types';
import { CallEntity } from './entities/call.entity';

export interface NewCallRow {
  tenantId: string;
  callId: string;
  agentId: string;
  teamId: string;
  direction: string;
  purpose: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  ringCount: number;
  body: CallBody;
  bodyHash: string;
}

export interface CallListFilter {
  tenantId: string;
  agentId?: string;
  teamId?: string;
  from?: Date;
  to?: Date;
  after?: { startedAt: Date; callId: string };
  limit: number;
}

@Injectable()
export class CallsRepository {
  constructor(@InjectRepository(CallEntity) private readonly calls: Repository<CallEntity>) {}

  /**
   * One statement for many calls; rows whose (tenant, callId) exists are
   * skipped. Concurrent duplicates wait on the first insert and are skipped too.
   * Returns the keys actually inserted.
   */
  async insertMany(manager: EntityManager, rows: NewCallRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // One JSON parameter for the whole chunk: Postgres unpacks it, pg need not escape arrays.
    const records = rows.map((r) => ({
      tenant_id: r.tenantId,
      call_id: r.callId,
      agent_id: r.agentId,
      team_id: r.teamId,
      direction: r.direction,
      purpose: r.purpose,
      started_at: r.startedAt,
      answered_at: r.answeredAt,
      ended_at: r.endedAt,
      ring_count: r.ringCount,
      body: r.body,
      body_hash: r.bodyHash,
    }));
    const inserted = (await manager.query(
      `INSERT INTO ingestion.calls (tenant_id, call_id, agent_id, team_id, direction, purpose, started_at,
         answered_at, ended_at, ring_count, body, body_hash)
       SELECT tenant_id, call_id, agent_id, team_id, direction, purpose, started_at, answered_at, ended_at,
         ring_count, body, body_hash
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, call_id text, agent_id text, team_id text,
         direction text, purpose text, started_at timestamptz, answered_at timestamptz, ended_at timestamptz,
         ring_count int, body jsonb, body_hash text)
       ON CONFLICT (tenant_id, call_id) DO NOTHING
       RETURNING tenant_id, call_id`,
      [JSON.stringify(records)],
    )) as { tenant_id: string; call_id: string }[];
    return new Set(inserted.map((r) => `${r.tenant_id}\u0000${r.call_id}`));
  }

  async existing(manager: EntityManager, tenantId: string, callIds: string[]) {
    const rows = (await manager.query(
      'SELECT call_id, body, body_hash FROM ingestion.calls WHERE tenant_id = $1 AND call_id = ANY($2)',
      [tenantId, callIds],
    )) as { call_id: string; body: CallBody; body_hash: string }[];
    return new Map(rows.map((r) => [r.call_id, { body: r.body, bodyHash: r.body_hash }]));
  }

  findOne(tenantId: string, callId: string): Promise<CallEntity | null> {
    return this.calls.findOneBy({ tenantId, callId });
  }

  list(f: CallListFilter): Promise<CallEntity[]> {
    const q = this.calls
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId: f.tenantId });
    if (f.agentId !== undefined) q.andWhere('c.agent_id = :agentId', { agentId: f.agentId });
    if (f.teamId) q.andWhere('c.team_id = :teamId', { teamId: f.teamId });
    if (f.from) q.andWhere('c.started_at >= :from', { from: f.from });
    if (f.to) q.andWhere('c.started_at < :to', { to: f.to });
    if (f.after) {
      q.andWhere('(c.started_at, c.call_id) < (:afterAt, :afterId)', {
        afterAt: f.after.startedAt,
        afterId: f.after.callId,
      });
    }
    return q
      .orderBy('c.started_at', 'DESC')
      .addOrderBy('c.call_id', 'DESC')
      .limit(f.limit)
      .getMany();
  }
}
