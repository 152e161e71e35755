import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EvaluationEntity } from '../evaluations/entities/evaluation.entity';
import { DisputeEntity } from './entities/dispute.entity';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { ReviewSettingsEntity } from './entities/review-settings.entity';
import { DEFAULT_DISPUTE_SETTINGS, DisputeSettings } from './dispute-rules';

export type EvaluationChange = Partial<
  Pick<
    EvaluationEntity,
    | 'status'
    | 'score'
    | 'grade'
    | 'currentResult'
    | 'review'
    | 'finalizedAt'
    | 'finalizedBy'
    | 'releasedAt'
    | 'releasedBy'
    | 'acknowledgedAt'
  >
>;

@Injectable()
export class ReviewsRepository {
  find(manager: EntityManager, tenantId: string, id: string, lock = false) {
    return manager.getRepository(EvaluationEntity).findOne({
      where: { tenantId, id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * Writes the change and bumps the version only if the row is still at `version`; answers
   * whether it was (a concurrent writer that got there first makes this false).
   */
  async updateAtVersion(
    manager: EntityManager,
    tenantId: string,
    id: string,
    version: number,
    change: EvaluationChange,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(EvaluationEntity)
      // jsonb columns hold engine types TypeORM's deep-partial typing cannot follow.
      .set({ ...change, version: () => 'version + 1' } as QueryDeepPartialEntity<EvaluationEntity>)
      .where('tenant_id = :tenantId AND id = :id AND version = :version', {
        tenantId,
        id,
        version,
      })
      .execute();
    return result.affected === 1;
  }

  async insertDecisions(manager: EntityManager, rows: ReviewDecisionEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(ReviewDecisionEntity).values(rows).execute();
  }

  /** A lead's dispute decision changes the person's side of the rules it names. */
  async updateHumanOutcomes(
    manager: EntityManager,
    evaluationId: string,
    rows: Pick<ReviewDecisionEntity, 'ruleId' | 'humanOutcome'>[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE scoring.review_decisions d SET human_outcome = x.human_outcome
       FROM jsonb_to_recordset($2::jsonb) AS x(rule_id text, human_outcome text)
       WHERE d.evaluation_id = $1 AND d.rule_id = x.rule_id`,
      [
        evaluationId,
        JSON.stringify(rows.map((r) => ({ rule_id: r.ruleId, human_outcome: r.humanOutcome }))),
      ],
    );
  }

  disputesOf(manager: EntityManager, tenantId: string, evaluationId: string) {
    return manager
      .getRepository(DisputeEntity)
      .find({ where: { tenantId, evaluationId }, order: { openedAt: 'ASC' } });
  }

  findDispute(manager: EntityManager, tenantId: string, id: string, lock = false) {
    return manager.getRepository(DisputeEntity).findOne({
      where: { tenantId, id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async insertDispute(manager: EntityManager, row: DisputeEntity): Promise<void> {
    await manager.getRepository(DisputeEntity).insert(row as QueryDeepPartialEntity<DisputeEntity>);
  }

  async decideDispute(
    manager: EntityManager,
    row: Pick<
      DisputeEntity,
      'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionComment' | 'decisionItems'
    >,
  ): Promise<void> {
    const { id, ...change } = row;
    await manager
      .getRepository(DisputeEntity)
      .update({ id }, change as QueryDeepPartialEntity<DisputeEntity>);
  }

  /** Newest first; open ones only when asked. */
  listDisputes(
    manager: EntityManager,
    f: {
      tenantId: string;
      status?: string;
      agentId?: string;
      evaluationId?: string;
      limit: number;
    },
  ) {
    return manager.getRepository(DisputeEntity).find({
      where: {
        tenantId: f.tenantId,
        ...(f.status ? { status: f.status as DisputeEntity['status'] } : {}),
        ...(f.agentId ? { agentId: f.agentId } : {}),
        ...(f.evaluationId ? { evaluationId: f.evaluationId } : {}),
      },
      order: { openedAt: 'DESC' },
      take: f.limit,
    });
  }

  async settingsOf(manager: EntityManager, tenantId: string): Promise<DisputeSettings> {
    const row = await manager.getRepository(ReviewSettingsEntity).findOneBy({ tenantId });
    return row
      ? { disputeWindowDays: row.disputeWindowDays, maxDisputes: row.maxDisputes }
      : DEFAULT_DISPUTE_SETTINGS;
  }

  async saveSettings(
    manager: EntityManager,
    tenantId: string,
    s: DisputeSettings,
    updatedBy: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReviewSettingsEntity)
      .values({ tenantId, ...s, updatedBy })
      .orUpdate(['dispute_window_days', 'max_disputes', 'updated_by', 'updated_at'], ['tenant_id'])
      .execute();
  }
}
