import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EvidenceSpan, Threshold } from '../../domain/coaching-trigger';
import type { AgentKey } from '../evaluations/evaluations.repository';

export type AssignmentStatus = 'open' | 'session_recorded' | 'closed';

export interface QuotedEvaluation {
  evaluationId: string;
  callId: string;
  callStartedAt: string;
  outcome: string | null;
  evidence: EvidenceSpan[];
  reason?: string;
}

export interface Session {
  heldAt: string;
  recordedBy: string;
  notes: string;
  actions: string[];
  dueDate: string;
}

export interface Assignment {
  id: string;
  tenantId: string;
  agentId: string;
  teamId: string;
  ruleId: string;
  origin: 'auto' | 'manual';
  status: AssignmentStatus;
  openedAt: string;
  openedBy: string;
  threshold: Threshold;
  evidence: QuotedEvaluation[];
  note: string | null;
  session: Session | null;
  closedAt: string | null;
  version: number;
}

export interface AssignmentFilter {
  tenantId: string;
  status?: AssignmentStatus;
  agentId?: string;
  teamId?: string;
  ruleId?: string;
  /** Keyset: strictly older than this (openedAt, id). */
  after?: { openedAt: string; id: string };
  limit: number;
}

interface Row {
  id: string;
  tenant_id: string;
  agent_id: string;
  team_id: string;
  rule_id: string;
  origin: 'auto' | 'manual';
  status: AssignmentStatus;
  opened_at: Date;
  opened_by: string;
  threshold: Threshold;
  evidence: QuotedEvaluation[];
  note: string | null;
  session: Session | null;
  closed_at: Date | null;
  version: number;
}

const toAssignment = (r: Row): Assignment => ({
  id: r.id,
  tenantId: r.tenant_id,
  agentId: r.agent_id,
  teamId: r.team_id,
  ruleId: r.rule_id,
  origin: r.origin,
  status: r.status,
  openedAt: r.opened_at.toISOString(),
  openedBy: r.opened_by,
  threshold: r.threshold,
  evidence: r.evidence,
  note: r.note,
  session: r.session,
  closedAt: r.closed_at?.toISOString() ?? null,
  version: r.version,
});

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts unless the agent already has an open one for the rule; the id of the one stored, or null. */
  async insertIfNoneOpen(m: EntityManager, a: Assignment): Promise<string | null> {
    const rows = (await m.query(
      `INSERT INTO coaching.assignments (id, tenant_id, agent_id, team_id, rule_id, origin, status,
         opened_at, opened_by, threshold, evidence, note, session, closed_at, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11, NULL, NULL, 1, now())
       ON CONFLICT (tenant_id, agent_id, rule_id) WHERE status = 'open' DO NOTHING
       RETURNING id`,
      [
        a.id,
        a.tenantId,
        a.agentId,
        a.teamId,
        a.ruleId,
        a.origin,
        a.openedAt,
        a.openedBy,
        JSON.stringify(a.threshold),
        JSON.stringify(a.evidence),
        a.note,
      ],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The open assignment of each rule, and since when a rule's calls count again (a session held or a closure). */
  async agentState(
    m: EntityManager,
    a: AgentKey,
  ): Promise<{ open: Map<string, string>; since: Map<string, string> }> {
    const rows = (await m.query(
      `SELECT rule_id, status, id,
         COALESCE((session->>'heldAt')::timestamptz, closed_at) AS since
       FROM coaching.assignments WHERE tenant_id = $1 AND agent_id = $2`,
      [a.tenant_id, a.agent_id],
    )) as { rule_id: string; status: AssignmentStatus; id: string; since: Date | null }[];
    const open = new Map<string, string>();
    const since = new Map<string, string>();
    for (const r of rows) {
      if (r.status === 'open') open.set(r.rule_id, r.id);
      else if (r.since) {
        const cur = since.get(r.rule_id);
        const at = r.since.toISOString();
        if (!cur || at > cur) since.set(r.rule_id, at);
      }
    }
    return { open, since };
  }

  async find(tenantId: string, id: string, m: EntityManager = this.db.manager, lock = false) {
    const [row] = (await m.query(
      `SELECT * FROM coaching.assignments WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    )) as Row[];
    return row ? toAssignment(row) : null;
  }

  async list(f: AssignmentFilter): Promise<Assignment[]> {
    const where = ['tenant_id = $1'];
    const args: unknown[] = [f.tenantId];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (f.status) add('status = ?', f.status);
    if (f.agentId) add('agent_id = ?', f.agentId);
    if (f.teamId) add('team_id = ?', f.teamId);
    if (f.ruleId) add('rule_id = ?', f.ruleId);
    if (f.after) {
      args.push(f.after.openedAt, f.after.id);
      where.push(`(opened_at, id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`);
    }
    args.push(f.limit);
    const rows = (await this.db.query(
      `SELECT * FROM coaching.assignments WHERE ${where.join(' AND ')}
       ORDER BY opened_at DESC, id DESC LIMIT $${args.length}`,
      args,
    )) as Row[];
    return rows.map(toAssignment);
  }

  async update(m: EntityManager, a: Assignment): Promise<void> {
    await m.query(
      `UPDATE coaching.assignments SET status = $3, session = $4, closed_at = $5, version = $6,
         updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [
        a.tenantId,
        a.id,
        a.status,
        a.session ? JSON.stringify(a.session) : null,
        a.closedAt,
        a.version,
      ],
    );
  }
}
