import { decodeCursor } from '@qa/platform';
import { maskPii } from '@qa/pii';
import type { Evidence } from '@qa/qa-rules';
import { isISO8601 } from 'class-validator';
import type { EvaluationEntity } from './entities/evaluation.entity';
import { heldItems } from './reviewed-result';
import type {
  EvaluationResponseDto,
  EvaluationSummaryResponseDto,
  EvidenceResponseDto,
} from './dto/evaluation.response.dto';

/** What people see: the engine's result with their decisions applied (score without held items). */
export const currentResultOf = (e: EvaluationEntity) => e.currentResult ?? e.result;

export function toEvaluationSummary(e: EvaluationEntity): EvaluationSummaryResponseDto {
  return {
    id: e.id,
    callId: e.callId,
    agentId: e.agentId,
    teamId: e.teamId,
    callStartedAt: e.callStartedAt.toISOString(),
    score: e.score,
    grade: e.grade,
    scorecardId: e.scorecardKey,
    scorecardVersion: e.scorecardVersion,
    status: e.status,
    version: e.version,
    autoScore: e.autoScore,
    autoGrade: e.autoGrade,
    failedRules: currentResultOf(e)
      .findings.filter((f) => f.outcome === 'fail')
      .map((f) => f.ruleId),
    releasedAt: e.releasedAt?.toISOString() ?? null,
  };
}

/** Where a piece of evidence sits in the transcript and what it quotes: on the API and events. */
export const toEvidenceSpan = (v: Evidence, text: (t: string) => string = (t) => t) => ({
  segment: v.segment,
  start: v.start,
  end: v.end,
  text: text(v.text),
});

/** One piece of evidence; results stored before evidence had roles read as matches. */
function toEvidenceResponse(v: Evidence, text: (t: string) => string): EvidenceResponseDto {
  return {
    role: (v.role as Evidence['role'] | undefined) ?? 'match',
    ...toEvidenceSpan(v, text),
    ...(v.measure ? { measure: { ...v.measure } } : {}),
  };
}

/**
 * The evaluation with every transcript text (finding and complaint evidence) masked by the call
 * view's rules unless the reader may see personal numbers: offsets stay valid (same length).
 */
export function toEvaluationResponse(
  e: EvaluationEntity,
  canSeePii: boolean,
): EvaluationResponseDto {
  const r = currentResultOf(e);
  const text = canSeePii ? (t: string) => t : maskPii;
  const flagged = new Set(e.reviewItems);
  const held = new Set(heldItems(e.result, e.review, e.reviewItems, e.status === 'final'));
  const engine = new Map(e.result.findings.map((f) => [f.itemId, f.outcome]));
  return {
    ...toEvaluationSummary(e),
    sections: r.sections.map((s) => ({
      sectionId: s.sectionId,
      name: s.name,
      weight: s.weight,
      score: s.score,
    })),
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      itemId: f.itemId,
      section: f.section,
      outcome: f.outcome,
      automaticOutcome: engine.get(f.itemId) ?? f.outcome,
      ...(f.override?.reason ? { overrideReason: f.override.reason } : {}),
      needsHumanReview: flagged.has(f.itemId),
      heldForReview: held.has(f.itemId),
      critical: f.critical,
      evidence: f.evidence.map((v) => toEvidenceResponse(v, text)),
    })),
    pendingManualItems: r.pendingManualItems.map((m) => (typeof m === 'string' ? m : m.itemId)),
    manualAnswers: r.manualAnswers.map((m) => ({
      itemId: m.itemId,
      question: m.question,
      outcome: m.outcome,
      ...(e.review.decisions[m.itemId]?.comment
        ? { comment: e.review.decisions[m.itemId].comment }
        : {}),
    })),
    ...(e.review.comment ? { reviewComment: e.review.comment } : {}),
    finalizedAt: e.finalizedAt?.toISOString() ?? null,
    finalizedBy: e.finalizedBy,
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
    complaint: {
      detected: r.complaint.detected,
      ...(r.complaint.reason ? { reason: r.complaint.reason } : {}),
      evidence: r.complaint.evidence.map((v) => toEvidenceResponse(v, text)),
    },
    createdAt: e.createdAt.toISOString(),
  };
}

/** A [time, uuid] page key: evaluations by call start, the review queue by due time. */
export const timeIdKey = (at: Date, id: string): [string, string] => [at.toISOString(), id];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseTimeIdCursor(cursor: string): { startedAt: Date; id: string } | null {
  const [at, id] = decodeCursor(cursor, 2) ?? [];
  // Only what timeIdKey makes: anything else would reach Postgres as a bad uuid or date.
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  if (!isISO8601(at, { strict: true, strictSeparator: true })) return null;
  const startedAt = new Date(at);
  return Number.isNaN(startedAt.getTime()) ? null : { startedAt, id };
}
