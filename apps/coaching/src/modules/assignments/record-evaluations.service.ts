import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  CallPurpose,
  EvaluationReviewed,
  EvaluationScored,
  EventMeta,
  FindingOutcome,
} from '@qa/contracts';
import { EntityManager } from 'typeorm';
import { failingEvidence, Outcome } from '../../domain/coaching-trigger';
import { CoachingSettings } from '../../domain/coaching-settings';
import {
  AgentKey,
  EvaluationRow,
  EvaluationsRepository,
  FindingRow,
  RuleEntry,
} from '../evaluations/evaluations.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { AssignmentsRepository } from './assignments.repository';

export interface Incoming<E> {
  event: E;
  meta: EventMeta;
}

const OUTCOME: Record<number, Outcome> = {
  [FindingOutcome.FINDING_OUTCOME_PASS]: 'pass',
  [FindingOutcome.FINDING_OUTCOME_FAIL]: 'fail',
  [FindingOutcome.FINDING_OUTCOME_NOT_APPLICABLE]: 'not_applicable',
};

/** The coaching system's own name as the opener of automatic assignments. */
export const AUTO_OPENER = 'coaching';

/**
 * Keeps each agent's evaluations per rule and opens an assignment when a rule fails N times in
 * their last M. Every method takes a whole chunk and the consumer's transaction.
 */
@Injectable()
export class RecordEvaluationsService {
  private readonly logger = new Logger(RecordEvaluationsService.name);

  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async scored(m: EntityManager, items: Incoming<EvaluationScored>[]): Promise<void> {
    const rows: EvaluationRow[] = items.map(({ event: e, meta }) => ({
      tenant_id: e.tenantId,
      evaluation_id: e.evaluationId,
      call_id: e.callId,
      agent_id: e.agentId,
      team_id: e.teamId,
      call_started_at: e.callStartedAt,
      scored_at: meta.occurredAt || e.callStartedAt,
      active: e.scorecardActive,
      training: e.callPurpose === CallPurpose.CALL_PURPOSE_TRAINING,
      score: e.score,
      csat: e.csat >= 1 && e.csat <= 5 ? e.csat : null,
      forbidden_hits: e.forbiddenPhraseCount,
    }));
    const findings: FindingRow[] = items.flatMap(({ event: e }) =>
      e.findings
        .filter((f) => OUTCOME[f.outcome] && (f.ruleId || f.itemId))
        .map((f) => ({
          tenant_id: e.tenantId,
          evaluation_id: e.evaluationId,
          item_id: f.itemId || f.ruleId,
          rule_id: f.ruleId || f.itemId,
          outcome: OUTCOME[f.outcome],
          evidence: f.evidence.map(({ segment, start, end, text }) => ({
            segment,
            start,
            end,
            text,
          })),
        })),
    );
    const agents = rows.map((r) => ({ tenant_id: r.tenant_id, agent_id: r.agent_id }));
    await this.evaluations.lockAgents(m, agents);
    await this.evaluations.insertEvaluations(m, rows);
    await this.evaluations.insertFindings(m, findings);
    // A review that arrived first (another topic) applies now.
    await this.evaluations.applyReviews(m, rows);
    await this.detect(
      m,
      rows.filter((r) => !r.training),
    );
  }

  async reviewed(m: EntityManager, items: Incoming<EvaluationReviewed>[]): Promise<void> {
    const rows = items.map(({ event: e, meta }) => ({
      tenant_id: e.tenantId,
      evaluation_id: e.evaluationId,
      score: e.score,
      overrides: e.overrides
        .filter((o) => OUTCOME[o.outcome])
        .map((o) => ({ itemId: o.itemId, outcome: OUTCOME[o.outcome], reason: o.reason })),
      reviewed_at: meta.occurredAt || new Date(0).toISOString(),
      event_id: meta.eventId,
    }));
    const agents = items
      .filter(({ event: e }) => e.agentId)
      .map(({ event: e }) => ({ tenant_id: e.tenantId, agent_id: e.agentId }));
    await this.evaluations.lockAgents(m, agents);
    await this.evaluations.upsertReviews(m, rows);
    await this.evaluations.applyReviews(m, rows);
    await this.detect(m, await this.evaluations.agentsOf(m, rows));
  }

  /** Opens what the agents' windows call for; the open-per-rule index makes it once only. */
  private async detect(m: EntityManager, touched: AgentKey[]): Promise<void> {
    const settings = new Map<string, CoachingSettings>();
    const seen = new Set<string>();
    for (const a of touched) {
      const k = `${a.tenant_id}\u0000${a.agent_id}`;
      if (seen.has(k)) continue;
      seen.add(k);
      let s = settings.get(a.tenant_id);
      if (!s) settings.set(a.tenant_id, (s = (await this.settings.get(a.tenant_id, m)).settings));
      await this.detectAgent(m, a, s);
    }
  }

  private async detectAgent(m: EntityManager, a: AgentKey, s: CoachingSettings): Promise<void> {
    const window = await this.evaluations.lastEvaluations(m, a, s.threshold.window);
    if (!window.length) return;
    const { open, since } = await this.assignments.agentState(m, a);
    const byRule = new Map<string, RuleEntry[]>();
    for (const e of window) {
      if (!e.ruleId || open.has(e.ruleId)) continue;
      const from = since.get(e.ruleId);
      // Calls before the last session (or closure) were coached already.
      if (from && e.callStartedAt <= from) continue;
      byRule.set(e.ruleId, [...(byRule.get(e.ruleId) ?? []), e]);
    }
    for (const [ruleId, entries] of byRule) {
      const fails = failingEvidence(entries, s.threshold);
      if (!fails.length) continue;
      const id = await this.assignments.insertIfNoneOpen(m, {
        id: randomUUID(),
        tenantId: a.tenant_id,
        agentId: a.agent_id,
        teamId: window[0].teamId,
        ruleId,
        origin: 'auto',
        status: 'open',
        openedAt: new Date().toISOString(),
        openedBy: AUTO_OPENER,
        threshold: s.threshold,
        evidence: fails.map((f) => ({
          evaluationId: f.evaluationId,
          callId: f.callId,
          callStartedAt: f.callStartedAt,
          outcome: f.outcome,
          evidence: f.evidence,
          ...(f.reason ? { reason: f.reason } : {}),
        })),
        note: null,
        session: null,
        closedAt: null,
        version: 1,
      });
      if (id)
        this.logger.log(
          { tenantId: a.tenant_id, agentId: a.agent_id, ruleId, assignmentId: id },
          'coaching assignment opened',
        );
    }
  }
}
