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

  /** Calls started in [from, to), in a stable order, one page after `afterCallId`. */
  async page(
    tenantId: string,
    from: Date,
    to: Date,
    afterCallId: string,
    limit: number,
  ): Promise<Call[]> {
    const rows = await this.calls
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.started_at >= :from AND c.started_at < :to', {
        tenantId,
        from,
        to,
      })
      .andWhere('c.call_id > :after', { after: afterCallId })
      .orderBy('c.call_id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => Call.fromJSON(r.call));
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
