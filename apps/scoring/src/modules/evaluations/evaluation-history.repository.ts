import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EvaluationHistoryEntity, NewHistoryRow } from './entities/evaluation-history.entity';

@Injectable()
export class EvaluationHistoryRepository {
  /** Appends rows in one statement (the table refuses updates and deletes). */
  async append(manager: EntityManager, rows: readonly NewHistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(EvaluationHistoryEntity)
      .values([...rows])
      .updateEntity(false)
      .execute();
  }

  /** Oldest first. */
  of(manager: EntityManager, tenantId: string, evaluationId: string) {
    return manager
      .getRepository(EvaluationHistoryEntity)
      .find({ where: { tenantId, evaluationId }, order: { id: 'ASC' } });
  }
}
