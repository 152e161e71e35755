import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentDecision, SamplingReason } from './sampling';

export interface ReassignmentEntry {
  at: string;
  by: string;
  from: string;
  to: string;
  reason: string | null;
}

/** An assignment with what the queue shows of its evaluation. */
export interface QueueRow extends Omit<AssignmentDecision, 'tenantId'> {
  id: string;
  assignedAt: Date;
  version: number;
  history: ReassignmentEntry[];
  evaluationStatus: string;
  score: number;
  grade: string;
}

export interface QueueFilter {
  tenantId: string;
  assignee?: string;
  after?: { dueAt: Date; id: string };
  limit: number;
}

interface RawQueueRow {
  id: string;
  evaluation_id: string;
  call_id: string;
  agent_id: string;
  policy_id: string;
  reasons: SamplingReason[];
  assignee: string;
  due_at: Date;
  assigned_at: Date;
  version: number;
  history: ReassignmentEntry[];
  status: string;
  score: string;
  grade: string;
}

const toQueueRow = (r: RawQueueRow): QueueRow => ({
  id: r.id,
  evaluationId: r.evaluation_id,
  callId: r.call_id,
  agentId: r.agent_id,
  policyId: r.policy_id,
  reasons: r.reasons,
  assignee: r.assignee,
  dueAt: r.due_at,
  assignedAt: r.assigned_at,
  version: r.version,
  history: r.history,
  evaluationStatus: r.status,
  score: Number(r.score),
  grade: r.grade,
});

const SELECT_QUEUE = `SELECT a.*, e.status, e.score, e.grade
  FROM scoring.review_assignments a JOIN scoring.evaluations e ON e.id = a.evaluation_id`;

/** Review assignments: one per evaluation and per call. */
@Injectable()
export class AssignmentsRepository {
  /** The calls among these that already have an assignment (a re-scored call keeps its own). */
  async assignedCalls(
    manager: EntityManager,
    tenantIds: readonly string[],
    callIds: readonly string[],
  ): Promise<Set<string>> {
    if (callIds.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT tenant_id, call_id FROM scoring.review_assignments
       WHERE (tenant_id, call_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [tenantIds, callIds],
    )) as { tenant_id: string; call_id: string }[];
    return new Set(rows.map((r) => `${r.tenant_id}/${r.call_id}`));
  }

  /** All rows in one statement; a row whose evaluation or call is assigned already is skipped. */
  async insertMany(
    manager: EntityManager,
    rows: ReadonlyArray<AssignmentDecision & { id: string }>,
    assignedAt: Date,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = (await manager.query(
      `INSERT INTO scoring.review_assignments
         (id, tenant_id, evaluation_id, call_id, agent_id, policy_id, reasons, assignee, due_at, assigned_at)
       SELECT v.id, v.tenant_id, v.evaluation_id, v.call_id, v.agent_id, v.policy_id,
              string_to_array(v.reasons, ','), v.assignee, v.due_at, $10
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[],
                   $7::text[], $8::text[], $9::timestamptz[])
         AS v(id, tenant_id, evaluation_id, call_id, agent_id, policy_id, reasons, assignee, due_at)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.tenantId),
        rows.map((r) => r.evaluationId),
        rows.map((r) => r.callId),
        rows.map((r) => r.agentId),
        rows.map((r) => r.policyId),
        rows.map((r) => r.reasons.join(',')),
        rows.map((r) => r.assignee),
        rows.map((r) => r.dueAt),
        assignedAt,
      ],
    )) as unknown[];
    return inserted.length;
  }

  /**
   * Open assignments (their evaluation not final yet), due date first, keyset-paged on
   * (due_at, id).
   */
  async queue(manager: EntityManager, f: QueueFilter): Promise<QueueRow[]> {
    const params: unknown[] = [f.tenantId, f.limit];
    let where = `a.tenant_id = $1 AND e.status <> 'final'`;
    if (f.assignee !== undefined) {
      params.push(f.assignee);
      where += ` AND a.assignee = $${params.length}`;
    }
    if (f.after) {
      params.push(f.after.dueAt, f.after.id);
      where += ` AND (a.due_at, a.id) > ($${params.length - 1}, $${params.length})`;
    }
    const rows = (await manager.query(
      `${SELECT_QUEUE} WHERE ${where} ORDER BY a.due_at, a.id LIMIT $2`,
      params,
    )) as RawQueueRow[];
    return rows.map(toQueueRow);
  }

  async findById(manager: EntityManager, tenantId: string, id: string): Promise<QueueRow | null> {
    const [row] = (await manager.query(`${SELECT_QUEUE} WHERE a.tenant_id = $1 AND a.id = $2`, [
      tenantId,
      id,
    ])) as RawQueueRow[];
    return row ? toQueueRow(row) : null;
  }

  /** Moves the assignment if it is still at `version`; answers false when it moved on. */
  async reassign(
    manager: EntityManager,
    tenantId: string,
    id: string,
    version: number,
    entry: ReassignmentEntry,
  ): Promise<boolean> {
    const [, count] = (await manager.query(
      `UPDATE scoring.review_assignments
       SET assignee = $4, version = version + 1, history = history || $5::jsonb
       WHERE tenant_id = $1 AND id = $2 AND version = $3`,
      [tenantId, id, version, entry.to, JSON.stringify([entry])],
    )) as [unknown, number];
    return count === 1;
  }
}
