import { Call, ComplaintDetected, EvaluationScored, FindingOutcome } from '@qa/contracts';
import { openEventCustomer, piiCipher, sealEventCustomer } from '@qa/pii';
import type { EvaluationEntity } from './entities/evaluation.entity';
import { toEvidenceSpan } from './evaluations.mapper';

export const OUTCOME: Record<string, FindingOutcome> = {
  pass: FindingOutcome.FINDING_OUTCOME_PASS,
  fail: FindingOutcome.FINDING_OUTCOME_FAIL,
  not_applicable: FindingOutcome.FINDING_OUTCOME_NOT_APPLICABLE,
};

export function toEvaluationScored(
  e: Omit<EvaluationEntity, 'createdAt'>,
  call: Call,
  scorecardActive: boolean,
): EvaluationScored {
  const r = e.result;
  return {
    evaluationId: e.id,
    callId: e.callId,
    tenantId: e.tenantId,
    agentId: e.agentId,
    teamId: e.teamId,
    scorecardId: e.scorecardKey,
    scorecardVersion: e.scorecardVersion,
    score: e.score,
    grade: e.grade,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      itemId: f.itemId,
      section: f.section,
      outcome: OUTCOME[f.outcome] ?? FindingOutcome.FINDING_OUTCOME_UNSPECIFIED,
      critical: f.critical,
      evidence: f.evidence.map((v) => toEvidenceSpan(v)),
    })),
    sections: r.sections.map((s) => ({ section: s.name, weight: s.weight, score: s.score })),
    callStartedAt: call.startedAt,
    answeredWithinThreeRings: r.metrics.answeredWithinThreeRings === true,
    forbiddenPhraseCount: r.metrics.forbiddenPhraseCount,
    csat: call.csat,
    handleSeconds: Math.round(r.metrics.handleSeconds ?? 0),
    scorecardActive,
    callPurpose: call.purpose,
  };
}

export function toComplaintDetected(
  e: Omit<EvaluationEntity, 'createdAt'>,
  call: Call,
): ComplaintDetected {
  const c = e.result.complaint;
  const cipher = piiCipher();
  // The callback (回访) dials the customer: complaints opens the numbers the call event sealed.
  const customer = openEventCustomer(cipher, call.customer);
  const sealed = sealEventCustomer(cipher, e.tenantId, customer);
  return {
    callId: e.callId,
    tenantId: e.tenantId,
    agentId: e.agentId,
    teamId: e.teamId,
    customerId: '',
    customerPhone: '',
    customerKey: call.customer?.customerKey || sealed.customerKey,
    customerSealed: sealed.sealed,
    reason: c.reason ?? 'keyword',
    evidence: c.evidence.map((v) => toEvidenceSpan(v)),
    evaluationId: e.id,
    callStartedAt: call.startedAt,
  };
}
