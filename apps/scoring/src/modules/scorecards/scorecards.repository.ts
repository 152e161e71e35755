import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ScorecardEntity } from './entities/scorecard.entity';

@Injectable()
export class ScorecardsRepository {
  constructor(
    @InjectRepository(ScorecardEntity) private readonly rows: Repository<ScorecardEntity>,
  ) {}

  findActive(manager: EntityManager, tenantId: string): Promise<ScorecardEntity | null> {
    return manager.getRepository(ScorecardEntity).findOneBy({ tenantId, active: true });
  }

  /** The active scorecard's id of each tenant that has one (ids only: versions never change). */
  async activeIds(
    manager: EntityManager,
    tenantIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (tenantIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT tenant_id, id FROM scoring.scorecards WHERE tenant_id = ANY($1::text[]) AND active`,
      [tenantIds],
    )) as { tenant_id: string; id: string }[];
    return new Map(rows.map((r) => [r.tenant_id, r.id]));
  }

  findByIds(manager: EntityManager, ids: readonly string[]): Promise<ScorecardEntity[]> {
    return manager.getRepository(ScorecardEntity).findBy({ id: In([...ids]) });
  }

  findVersion(tenantId: string, scorecardKey: string, version: number, manager?: EntityManager) {
    return (manager?.getRepository(ScorecardEntity) ?? this.rows).findOneBy({
      tenantId,
      scorecardKey,
      version,
    });
  }

  listForTenant(tenantId: string): Promise<ScorecardEntity[]> {
    return this.rows.find({ where: { tenantId }, order: { scorecardKey: 'ASC', version: 'DESC' } });
  }

  listVersions(tenantId: string, scorecardKey: string): Promise<ScorecardEntity[]> {
    return this.rows.find({ where: { tenantId, scorecardKey }, order: { version: 'DESC' } });
  }

  async latestVersion(
    manager: EntityManager,
    tenantId: string,
    scorecardKey: string,
  ): Promise<number> {
    const [row] = (await manager.query(
      `SELECT coalesce(max(version), 0)::int AS v FROM scoring.scorecards WHERE tenant_id = $1 AND scorecard_key = $2`,
      [tenantId, scorecardKey],
    )) as { v: number }[];
    return row.v;
  }

  /** Inserts unless that version exists (two first calls of a new tenant race here). */
  async insertIfAbsent(
    manager: EntityManager,
    row: Omit<ScorecardEntity, 'createdAt'>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ScorecardEntity)
      // jsonb columns hold engine types TypeORM's deep-partial typing cannot follow.
      .values(row as QueryDeepPartialEntity<ScorecardEntity>)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  async activate(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(
      `UPDATE scoring.scorecards SET active = false WHERE tenant_id = $1 AND active`,
      [tenantId],
    );
    await manager.query(
      `UPDATE scoring.scorecards SET active = true WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /** Serialises scorecard changes per tenant inside the caller's transaction. */
  async lockTenant(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('scorecards:' || $1))`, [tenantId]);
  }
}
