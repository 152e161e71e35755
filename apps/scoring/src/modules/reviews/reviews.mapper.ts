import { EvaluationReviewed, FindingOutcome, Topics } from '@qa/contracts';
import type { OutgoingEvent } from '@qa/messaging';
import type { EvaluationEntity } from '../evaluations/entities/evaluation.entity';
import type {
  EvaluationHistoryEntity,
  HistoryAction,
  HistoryChange,
  NewHistoryRow,
} from '../evaluations/entities/evaluation-history.entity';
import { OUTCOME } from '../evaluations/evaluation-events.mapper';
import type { DisputeEntity } from './entities/dispute.entity';
import type { DisputeResponseDto, HistoryEntryResponseDto } from './dto/review.response.dto';

export function toHistoryEntry(h: EvaluationHistoryEntity): HistoryEntryResponseDto {
  return {
    at: h.at.toISOString(),
    by: h.by,
    role: h.role,
    action: h.action,
    changes: h.changes,
    reason: h.reason,
    scoreBefore: h.scoreBefore,
    scoreAfter: h.scoreAfter,
    ...(h.disputeId ? { disputeId: h.disputeId } : {}),
  };
}

export function historyRow(
  e: Pick<EvaluationEntity, 'tenantId' | 'id'>,
  who: { by: string; role: string; at: Date },
  action: HistoryAction,
  more: {
    changes?: HistoryChange[];
    reason?: string | null;
    scoreBefore?: number | null;
    scoreAfter?: number | null;
    disputeId?: string | null;
  } = {},
): NewHistoryRow {
  return {
    tenantId: e.tenantId,
    evaluationId: e.id,
    at: who.at,
    by: who.by,
    role: who.role,
    action,
    changes: more.changes ?? [],
    reason: more.reason ?? null,
    scoreBefore: more.scoreBefore ?? null,
    scoreAfter: more.scoreAfter ?? null,
    disputeId: more.disputeId ?? null,
  };
}

export function toDisputeResponse(d: DisputeEntity): DisputeResponseDto {
  return {
    id: d.id,
    evaluationId: d.evaluationId,
    agentId: d.agentId,
    status: d.status,
    items: d.items,
    openedBy: d.openedBy,
    openedAt: d.openedAt.toISOString(),
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt?.toISOString() ?? null,
    decisionComment: d.decisionComment,
    decisionItems: d.decisionItems ?? [],
  };
}

/** The reviewed score as KPIs take it; overrides are the items a person set against the engine. */
export function toEvaluationReviewed(e: EvaluationEntity, reviewer: string): EvaluationReviewed {
  const engine = new Map(e.result.findings.map((f) => [f.itemId, f.outcome]));
  return {
    evaluationId: e.id,
    callId: e.callId,
    tenantId: e.tenantId,
    agentId: e.agentId,
    teamId: e.teamId,
    reviewerId: reviewer,
    previousScore: e.autoScore,
    score: e.score,
    grade: e.grade,
    overrides: Object.values(e.review.decisions)
      .filter((d) => engine.has(d.itemId) && engine.get(d.itemId) !== d.outcome)
      .map((d) => ({
        itemId: d.itemId,
        outcome: OUTCOME[d.outcome] ?? FindingOutcome.FINDING_OUTCOME_UNSPECIFIED,
        reason: d.reason ?? '',
      })),
    finalized: e.status === 'final',
    callStartedAt: e.callStartedAt.toISOString(),
  };
}

/** qa.evaluation.reviewed.v1 for the outbox, keyed by call id. */
export function reviewedEvent(
  e: EvaluationEntity,
  reviewer: string,
  traceId: string,
  at: Date,
): OutgoingEvent<typeof Topics.EvaluationReviewed> {
  return {
    topic: Topics.EvaluationReviewed,
    key: e.callId,
    tenantId: e.tenantId,
    traceId,
    occurredAt: at.toISOString(),
    payload: toEvaluationReviewed(e, reviewer),
  };
}

/** qa.evaluation.review-step.v1: a release, acknowledgement, dispute or decision, as in the history. */
export function reviewStepEvent(
  e: EvaluationEntity,
  step: NewHistoryRow,
  traceId: string,
  more: { decision?: string; itemIds?: string[] } = {},
): OutgoingEvent<typeof Topics.EvaluationReviewStep> {
  return {
    topic: Topics.EvaluationReviewStep,
    key: e.callId,
    tenantId: e.tenantId,
    traceId,
    occurredAt: step.at.toISOString(),
    payload: {
      evaluationId: e.id,
      callId: e.callId,
      tenantId: e.tenantId,
      agentId: e.agentId,
      teamId: e.teamId,
      action: step.action,
      by: step.by,
      role: step.role,
      disputeId: step.disputeId ?? '',
      decision: more.decision ?? '',
      itemIds: more.itemIds ?? step.changes.map((c) => c.itemId),
      score: e.score,
      version: e.version,
      at: step.at.toISOString(),
    },
  };
}
