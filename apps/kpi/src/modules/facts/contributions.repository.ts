import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SUM_COLUMNS } from '../aggregates/component-columns';
import { Contribution, contributionChanges } from '../aggregates/contribution-delta';
import { UNIT_CONTRIBUTIONS, UnitKind } from '../aggregates/fact-sources';

export interface UnitKey {
  kind: UnitKind;
  tenant_id: string;
  unit_id: string;
}

/** One aggregator at a time (a tick, a rebuild's chunk, a time-zone change). */
export const AGGREGATION_LOCK = `hashtext('kpi.aggregates')`;

const REFRESH_CHUNK = 2000;
const KEY_COLUMNS = 'kind, tenant_id, unit_id, minute, team_id, agent_id';
const DELTA_COLUMNS = `tenant_id, minute, team_id, agent_id, sign, median, ${SUM_COLUMNS.join(', ')}`;
const numerics = SUM_COLUMNS.map((c) => `${c} numeric`).join(', ');

/** Stored and fresh contributions of some units, in one round trip. */
const READ = `WITH units AS (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[])
    AS u(kind, tenant_id, unit_id))
  SELECT true AS fresh, * FROM (${UNIT_CONTRIBUTIONS}) f
  UNION ALL
  SELECT false, c.kind, c.tenant_id, c.unit_id, c.minute, c.team_id, c.agent_id,
    ${SUM_COLUMNS.map((col) => `c.${col}::text`).join(', ')}, c.hours
  FROM kpi.contributions c JOIN units u ON u.kind = c.kind AND u.tenant_id = c.tenant_id
    AND u.unit_id = c.unit_id`;

/** Removes, writes and queues the deltas, in one round trip. */
const WRITE = `WITH dropped AS (
    DELETE FROM kpi.contributions c USING jsonb_to_recordset($1::jsonb)
      AS d(kind text, tenant_id text, unit_id text, minute timestamptz, team_id text, agent_id text)
    WHERE (c.kind, c.tenant_id, c.unit_id, c.minute, c.team_id, c.agent_id)
      = (d.kind, d.tenant_id, d.unit_id, d.minute, d.team_id, d.agent_id)),
  put AS (
    INSERT INTO kpi.contributions (${KEY_COLUMNS}, ${SUM_COLUMNS.join(', ')}, hours)
    SELECT ${KEY_COLUMNS}, ${SUM_COLUMNS.join(', ')}, hours FROM jsonb_to_recordset($2::jsonb)
      AS x(kind text, tenant_id text, unit_id text, minute timestamptz, team_id text,
        agent_id text, ${numerics}, hours double precision)
    ON CONFLICT ON CONSTRAINT pk_contributions DO UPDATE SET
      ${SUM_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, hours = excluded.hours)
  INSERT INTO kpi.aggregate_deltas (${DELTA_COLUMNS})
  SELECT ${DELTA_COLUMNS} FROM jsonb_to_recordset($3::jsonb) AS x(tenant_id text,
    minute timestamptz, team_id text, agent_id text, sign smallint, median boolean, ${numerics})`;

/**
 * What each unit of facts adds to the aggregates, kept per unit so that a change is folded in as
 * a difference (the old contribution out, the new one in) instead of recomputing its buckets.
 * A unit is refreshed under its key lock, after its facts are written, in their transaction.
 */
@Injectable()
export class ContributionsRepository {
  async lockAggregation(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${AGGREGATION_LOCK})`);
  }

  async refresh(m: EntityManager, units: UnitKey[]): Promise<void> {
    // A rebuild's or a migration's units, a bounded statement at a time.
    for (let i = 0; i < units.length; i += REFRESH_CHUNK)
      await this.refreshSome(m, units.slice(i, i + REFRESH_CHUNK));
  }

  private async refreshSome(m: EntityManager, units: UnitKey[]): Promise<void> {
    if (units.length === 0) return;
    const rows = (await m.query(READ, [
      units.map((u) => u.kind),
      units.map((u) => u.tenant_id),
      units.map((u) => u.unit_id),
    ])) as (Contribution & { fresh: boolean })[];
    const { put, drop, deltas } = contributionChanges(
      rows.filter((r) => !r.fresh),
      rows.filter((r) => r.fresh),
    );
    if (deltas.length === 0) return;
    await m.query(WRITE, [JSON.stringify(drop), JSON.stringify(put), JSON.stringify(deltas)]);
  }

  /**
   * Units with an event time in the given periods, or a contribution stored there (stale marks
   * and the rebuild re-derive them).
   */
  async unitsIn(
    m: EntityManager,
    periods: { tenant_id: string; from: Date; to: Date }[],
  ): Promise<UnitKey[]> {
    if (periods.length === 0) return [];
    const within = (col: string) => `${col} >= p.from_ AND ${col} < p.to_`;
    const from = (table: string) => `${table} x JOIN periods p ON x.tenant_id = p.tenant_id`;
    return (await m.query(
      `WITH periods AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[])
         AS p(tenant_id, from_, to_))
       SELECT 'call' AS kind, x.tenant_id, x.call_id AS unit_id FROM ${from('kpi.call_facts')}
         WHERE ${within('x.started_at')}
       UNION SELECT 'score', x.tenant_id, x.call_id FROM ${from('kpi.call_scores')}
         WHERE ${within('x.call_started_at')}
       UNION SELECT 'ticket', x.tenant_id, x.ticket_id FROM ${from('kpi.complaint_state')}
         WHERE ${within('x.opened_at')} OR ${within('x.closed_at')}
       UNION SELECT 'ticket', x.tenant_id, x.ticket_id FROM ${from('kpi.complaint_breaches')}
         WHERE ${within('x.breached_at')}
       UNION SELECT 'ticket', x.tenant_id, x.ticket_id FROM ${from('kpi.callback_facts')}
         WHERE ${within('x.due_at')} OR ${within('x.done_at')}
       UNION SELECT x.kind, x.tenant_id, x.unit_id FROM ${from('kpi.contributions')}
         WHERE ${within('x.minute')}`,
      [periods.map((p) => p.tenant_id), periods.map((p) => p.from), periods.map((p) => p.to)],
    )) as UnitKey[];
  }

  /**
   * Starts a tenant's aggregates over (a time-zone change moves its calendar buckets): drops
   * them and what waits to be folded, and queues every stored contribution again. The caller
   * holds the tenant and the aggregation locks.
   */
  async restartTenant(m: EntityManager, tenantId: string): Promise<void> {
    await m.query(`DELETE FROM kpi.aggregates WHERE tenant_id = $1`, [tenantId]);
    await m.query(`DELETE FROM kpi.aggregate_deltas WHERE tenant_id = $1`, [tenantId]);
    await m.query(
      `INSERT INTO kpi.aggregate_deltas (${DELTA_COLUMNS})
       SELECT tenant_id, minute, team_id, agent_id, 1, complaints_closed <> 0, ${SUM_COLUMNS.join(', ')}
       FROM kpi.contributions WHERE tenant_id = $1`,
      [tenantId],
    );
  }
}
