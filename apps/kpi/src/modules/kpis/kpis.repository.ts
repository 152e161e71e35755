import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangedRow } from '../aggregates/aggregates.repository';
import { AggregateRow } from '../aggregates/component-columns';

/** Targets, the ranking's month rows and team membership. */
@Injectable()
export class KpisRepository {
  async targets(m: EntityManager, tenantId: string): Promise<{ kpi: string; target: number }[]> {
    return (await m.query(`SELECT kpi, target FROM kpi.targets WHERE tenant_id = $1`, [
      tenantId,
    ])) as { kpi: string; target: number }[];
  }

  /** Every stored target of these tenants (what the published figures are checked against). */
  async targetsOf(
    m: EntityManager,
    tenantIds: string[],
  ): Promise<{ tenant_id: string; kpi: string; target: number }[]> {
    return (await m.query(
      `SELECT tenant_id, kpi, target FROM kpi.targets WHERE tenant_id = ANY($1::text[])`,
      [tenantIds],
    )) as { tenant_id: string; kpi: string; target: number }[];
  }

  async setTargets(
    m: EntityManager,
    tenantId: string,
    set: { kpi: string; target: number }[],
    clear: string[],
  ): Promise<void> {
    if (clear.length)
      await m.query(`DELETE FROM kpi.targets WHERE tenant_id = $1 AND kpi = ANY($2::text[])`, [
        tenantId,
        clear,
      ]);
    if (set.length)
      await m.query(
        `INSERT INTO kpi.targets (tenant_id, kpi, target)
         SELECT $1, * FROM unnest($2::text[], $3::float8[])
         ON CONFLICT ON CONSTRAINT pk_targets
         DO UPDATE SET target = excluded.target, updated_at = now()`,
        [tenantId, set.map((s) => s.kpi), set.map((s) => s.target)],
      );
  }

  /** Every month bucket of a tenant (all scopes): what a change of its targets re-judges. */
  async monthBuckets(m: EntityManager, tenantId: string): Promise<ChangedRow[]> {
    return (await m.query(
      `SELECT *, false AS gone FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'month'
       ORDER BY scope, scope_id, bucket_start`,
      [tenantId],
    )) as ChangedRow[];
  }

  /** Agents' month rows (those with evaluations), optionally of one team. */
  async agentMonths(
    m: EntityManager,
    tenantId: string,
    month: Date,
    teamId?: string,
  ): Promise<AggregateRow[]> {
    return (await m.query(
      `SELECT * FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'month'
         AND scope = 'agent' AND bucket_start = $2 AND evaluated > 0
         AND ($3::text IS NULL OR team_id = $3)`,
      [tenantId, month, teamId ?? null],
    )) as AggregateRow[];
  }

  /** Someone in the tenant averaged 90 or more that month (decides the excellent title). */
  async anyBest(m: EntityManager, tenantId: string, month: Date): Promise<boolean> {
    const rows = (await m.query(
      `SELECT 1 FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'month'
         AND scope = 'agent' AND bucket_start = $2 AND evaluated > 0
         AND score_sum >= 90 * evaluated LIMIT 1`,
      [tenantId, month],
    )) as unknown[];
    return rows.length > 0;
  }

  async agentInTeam(
    m: EntityManager,
    tenantId: string,
    agentId: string,
    teamId: string,
  ): Promise<boolean> {
    const rows = (await m.query(
      `SELECT 1 FROM kpi.call_facts WHERE tenant_id = $1 AND agent_id = $2 AND team_id = $3
       UNION ALL SELECT 1 FROM kpi.call_scores WHERE tenant_id = $1 AND agent_id = $2 AND team_id = $3
       LIMIT 1`,
      [tenantId, agentId, teamId],
    )) as unknown[];
    return rows.length > 0;
  }
}
