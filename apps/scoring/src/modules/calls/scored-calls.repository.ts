import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Call } from '@qa/contracts';
import { EntityManager, Repository } from 'typeorm';
import { ScoredCallEntity } from './entities/scored-call.entity';

@Injectable()
export class ScoredCallsRepository {
  constructor(
    @InjectRepository(ScoredCallEntity) private readonly calls: Repository<ScoredCallEntity>,
  ) {}

  /** Upserts the calls' copies with one statement; a call repeated in `calls` keeps its last copy. */
  async saveMany(
    manager: EntityManager,
    calls: ReadonlyArray<{ call: Call; eventId: string }>,
  ): Promise<void> {
    const last = new Map<string, { call: Call; eventId: string }>();
    for (const c of calls) last.set(`${c.call.tenantId}\u0000${c.call.callId}`, c);
    if (last.size === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ScoredCallEntity)
      .values(
        [...last.values()].map(({ call, eventId }) => ({
          tenantId: call.tenantId,
          callId: call.callId,
          agentId: call.agentId,
          teamId: call.teamId,
          startedAt: new Date(call.startedAt),
          call: Call.toJSON(call) as object,
          eventId,
        })),
      )
      .orUpdate(['call', 'event_id', 'agent_id', 'team_id', 'started_at'], ['tenant_id', 'call_id'])
      .updateEntity(false)
      .execute();
  }

  /**
   * Calls started in [from, to), one page after `after`, by the keyset (started_at, call_id) the
   * (tenant_id, started_at) index serves: each page costs the same however deep the scan is.
   * started_at is always written from a JS Date (saveMany), so the cursor's milliseconds are exact.
   */
  async page(
    tenantId: string,
    from: Date,
    to: Date,
    after: { startedAt: Date; callId: string } | null,
    limit: number,
  ): Promise<{ calls: Call[]; last: { startedAt: Date; callId: string } | null }> {
    const q = this.calls
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.started_at >= :from AND c.started_at < :to', {
        tenantId,
        from,
        to,
      });
    if (after) {
      q.andWhere('(c.started_at, c.call_id) > (:afterAt, :afterId)', {
        afterAt: after.startedAt,
        afterId: after.callId,
      });
    }
    const rows = await q
      .orderBy('c.started_at', 'ASC')
      .addOrderBy('c.call_id', 'ASC')
      .limit(limit)
      .getMany();
    const tail = rows[rows.length - 1];
    return {
      calls: rows.map((r) => Call.fromJSON(r.call)),
      last: tail ? { startedAt: tail.startedAt, callId: tail.callId } : null,
    };
  }

  countInRange(tenantId: string, from: Date, to: Date): Promise<number> {
    return this.calls
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.started_at >= :from AND c.started_at < :to', {
        tenantId,
        from,
        to,
      })
      .getCount();
  }
}
