import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EvidenceSpan, Outcome, WindowEntry } from '../../domain/coaching-trigger';

export interface EvaluationRow {
  tenant_id: string;
  evaluation_id: string;
  call_id: string;
  agent_id: string;
  team_id: string;
  call_started_at: string;
  scored_at: string;
  active: boolean;
  training: boolean;
  score: number;
  csat: number | null;
  forbidden_hits: number;
}

export interface FindingRow {
  tenant_id: string;
  evaluation_id: string;
  item_id: string;
  rule_id: string;
  outcome: Outcome;
  evidence: EvidenceSpan[];
}

export interface ReviewRow {
  tenant_id: string;
  evaluation_id: string;
  score: number;
  overrides: { itemId: string; outcome: Outcome; reason: string }[];
  reviewed_at: string;
  event_id: string;
}

export interface EvaluationKey {
  tenant_id: string;
  evaluation_id: string;
}

export interface AgentKey {
  tenant_id: string;
  agent_id: string;
}

/** One finding of a production evaluation, for the rule trend. */
export interface OutcomeRow {
  ruleId: string;
  outcome: Outcome;
  callStartedAt: string;
}

/** A role play's evaluation as the trainer lists it (the latest per call). */
export interface TrainingCallRow {
  evaluationId: string;
  callId: string;
  agentId: string;
  teamId: string;
  callStartedAt: string;
  score: number;
  autoScore: number;
  reviewedAt: string | null;
}

export interface TrainingCallQuery {
  tenantId: string;
  agentId?: string;
  teamId?: string;
  from: string;
  to: string;
  after?: { callStartedAt: string; evaluationId: string };
  limit: number;
}

/** A window entry with the rule it is about (one row per finding; none for a bare evaluation). */
export interface RuleEntry extends WindowEntry {
  ruleId: string | null;
  teamId: string;
}

/**
 * The production evaluation of each call: its latest by the tenant's active scorecard (a trial
 * version's re-score does not replace it). Training calls (role plays) are never in it.
 */
const EFFECTIVE = `
  SELECT DISTINCT ON (call_id) evaluation_id, call_id, call_started_at, team_id
  FROM coaching.evaluations
  WHERE tenant_id = $1 AND agent_id = $2 AND NOT training
  ORDER BY call_id, active DESC, scored_at DESC, evaluation_id DESC`;

const keys = (rows: EvaluationKey[]) => [
  rows.map((r) => r.tenant_id),
  rows.map((r) => r.evaluation_id),
];

interface EntryDbRow {
  evaluation_id: string;
  call_id: string;
  call_started_at: Date;
  team_id: string;
  rule_id: string | null;
  outcome: Outcome | null;
  evidence: EvidenceSpan[] | null;
  reason: string | null;
}

const toEntry = (r: EntryDbRow): RuleEntry => ({
  evaluationId: r.evaluation_id,
  callId: r.call_id,
  callStartedAt: r.call_started_at.toISOString(),
  teamId: r.team_id,
  ruleId: r.rule_id,
  outcome: r.outcome,
  evidence: r.evidence ?? [],
  ...(r.reason ? { reason: r.reason } : {}),
});

/** Coaching's copy of scored and reviewed evaluations, and the windows computed from it. */
@Injectable()
export class EvaluationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Serialises one agent's writers, so two chunks never each see only their own fails. */
  async lockAgents(m: EntityManager, agents: AgentKey[]): Promise<void> {
    if (agents.length === 0) return;
    // One round trip for the chunk's agents, taken in one sorted order (no deadlock between chunks).
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext('coaching.agent'), hashtext(id))
       FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS x(id) ORDER BY id) s`,
      [agents.map((a) => `${a.tenant_id}/${a.agent_id}`)],
    );
  }

  async insertEvaluations(m: EntityManager, rows: EvaluationRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.evaluations (tenant_id, evaluation_id, call_id, agent_id, team_id,
         call_started_at, scored_at, active, training, auto_score, score, csat, forbidden_hits)
       SELECT tenant_id, evaluation_id, call_id, agent_id, team_id, call_started_at, scored_at,
         active, training, score, score, csat, forbidden_hits
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, evaluation_id text, call_id text,
         agent_id text, team_id text, call_started_at timestamptz, scored_at timestamptz,
         active boolean, training boolean, score double precision, csat smallint,
         forbidden_hits integer)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async insertFindings(m: EntityManager, rows: FindingRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.findings (tenant_id, evaluation_id, item_id, rule_id, auto_outcome,
         outcome, evidence)
       SELECT tenant_id, evaluation_id, item_id, rule_id, outcome, outcome, evidence
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, evaluation_id text, item_id text,
         rule_id text, outcome text, evidence jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /** Keeps each evaluation's latest review (by review time, then event id). */
  async upsertReviews(m: EntityManager, rows: ReviewRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO coaching.reviews (tenant_id, evaluation_id, score, overrides, reviewed_at, event_id)
       SELECT DISTINCT ON (tenant_id, evaluation_id)
         tenant_id, evaluation_id, score, overrides, reviewed_at, event_id
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, evaluation_id text,
         score double precision, overrides jsonb, reviewed_at timestamptz, event_id text)
       -- One row per evaluation (a chunk may hold several reviews of it): ON CONFLICT may not
       -- touch a row twice in one statement.
       ORDER BY tenant_id, evaluation_id, reviewed_at DESC, event_id DESC
       ON CONFLICT (tenant_id, evaluation_id) DO UPDATE SET score = EXCLUDED.score,
         overrides = EXCLUDED.overrides, reviewed_at = EXCLUDED.reviewed_at,
         event_id = EXCLUDED.event_id
       WHERE (EXCLUDED.reviewed_at, EXCLUDED.event_id) > (coaching.reviews.reviewed_at, coaching.reviews.event_id)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * A reviewed evaluation replaces the automatic one: each finding takes the review's outcome
   * where it overrides the engine, else the engine's again; the score becomes the review's.
   */
  async applyReviews(m: EntityManager, evaluations: EvaluationKey[]): Promise<void> {
    if (!evaluations.length) return;
    const override = `(SELECT x FROM jsonb_array_elements(r.overrides) AS x
                       WHERE x->>'itemId' = f.item_id LIMIT 1)`;
    await m.query(
      `UPDATE coaching.findings f
       SET outcome = COALESCE(${override}->>'outcome', f.auto_outcome),
         reason = NULLIF(${override}->>'reason', '')
       FROM coaching.reviews r
       WHERE r.tenant_id = f.tenant_id AND r.evaluation_id = f.evaluation_id
         AND (f.tenant_id, f.evaluation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      keys(evaluations),
    );
    await m.query(
      `UPDATE coaching.evaluations e SET score = r.score, reviewed_at = r.reviewed_at
       FROM coaching.reviews r
       WHERE r.tenant_id = e.tenant_id AND r.evaluation_id = e.evaluation_id
         AND (e.tenant_id, e.evaluation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      keys(evaluations),
    );
  }

  /** The agents of stored evaluations (a review names its evaluation; the agent comes from it). */
  async agentsOf(m: EntityManager, evaluations: EvaluationKey[]): Promise<AgentKey[]> {
    if (!evaluations.length) return [];
    return (await m.query(
      `SELECT DISTINCT tenant_id, agent_id FROM coaching.evaluations
       WHERE (tenant_id, evaluation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      keys(evaluations),
    )) as AgentKey[];
  }

  /** The agent's last `limit` production evaluations, newest first, a row per finding. */
  async lastEvaluations(m: EntityManager, a: AgentKey, limit: number): Promise<RuleEntry[]> {
    const rows = (await m.query(
      `WITH win AS (
         SELECT * FROM (${EFFECTIVE}) eff ORDER BY call_started_at DESC, evaluation_id DESC LIMIT $3
       )
       SELECT w.evaluation_id, w.call_id, w.call_started_at, w.team_id, f.rule_id, f.outcome,
         f.evidence, f.reason
       FROM win w
       LEFT JOIN coaching.findings f ON f.tenant_id = $1 AND f.evaluation_id = w.evaluation_id
       ORDER BY w.call_started_at DESC, w.evaluation_id DESC`,
      [a.tenant_id, a.agent_id, limit],
    )) as EntryDbRow[];
    return rows.map(toEntry);
  }

  /** Every production evaluation of the agent with a finding for the rule, newest first. */
  async ruleHistory(m: EntityManager, a: AgentKey, ruleId: string): Promise<RuleEntry[]> {
    const rows = (await m.query(
      `SELECT w.evaluation_id, w.call_id, w.call_started_at, w.team_id, f.rule_id, f.outcome,
         f.evidence, f.reason
       FROM (${EFFECTIVE}) w
       JOIN coaching.findings f ON f.tenant_id = $1 AND f.evaluation_id = w.evaluation_id
         AND f.rule_id = $3
       ORDER BY w.call_started_at DESC, w.evaluation_id DESC`,
      [a.tenant_id, a.agent_id, ruleId],
    )) as EntryDbRow[];
    return rows.map(toEntry);
  }

  /** One stored evaluation and its findings (a lead opens an assignment from it). */
  async evaluation(
    m: EntityManager,
    key: EvaluationKey,
  ): Promise<{ row: EvaluationRow; findings: RuleEntry[] } | null> {
    const [row] = (await m.query(
      `SELECT tenant_id, evaluation_id, call_id, agent_id, team_id, call_started_at, scored_at,
         active, training, score, csat, forbidden_hits
       FROM coaching.evaluations WHERE tenant_id = $1 AND evaluation_id = $2`,
      [key.tenant_id, key.evaluation_id],
    )) as (Omit<EvaluationRow, 'call_started_at' | 'scored_at'> & {
      call_started_at: Date;
      scored_at: Date;
    })[];
    if (!row) return null;
    const findings = (await m.query(
      `SELECT $2::text AS evaluation_id, $3::text AS call_id, $4::timestamptz AS call_started_at,
         $5::text AS team_id, rule_id, outcome, evidence, reason
       FROM coaching.findings WHERE tenant_id = $1 AND evaluation_id = $2 ORDER BY rule_id`,
      [key.tenant_id, key.evaluation_id, row.call_id, row.call_started_at, row.team_id],
    )) as EntryDbRow[];
    return {
      row: {
        ...row,
        call_started_at: row.call_started_at.toISOString(),
        scored_at: row.scored_at.toISOString(),
      },
      findings: findings.map(toEntry),
    };
  }

  /**
   * Every finding of the agent's production evaluations of calls started in [from, to), each
   * call once; `teamId` keeps only calls taken in that team (a lead's view).
   */
  async ruleOutcomes(
    a: AgentKey,
    range: { from: string; to: string; teamId?: string },
  ): Promise<OutcomeRow[]> {
    const rows = (await this.db.query(
      `SELECT f.rule_id, f.outcome, w.call_started_at
       FROM (
         SELECT DISTINCT ON (call_id) evaluation_id, call_started_at
         FROM coaching.evaluations
         WHERE tenant_id = $1 AND agent_id = $2 AND NOT training
           AND call_started_at >= $3 AND call_started_at < $4
           AND ($5::text IS NULL OR team_id = $5)
         ORDER BY call_id, active DESC, scored_at DESC, evaluation_id DESC
       ) w
       JOIN coaching.findings f ON f.tenant_id = $1 AND f.evaluation_id = w.evaluation_id`,
      [a.tenant_id, a.agent_id, range.from, range.to, range.teamId ?? null],
    )) as { rule_id: string; outcome: Outcome; call_started_at: Date }[];
    return rows.map((r) => ({
      ruleId: r.rule_id,
      outcome: r.outcome,
      callStartedAt: r.call_started_at.toISOString(),
    }));
  }

  /** Training calls (role plays), newest first, the latest evaluation of each. */
  async trainingCalls(q: TrainingCallQuery): Promise<TrainingCallRow[]> {
    const rows = (await this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (call_id) evaluation_id, call_id, agent_id, team_id, call_started_at,
           score, auto_score, reviewed_at
         FROM coaching.evaluations
         WHERE tenant_id = $1 AND training AND call_started_at >= $2 AND call_started_at < $3
           AND ($4::text IS NULL OR agent_id = $4) AND ($5::text IS NULL OR team_id = $5)
         ORDER BY call_id, scored_at DESC, evaluation_id DESC
       ) t
       WHERE $6::timestamptz IS NULL OR (call_started_at, evaluation_id) < ($6, $7)
       ORDER BY call_started_at DESC, evaluation_id DESC
       LIMIT $8`,
      [
        q.tenantId,
        q.from,
        q.to,
        q.agentId ?? null,
        q.teamId ?? null,
        q.after?.callStartedAt ?? null,
        q.after?.evaluationId ?? null,
        q.limit,
      ],
    )) as {
      evaluation_id: string;
      call_id: string;
      agent_id: string;
      team_id: string;
      call_started_at: Date;
      score: number;
      auto_score: number;
      reviewed_at: Date | null;
    }[];
    return rows.map((r) => ({
      evaluationId: r.evaluation_id,
      callId: r.call_id,
      agentId: r.agent_id,
      teamId: r.team_id,
      callStartedAt: r.call_started_at.toISOString(),
      score: r.score,
      autoScore: r.auto_score,
      reviewedAt: r.reviewed_at?.toISOString() ?? null,
    }));
  }
}
