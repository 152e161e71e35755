import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { KpiFigure } from '../../domain/kpi-attainment';

export interface AgentKpiMonth {
  tenant_id: string;
  agent_id: string;
  month: string;
  figures: Omit<KpiFigure, 'month'>[];
  occurred_at: string;
}

/** Agents' monthly KPI figures with a target, as kpi last published them. */
@Injectable()
export class KpiFiguresRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The newest event of a bucket wins, in the set (later offset on a tie) and against the row:
   * a redelivered or late older update never replaces a newer one.
   */
  async saveMonths(m: EntityManager, rows: AgentKpiMonth[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.agent_kpi_months (tenant_id, agent_id, month, figures, occurred_at)
       SELECT DISTINCT ON (tenant_id, agent_id, month) tenant_id, agent_id, month, figures, occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, agent_id text, month text,
         figures jsonb, occurred_at timestamptz, n int)
       ORDER BY tenant_id, agent_id, month, occurred_at DESC, n DESC
       ON CONFLICT ON CONSTRAINT pk_coaching_agent_kpi_months DO UPDATE
         SET figures = EXCLUDED.figures, occurred_at = EXCLUDED.occurred_at
         WHERE coaching.agent_kpi_months.occurred_at <= EXCLUDED.occurred_at`,
      [JSON.stringify(rows.map((r, n) => ({ ...r, n })))],
    );
  }

  /** The agents' figures with a target in months from..to (YYYY-MM, inclusive). */
  async figures(
    tenantId: string,
    agentIds: string[],
    from: string,
    to: string,
  ): Promise<Map<string, KpiFigure[]>> {
    const rows = (await this.db.query(
      `SELECT agent_id, month, figures FROM coaching.agent_kpi_months
       WHERE tenant_id = $1 AND agent_id = ANY($2::text[]) AND month BETWEEN $3 AND $4`,
      [tenantId, agentIds, from, to],
    )) as Pick<AgentKpiMonth, 'agent_id' | 'month' | 'figures'>[];
    const out = new Map<string, KpiFigure[]>();
    for (const r of rows)
      out.set(r.agent_id, [
        ...(out.get(r.agent_id) ?? []),
        ...r.figures.map((f) => ({ ...f, month: r.month })),
      ]);
    return out;
  }
}
