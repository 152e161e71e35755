import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
}
