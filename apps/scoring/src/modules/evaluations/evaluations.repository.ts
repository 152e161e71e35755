import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EvaluationEntity } from './entities/evaluation.entity';

export interface EvaluationFilter {
  tenantId: string;
  callId?: string;
  agentId?: string;
  teamId?: string;
  from?: Date;
  to?: Date;
  grade?: string;
  ruleFailed?: string;
  /** Only evaluations released to their agent. */
  releasedOnly?: boolean;
  /** Keyset cursor: rows strictly older than this (started_at, id). */
  after?: { startedAt: Date; id: string };
  limit: number;
}

@Injectable()
export class EvaluationsRepository {
  constructor(
    @InjectRepository(EvaluationEntity) private readonly rows: Repository<EvaluationEntity>,
  ) {}

  /**
   * One evaluation per call and scorecard version, all rows in one statement; answers the ids of
   * the rows stored (the others existed already).
   */
  async insertManyIfAbsent(
    manager: EntityManager,
    rows: ReadonlyArray<Omit<EvaluationEntity, 'createdAt'>>,
  ): Promise<Map<string, Date>> {
    if (rows.length === 0) return new Map();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EvaluationEntity)
      // jsonb columns hold engine types TypeORM's deep-partial typing cannot follow.
      .values([...rows] as QueryDeepPartialEntity<EvaluationEntity>[])
      .orIgnore()
      .returning(['id', 'createdAt'])
      .updateEntity(false)
      .execute();
    return new Map(
      (result.raw as { id: string; created_at: Date }[]).map((r) => [r.id, r.created_at]),
    );
  }

  /** The newest evaluation of each call, whatever scorecard version made it. */
  async latestScores(
    tenantId: string,
    callIds: string[],
  ): Promise<Map<string, { score: number; grade: string }>> {
    if (callIds.length === 0) return new Map();
    const rows = (await this.rows.query(
      `SELECT DISTINCT ON (call_id) call_id, score, grade FROM scoring.evaluations
       WHERE tenant_id = $1 AND call_id = ANY($2) ORDER BY call_id, created_at DESC`,
      [tenantId, callIds],
    )) as { call_id: string; score: string; grade: string }[];
    return new Map(rows.map((r) => [r.call_id, { score: Number(r.score), grade: r.grade }]));
  }

  findById(tenantId: string, id: string): Promise<EvaluationEntity | null> {
    return this.rows.findOneBy({ tenantId, id });
  }

  async list(f: EvaluationFilter): Promise<EvaluationEntity[]> {
    const q = this.rows
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId: f.tenantId });
    if (f.callId) q.andWhere('e.call_id = :callId', { callId: f.callId });
    if (f.agentId) q.andWhere('e.agent_id = :agentId', { agentId: f.agentId });
    if (f.teamId) q.andWhere('e.team_id = :teamId', { teamId: f.teamId });
    if (f.from) q.andWhere('e.call_started_at >= :from', { from: f.from });
    if (f.to) q.andWhere('e.call_started_at < :to', { to: f.to });
    if (f.grade) q.andWhere('e.grade = :grade', { grade: f.grade });
    if (f.releasedOnly) q.andWhere('e.released_at IS NOT NULL');
    if (f.ruleFailed) {
      q.andWhere(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(e.result->'findings') x WHERE x->>'ruleId' = :rule AND x->>'outcome' = 'fail')`,
        { rule: f.ruleFailed },
      );
    }
    if (f.after) {
      q.andWhere('(e.call_started_at, e.id) < (:afterAt, :afterId)', {
        afterAt: f.after.startedAt,
        afterId: f.after.id,
      });
    }
    return q
      .orderBy('e.call_started_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(f.limit)
      .getMany();
  }
}
