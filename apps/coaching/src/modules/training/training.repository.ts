import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ComplaintFact, EvaluationFact } from '../../domain/training-effect';

export interface Programme {
  id: string;
  tenantId: string;
  name: string;
  modules: { name: string; hours?: number }[];
  startDate: string;
  endDate: string;
  trainees: string[];
  /** Attendance rate per trainee, 0–1. */
  attendance: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

interface ProgrammeRow {
  id: string;
  tenant_id: string;
  name: string;
  modules: Programme['modules'];
  start_date: string;
  end_date: string;
  trainees: string[];
  attendance: Record<string, number>;
  created_by: string;
  created_at: Date;
}

const COLUMNS = `id, tenant_id, name, modules, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, trainees, attendance, created_by, created_at`;

const toProgramme = (r: ProgrammeRow): Programme => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  modules: r.modules,
  startDate: r.start_date,
  endDate: r.end_date,
  trainees: r.trainees,
  attendance: r.attendance,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** Resolved or later, as the KPI complaintResolutionRate counts it. */
const RESOLVED = `('resolved', 'callback_scheduled', 'callback_done', 'closed')`;

@Injectable()
export class TrainingRepository {
  constructor(private readonly db: DataSource) {}

  async insert(p: Programme): Promise<void> {
    await this.db.query(
      `INSERT INTO coaching.training_programmes (id, tenant_id, name, modules, start_date, end_date,
         trainees, attendance, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9, $10)`,
      [
        p.id,
        p.tenantId,
        p.name,
        JSON.stringify(p.modules),
        p.startDate,
        p.endDate,
        JSON.stringify(p.trainees),
        JSON.stringify(p.attendance),
        p.createdBy,
        p.createdAt,
      ],
    );
  }

  async find(tenantId: string, id: string): Promise<Programme | null> {
    const [row] = (await this.db.query(
      `SELECT ${COLUMNS} FROM coaching.training_programmes WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as ProgrammeRow[];
    return row ? toProgramme(row) : null;
  }

  async list(tenantId: string): Promise<Programme[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM coaching.training_programmes WHERE tenant_id = $1 ORDER BY start_date DESC LIMIT 200`,
      [tenantId],
    )) as ProgrammeRow[];
    return rows.map(toProgramme);
  }

  async setAttendance(
    tenantId: string,
    id: string,
    attendance: Record<string, number>,
  ): Promise<void> {
    await this.db.query(
      `UPDATE coaching.training_programmes SET attendance = attendance || $3::jsonb WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, JSON.stringify(attendance)],
    );
  }

  /** The production and training evaluations of calls the agents took in [from, to), each call once. */
  async evaluations(
    tenantId: string,
    agentIds: string[],
    from: string,
    to: string,
  ): Promise<EvaluationFact[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (agent_id, call_id) agent_id, training, score, forbidden_hits
       FROM coaching.evaluations
       WHERE tenant_id = $1 AND agent_id = ANY($2::text[]) AND call_started_at >= $3 AND call_started_at < $4
       ORDER BY agent_id, call_id, active DESC, scored_at DESC, evaluation_id DESC`,
      [tenantId, agentIds, from, to],
    )) as { agent_id: string; training: boolean; score: number; forbidden_hits: number }[];
    return rows.map((r) => ({
      agentId: r.agent_id,
      training: r.training,
      score: r.score,
      forbiddenHits: r.forbidden_hits,
    }));
  }

  /** Complaints against the agents opened in [from, to): repeat, and resolved without a reopening. */
  async complaints(
    tenantId: string,
    agentIds: string[],
    from: string,
    to: string,
  ): Promise<ComplaintFact[]> {
    const rows = (await this.db.query(
      `SELECT c.agent_id, c.repeat,
         COALESCE((SELECT t.to_status FROM coaching.complaint_transitions t
                   WHERE t.tenant_id = c.tenant_id AND t.ticket_id = c.ticket_id
                   ORDER BY t.version DESC LIMIT 1) IN ${RESOLVED}, false)
         AND NOT EXISTS (SELECT 1 FROM coaching.complaint_transitions t
                         WHERE t.tenant_id = c.tenant_id AND t.ticket_id = c.ticket_id AND t.to_status = 'reopened')
           AS resolved
       FROM coaching.complaints c
       WHERE c.tenant_id = $1 AND c.agent_id = ANY($2::text[]) AND c.opened_at >= $3 AND c.opened_at < $4`,
      [tenantId, agentIds, from, to],
    )) as { agent_id: string; repeat: boolean; resolved: boolean }[];
    return rows.map((r) => ({ agentId: r.agent_id, repeat: r.repeat, resolved: r.resolved }));
  }

  async insertComplaints(
    m: EntityManager,
    rows: {
      tenant_id: string;
      ticket_id: string;
      agent_id: string;
      repeat: boolean;
      opened_at: string;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.complaints (tenant_id, ticket_id, agent_id, repeat, opened_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text, agent_id text,
         repeat boolean, opened_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async insertTransitions(
    m: EntityManager,
    rows: {
      tenant_id: string;
      ticket_id: string;
      version: number;
      to_status: string;
      at: string;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.complaint_transitions (tenant_id, ticket_id, version, to_status, at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         version integer, to_status text, at timestamptz)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
