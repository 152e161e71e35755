import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Eligibility, Weights } from '../../domain/promotion';

export interface Round {
  id: string;
  tenantId: string;
  name: string;
  period: { from: string; to: string };
  eligibility: Eligibility;
  weights: Weights;
  createdBy: string;
  createdAt: string;
}

export interface EnteredInputs {
  agentId: string;
  grade: number;
  writtenTest: number | null;
  attendance: number | null;
  kpiAttainment: number | null;
  majorIncident: boolean;
  updatedBy: string;
  updatedAt: string;
}

interface RoundRow {
  id: string;
  tenant_id: string;
  name: string;
  period_from: string;
  period_to: string;
  eligibility: Eligibility;
  weights: Weights;
  created_by: string;
  created_at: Date;
}

const toRound = (r: RoundRow): Round => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  period: { from: r.period_from, to: r.period_to },
  eligibility: r.eligibility,
  weights: r.weights,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** Per agent, a mean over the period's calls (each call once, by its effective evaluation). */
export interface CallMeans {
  agentId: string;
  trainingCalls: number;
  trainingScore: number | null;
  surveyed: number;
  csat: number | null;
}

@Injectable()
export class PromotionRepository {
  constructor(private readonly db: DataSource) {}

  async insertRound(r: Round): Promise<void> {
    await this.db.query(
      `INSERT INTO coaching.promotion_rounds (id, tenant_id, name, period_from, period_to,
         eligibility, weights, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        r.id,
        r.tenantId,
        r.name,
        r.period.from,
        r.period.to,
        JSON.stringify(r.eligibility),
        JSON.stringify(r.weights),
        r.createdBy,
        r.createdAt,
      ],
    );
  }

  async round(tenantId: string, id: string): Promise<Round | null> {
    const [row] = (await this.db.query(
      `SELECT * FROM coaching.promotion_rounds WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as RoundRow[];
    return row ? toRound(row) : null;
  }

  async rounds(tenantId: string): Promise<Round[]> {
    const rows = (await this.db.query(
      `SELECT * FROM coaching.promotion_rounds WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [tenantId],
    )) as RoundRow[];
    return rows.map(toRound);
  }

  async saveCandidate(
    tenantId: string,
    roundId: string,
    c: Omit<EnteredInputs, 'updatedAt'>,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO coaching.promotion_candidates (tenant_id, round_id, agent_id, grade, written_test,
         attendance, kpi_attainment, major_incident, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (tenant_id, round_id, agent_id) DO UPDATE SET grade = EXCLUDED.grade,
         written_test = EXCLUDED.written_test, attendance = EXCLUDED.attendance,
         kpi_attainment = EXCLUDED.kpi_attainment, major_incident = EXCLUDED.major_incident,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        tenantId,
        roundId,
        c.agentId,
        c.grade,
        c.writtenTest,
        c.attendance,
        c.kpiAttainment,
        c.majorIncident,
        c.updatedBy,
      ],
    );
  }

  async candidates(tenantId: string, roundId: string): Promise<EnteredInputs[]> {
    const rows = (await this.db.query(
      `SELECT * FROM coaching.promotion_candidates WHERE tenant_id = $1 AND round_id = $2 ORDER BY agent_id`,
      [tenantId, roundId],
    )) as {
      agent_id: string;
      grade: number;
      written_test: number | null;
      attendance: number | null;
      kpi_attainment: number | null;
      major_incident: boolean;
      updated_by: string;
      updated_at: Date;
    }[];
    return rows.map((r) => ({
      agentId: r.agent_id,
      grade: r.grade,
      writtenTest: r.written_test,
      attendance: r.attendance,
      kpiAttainment: r.kpi_attainment,
      majorIncident: r.major_incident,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** Training-call (mock service) mean score and production CSAT mean of agents in [from, to). */
  async callMeans(
    tenantId: string,
    agentIds: string[],
    from: string,
    to: string,
  ): Promise<CallMeans[]> {
    const rows = (await this.db.query(
      `WITH eff AS (
         SELECT DISTINCT ON (agent_id, call_id) agent_id, training, score, csat
         FROM coaching.evaluations
         WHERE tenant_id = $1 AND agent_id = ANY($2::text[]) AND call_started_at >= $3 AND call_started_at < $4
         ORDER BY agent_id, call_id, active DESC, scored_at DESC, evaluation_id DESC
       )
       SELECT agent_id,
         count(*) FILTER (WHERE training)::int AS training_calls,
         avg(score) FILTER (WHERE training) AS training_score,
         count(csat) FILTER (WHERE NOT training)::int AS surveyed,
         avg(csat) FILTER (WHERE NOT training) AS csat
       FROM eff GROUP BY agent_id`,
      [tenantId, agentIds, from, to],
    )) as {
      agent_id: string;
      training_calls: number;
      training_score: number | null;
      surveyed: number;
      csat: string | number | null;
    }[];
    return rows.map((r) => ({
      agentId: r.agent_id,
      trainingCalls: r.training_calls,
      trainingScore: r.training_score === null ? null : Number(r.training_score),
      surveyed: r.surveyed,
      csat: r.csat === null ? null : Number(r.csat),
    }));
  }
}
