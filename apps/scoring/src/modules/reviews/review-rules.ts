import type { FieldError } from '@qa/platform';
import type { EvaluationResult, Finding, Outcome } from '@qa/qa-rules';
import type {
  EvaluationStatus,
  ReviewDecision,
  ReviewState,
} from '../evaluations/entities/evaluation.entity';
import type { HistoryChange } from '../evaluations/entities/evaluation-history.entity';
import { heldItems } from '../evaluations/reviewed-result';
import type { DecisionOutcome } from './entities/review-decision.entity';

/** What a review, a dispute or a decision names: a finding by rule (or item) or a manual item. */
export interface ItemRef {
  ruleId?: string;
  itemId?: string;
}

export interface OverrideInput extends ItemRef {
  ruleId: string;
  outcome: Outcome;
  reason?: string;
}

export interface AnswerInput {
  itemId: string;
  outcome: Outcome;
  comment?: string;
}

export interface ReviewInput {
  overrides?: OverrideInput[];
  answers?: AnswerInput[];
  comment?: string;
  finalize?: boolean;
}

export interface ReviewedEvaluation {
  result: EvaluationResult;
  currentResult: EvaluationResult | null;
  review: ReviewState;
  reviewItems: string[];
  status: EvaluationStatus;
}

export interface Actor {
  by: string;
  at: string;
}

export interface Applied {
  review: ReviewState;
  changes: HistoryChange[];
  errors: FieldError[];
}

const current = (e: ReviewedEvaluation) => e.currentResult ?? e.result;

/**
 * Resolves a reference to one item of the evaluation: a finding by ruleId (itemId needed when
 * the rule scores several items) or by itemId, or a manual item by itemId.
 */
export function resolveItem(
  e: ReviewedEvaluation,
  ref: ItemRef,
): { itemId: string; ruleId?: string } | string {
  const findings = e.result.findings;
  if (ref.ruleId !== undefined) {
    const matches = findings.filter(
      (f) => f.ruleId === ref.ruleId && (ref.itemId === undefined || f.itemId === ref.itemId),
    );
    if (matches.length === 0) return `no finding for rule ${ref.ruleId} in this evaluation`;
    if (matches.length > 1) return `rule ${ref.ruleId} scores several items: give itemId`;
    return { itemId: matches[0].itemId, ruleId: matches[0].ruleId };
  }
  if (ref.itemId === undefined) return 'name a ruleId or an itemId';
  const finding = findings.find((f) => f.itemId === ref.itemId);
  if (finding) return { itemId: finding.itemId, ruleId: finding.ruleId };
  const r = current(e);
  const manual = [...r.pendingManualItems, ...r.manualAnswers].some((m) => m.itemId === ref.itemId);
  return manual ? { itemId: ref.itemId } : `no item ${ref.itemId} in this evaluation`;
}

/** The outcome people see now, or 'held' / 'pending' where there is none yet. */
export function outcomeNow(e: ReviewedEvaluation, itemId: string): string {
  if (heldItems(e.result, e.review, e.reviewItems, e.status === 'final').includes(itemId))
    return 'held';
  const r = current(e);
  const f = r.findings.find((x) => x.itemId === itemId);
  if (f) return f.outcome;
  return r.manualAnswers.find((m) => m.itemId === itemId)?.outcome ?? 'pending';
}

const engineOutcome = (e: ReviewedEvaluation, itemId: string): Outcome | undefined =>
  e.result.findings.find((f) => f.itemId === itemId)?.outcome;

/**
 * A QA person's review applied to the evaluation's state: every error with its field path (then
 * nothing is applied), else the new state and what changed. Changing the engine's outcome needs a
 * reason; agreeing with it is a confirmation and needs none.
 */
export function applyReview(e: ReviewedEvaluation, input: ReviewInput, actor: Actor): Applied {
  const errors: FieldError[] = [];
  const decisions: Record<string, ReviewDecision> = { ...e.review.decisions };
  const changes: HistoryChange[] = [];
  const seen = new Set<string>();
  const take = (path: string, itemId: string) => {
    if (seen.has(itemId)) errors.push({ path, message: `item ${itemId} is named twice` });
    seen.add(itemId);
  };
  (input.overrides ?? []).forEach((o, i) => {
    const ref = resolveItem(e, o);
    if (typeof ref === 'string' || ref.ruleId === undefined) {
      errors.push({
        path: `overrides.${i}.ruleId`,
        message: typeof ref === 'string' ? ref : `${o.itemId} is a manual item: use answers`,
      });
      return;
    }
    take(`overrides.${i}`, ref.itemId);
    const reason = o.reason?.trim();
    if (o.outcome !== engineOutcome(e, ref.itemId) && !reason) {
      errors.push({
        path: `overrides.${i}.reason`,
        message: "a reason is required to override the engine's outcome",
      });
      return;
    }
    changes.push({
      ...ref,
      before: outcomeNow(e, ref.itemId),
      after: o.outcome,
      ...(reason ? { reason } : {}),
    });
    decisions[ref.itemId] = { ...ref, outcome: o.outcome, ...(reason ? { reason } : {}), ...actor };
  });
  (input.answers ?? []).forEach((a, i) => {
    const ref = resolveItem(e, { itemId: a.itemId });
    if (typeof ref === 'string' || ref.ruleId !== undefined) {
      errors.push({
        path: `answers.${i}.itemId`,
        message:
          typeof ref === 'string' ? ref : `${a.itemId} is automatic (${ref.ruleId}): use overrides`,
      });
      return;
    }
    take(`answers.${i}`, ref.itemId);
    const comment = a.comment?.trim();
    changes.push({
      itemId: ref.itemId,
      before: outcomeNow(e, ref.itemId),
      after: a.outcome,
      ...(comment ? { reason: comment } : {}),
    });
    decisions[ref.itemId] = {
      itemId: ref.itemId,
      outcome: a.outcome,
      ...(comment ? { comment } : {}),
      ...actor,
    };
  });
  const review: ReviewState = {
    decisions,
    ...(input.comment?.trim() || e.review.comment
      ? { comment: input.comment?.trim() || e.review.comment }
      : {}),
  };
  if (input.finalize) {
    const unanswered = current(e).pendingManualItems.filter((m) => !decisions[m.itemId]);
    if (unanswered.length > 0)
      errors.push({
        path: 'answers',
        message: `answer every manual item before finalizing: ${unanswered.map((m) => m.itemId).join(', ')}`,
      });
    // Finalizing confirms the held fails nobody overrode.
    for (const itemId of heldItems(e.result, review, e.reviewItems, false)) {
      const f = e.result.findings.find((x) => x.itemId === itemId)!;
      changes.push({ ruleId: f.ruleId, itemId, before: 'held', after: 'fail' });
    }
  }
  const given = (input.overrides?.length ?? 0) + (input.answers?.length ?? 0);
  if (given === 0 && !input.comment?.trim() && !input.finalize)
    errors.push({
      path: '',
      message: 'nothing to review: give overrides, answers, a comment or finalize',
    });
  return { review, changes, errors };
}

const toDecisionOutcome = (o: Outcome): DecisionOutcome => (o === 'not_applicable' ? 'na' : o);

/** The key of a finding in review_decisions: its rule, or rule:item when a rule scores several. */
export function decisionRuleId(findings: readonly Finding[], f: Finding): string {
  const shared = findings.filter((x) => x.ruleId === f.ruleId).length > 1;
  return shared ? `${f.ruleId}:${f.itemId}` : f.ruleId;
}

/** One row per automatic finding: the engine's outcome and the person's (an implicit confirmation when unchanged). */
export function decisionRows(engine: EvaluationResult, review: ReviewState) {
  return engine.findings.map((f) => ({
    ruleId: decisionRuleId(engine.findings, f),
    engineOutcome: toDecisionOutcome(f.outcome),
    humanOutcome: toDecisionOutcome(review.decisions[f.itemId]?.outcome ?? f.outcome),
  }));
}

/** Monday (UTC) of the instant, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
