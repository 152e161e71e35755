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
   * One statement for many calls (unnest of column arrays); rows whose (tenant, callId) exists are
   * skipped. Concurrent duplicates wait on the first insert and are skipped too.
   * Returns the keys actually inserted.
   */
  async insertMany(manager: EntityManager, rows: NewCallRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <K extends keyof NewCallRow>(k: K) => rows.map((r) => r[k]);
    const inserted = (await manager.query(
      `INSERT INTO ingestion.calls (tenant_id, call_id, agent_id, team_id, direction, purpose, started_at,
         answered_at, ended_at, ring_count, body, body_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::int[], $11::jsonb[], $12::text[])
       ON CONFLICT (tenant_id, call_id) DO NOTHING
       RETURNING tenant_id, call_id`,
      [
        col('tenantId'),
        col('callId'),
        col('agentId'),
        col('teamId'),
        col('direction'),
        col('purpose'),
        col('startedAt'),
        col('answeredAt'),
        col('endedAt'),
        col('ringCount'),
        rows.map((r) => JSON.stringify(r.body)),
        col('bodyHash'),
      ],
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
