import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EvaluationResult } from '@qa/qa-rules';
import { EntityManager } from 'typeorm';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { AssignmentsRepository } from './assignments.repository';
import {
  AssignmentDecision,
  counterKeyOf,
  decideSampling,
  itemsNeedingHumanReview,
  PolicyState,
  SamplingCandidate,
} from './sampling';
import { SamplingPoliciesRepository } from './sampling-policies.repository';

/** What sampling reads of a stored evaluation. */
export interface StoredEvaluation {
  id: string;
  tenantId: string;
  callId: string;
  agentId: string;
  callStartedAt: Date;
  scorecardKey: string;
  scorecardVersion: number;
  result: Pick<EvaluationResult, 'criticalFailed' | 'complaint' | 'findings'>;
}

/**
 * Samples newly stored evaluations by their tenant's policies and assigns the sampled ones, in
 * the transaction that stored them (so a redelivered event, which stores nothing, assigns
 * nothing). A handful of statements per chunk, whatever its size.
 */
@Injectable()
export class AssignEvaluationsService {
  constructor(
    private readonly policies: SamplingPoliciesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  async assignMany(
    manager: EntityManager,
    evaluations: readonly StoredEvaluation[],
    now: Date,
  ): Promise<AssignmentDecision[]> {
    if (evaluations.length === 0) return [];
    const tenantIds = [...new Set(evaluations.map((e) => e.tenantId))].sort();
    const byTenant = await this.policies.lockActive(manager, tenantIds);
    if (byTenant.size === 0) return [];
    const ofTenants = evaluations.filter((e) => byTenant.has(e.tenantId));
    const assigned = await this.assignments.assignedCalls(
      manager,
      ofTenants.map((e) => e.tenantId),
      ofTenants.map((e) => e.callId),
    );
    const fresh = ofTenants.filter((e) => !assigned.has(`${e.tenantId}/${e.callId}`));
    const candidates = await this.toCandidates(manager, fresh, byTenant);
    const keys = new Set<string>();
    for (const c of candidates)
      for (const p of byTenant.get(c.tenantId)!) keys.add(counterKeyOf(p, c));
    const counters = await this.policies.counters(manager, [...keys]);
    const decisions = decideSampling(candidates, byTenant, counters, now);
    await this.assignments.insertMany(
      manager,
      decisions.map((d) => ({ ...d, id: randomUUID() })),
      now,
    );
    await this.policies.saveCounters(manager, counters);
    await this.policies.saveNextReviewers(manager, [...byTenant.values()].flat());
    return decisions;
  }

  private async toCandidates(
    manager: EntityManager,
    evaluations: readonly StoredEvaluation[],
    byTenant: ReadonlyMap<string, readonly PolicyState[]>,
  ): Promise<SamplingCandidate[]> {
    const flagged = new Map<string, Set<string>>();
    const cardKey = (e: StoredEvaluation) =>
      `${e.tenantId}/${e.scorecardKey}@${e.scorecardVersion}`;
    for (const e of evaluations) {
      const wanted = byTenant.get(e.tenantId)!.some((p) => p.config.needsHumanReview);
      if (!wanted || flagged.has(cardKey(e))) continue;
      const card = await this.scorecards.findVersion(
        e.tenantId,
        e.scorecardKey,
        e.scorecardVersion,
        manager,
      );
      flagged.set(cardKey(e), itemsNeedingHumanReview(card?.definition));
    }
    return evaluations.map((e) => {
      const items = flagged.get(cardKey(e));
      return {
        evaluationId: e.id,
        tenantId: e.tenantId,
        callId: e.callId,
        agentId: e.agentId,
        callStartedAt: e.callStartedAt,
        criticalFailed: e.result.criticalFailed,
        complaint: e.result.complaint.detected,
        needsHumanReview:
          !!items?.size &&
          e.result.findings.some((f) => f.outcome === 'fail' && items.has(f.itemId)),
      };
    });
  }
}
