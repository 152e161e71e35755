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

  async save(manager: EntityManager, call: Call, eventId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ScoredCallEntity)
      .values({
        tenantId: call.tenantId,
        callId: call.callId,
        agentId: call.agentId,
        teamId: call.teamId,
        startedAt: new Date(call.startedAt),
        call: Call.toJSON(call) as object,
        eventId,
      })
      .orUpdate(['call', 'event_id', 'agent_id', 'team_id', 'started_at'], ['tenant_id', 'call_id'])
      .execute();
  }

  count(tenantId: string, callId: string): Promise<number> {
    return this.calls.countBy({ tenantId, callId });
  }
}
