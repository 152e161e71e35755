import { Injectable } from '@nestjs/common';
import type { EvaluationResult } from '@qa/qa-rules';
import { EntityManager } from 'typeorm';
import { CalibrationCall, Submission } from './calibration-report';

export interface CalibrationRow {
  id: string;
  tenantId: string;
  name: string;
  calls: CalibrationCall[];
  evaluators: string[];
  expert: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
  closedAt: Date | null;
  submitted: string[];
}

interface RawCalibration {
  id: string;
  tenant_id: string;
  name: string;
  calls: CalibrationCall[];
  evaluators: string[];
  expert: string;
  status: 'open' | 'closed';
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
  submitted: string[];
}

const toRow = (r: RawCalibration): CalibrationRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  calls: r.calls,
  evaluators: r.evaluators,
  expert: r.expert,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  submitted: r.submitted,
});

const SELECT = `SELECT c.*, COALESCE(
    (SELECT array_agg(s.participant ORDER BY s.participant) FROM scoring.calibration_scores s
     WHERE s.calibration_id = c.id), '{}') AS submitted
  FROM scoring.calibrations c`;

/** Calibration sessions and their blind scores. */
@Injectable()
export class CalibrationsRepository {
  /** The newest evaluation of each call: its id and its scoring basis. */
  async latestEvaluations(
    manager: EntityManager,
    tenantId: string,
    callIds: readonly string[],
  ): Promise<Map<string, { id: string; basis: EvaluationResult['basis'] }>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (call_id) call_id, id, result->'basis' AS basis FROM scoring.evaluations
       WHERE tenant_id = $1 AND call_id = ANY($2) ORDER BY call_id, created_at DESC`,
      [tenantId, callIds],
    )) as { call_id: string; id: string; basis: EvaluationResult['basis'] }[];
    return new Map(rows.map((r) => [r.call_id, { id: r.id, basis: r.basis }]));
  }

  async insert(
    manager: EntityManager,
    row: Omit<CalibrationRow, 'createdAt' | 'closedAt' | 'submitted' | 'status'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO scoring.calibrations (id, tenant_id, name, calls, evaluators, expert, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)`,
      [
        row.id,
        row.tenantId,
        row.name,
        JSON.stringify(row.calls),
        row.evaluators,
        row.expert,
        row.createdBy,
      ],
    );
  }

  async find(
    manager: EntityManager,
    tenantId: string,
    id: string,
    lock = false,
  ): Promise<CalibrationRow | null> {
    if (lock) {
      await manager.query(
        `SELECT 1 FROM scoring.calibrations WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, id],
      );
    }
    const [row] = (await manager.query(`${SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [
      tenantId,
      id,
    ])) as RawCalibration[];
    return row ? toRow(row) : null;
  }

  /** Newest first; with `participant`, only the sessions they score in. */
  async list(
    manager: EntityManager,
    tenantId: string,
    participant?: string,
  ): Promise<CalibrationRow[]> {
    const params: unknown[] = [tenantId];
    let where = 'c.tenant_id = $1';
    if (participant !== undefined) {
      params.push(participant);
      where += ' AND ($2 = ANY(c.evaluators) OR c.expert = $2)';
    }
    const rows = (await manager.query(
      `${SELECT} WHERE ${where} ORDER BY c.created_at DESC, c.id LIMIT 200`,
      params,
    )) as RawCalibration[];
    return rows.map(toRow);
  }

  async addScores(
    manager: EntityManager,
    id: string,
    participant: string,
    scores: Submission,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO scoring.calibration_scores (calibration_id, participant, scores, submitted_at)
       VALUES ($1, $2, $3, $4)`,
      [id, participant, JSON.stringify(scores), at],
    );
  }

  async close(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE scoring.calibrations SET status = 'closed', closed_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  async submissions(manager: EntityManager, id: string): Promise<Map<string, Submission>> {
    const rows = (await manager.query(
      `SELECT participant, scores FROM scoring.calibration_scores WHERE calibration_id = $1`,
      [id],
    )) as { participant: string; scores: Submission }[];
    return new Map(rows.map((r) => [r.participant, r.scores]));
  }
}
