import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Goal } from '../../domain/monthly-appraisal';

export interface StoredPlan {
  agentId: string;
  date: string;
  goals: Goal[];
  version: number;
  updatedBy: string;
  updatedAt: string;
}

interface PlanRow {
  agent_id: string;
  plan_date: string;
  goals: Goal[];
  version: number;
  updated_by: string;
  updated_at: Date;
}

const toPlan = (r: PlanRow): StoredPlan => ({
  agentId: r.agent_id,
  date: r.plan_date,
  goals: r.goals,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

/** Surveys of an agent's production calls in a range (the effective evaluation of each call). */
export interface SurveyCount {
  agentId: string;
  teamId: string;
  surveyed: number;
  satisfied: number;
}

@Injectable()
export class AppraisalRepository {
  constructor(private readonly db: DataSource) {}

  async plan(m: EntityManager, tenantId: string, agentId: string, date: string, lock = false) {
    const [row] = (await m.query(
      `SELECT agent_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, goals, version, updated_by, updated_at
       FROM coaching.daily_plans WHERE tenant_id = $1 AND agent_id = $2 AND plan_date = $3::date
       ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, agentId, date],
    )) as PlanRow[];
    return row ? toPlan(row) : null;
  }

  async savePlan(
    m: EntityManager,
    tenantId: string,
    p: Omit<StoredPlan, 'updatedAt'>,
  ): Promise<StoredPlan> {
    const [row] = (await m.query(
      `INSERT INTO coaching.daily_plans (tenant_id, agent_id, plan_date, goals, version, updated_by, updated_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, now())
       ON CONFLICT (tenant_id, agent_id, plan_date) DO UPDATE SET goals = EXCLUDED.goals,
         version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING agent_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, goals, version, updated_by, updated_at`,
      [tenantId, p.agentId, p.date, JSON.stringify(p.goals), p.version, p.updatedBy],
    )) as PlanRow[];
    return toPlan(row);
  }

  /** Plans in [from, to) (dates), optionally of one agent. */
  async plans(tenantId: string, from: string, to: string, agentId?: string): Promise<StoredPlan[]> {
    const rows = (await this.db.query(
      `SELECT agent_id, to_char(plan_date, 'YYYY-MM-DD') AS plan_date, goals, version, updated_by, updated_at
       FROM coaching.daily_plans
       WHERE tenant_id = $1 AND plan_date >= $2::date AND plan_date < $3::date AND ($4::text IS NULL OR agent_id = $4)
       ORDER BY agent_id, plan_date`,
      [tenantId, from, to, agentId ?? null],
    )) as PlanRow[];
    return rows.map(toPlan);
  }

  /**
   * Per agent, the post-call surveys (csat 1–5) of production calls that started in [from, to):
   * satisfied = 4 or 5. Each call once, by its effective evaluation; training calls never.
   */
  async surveys(tenantId: string, from: string, to: string): Promise<SurveyCount[]> {
    const rows = (await this.db.query(
      `WITH eff AS (
         SELECT DISTINCT ON (agent_id, call_id) agent_id, team_id, csat, call_started_at
         FROM coaching.evaluations
         WHERE tenant_id = $1 AND NOT training AND call_started_at >= $2 AND call_started_at < $3
         ORDER BY agent_id, call_id, active DESC, scored_at DESC, evaluation_id DESC
       )
       SELECT agent_id, (array_agg(team_id ORDER BY call_started_at DESC))[1] AS team_id,
         count(csat)::int AS surveyed, count(*) FILTER (WHERE csat >= 4)::int AS satisfied
       FROM eff GROUP BY agent_id`,
      [tenantId, from, to],
    )) as { agent_id: string; team_id: string; surveyed: number; satisfied: number }[];
    return rows.map((r) => ({
      agentId: r.agent_id,
      teamId: r.team_id,
      surveyed: r.surveyed,
      satisfied: r.satisfied,
    }));
  }
}
