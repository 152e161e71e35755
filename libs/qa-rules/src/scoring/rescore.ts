import type {
  AnsweredManualItem,
  EvaluationResult,
  Finding,
  ManualAnswer,
  PendingManualItem,
} from '../types/evaluation.types';
import type { Outcome } from '../types/outcome.types';
import { aggregateScore } from './aggregate-score';

const OUTCOMES: readonly unknown[] = ['pass', 'fail', 'not_applicable'];

function override(f: Finding, a: ManualAnswer): Finding {
  const automatic = f.override?.automaticOutcome ?? f.outcome;
  const next: Finding = { ...f, outcome: a.outcome };
  delete next.override;
  // Agreeing with the engine is not an override.
  if (a.outcome !== automatic) {
    next.override = { automaticOutcome: automatic, ...(a.reason ? { reason: a.reason } : {}) };
  }
  return next;
}

const itemOf = (m: PendingManualItem): PendingManualItem => ({
  itemId: m.itemId,
  sectionId: m.sectionId,
  question: m.question,
  points: m.points,
  critical: m.critical,
});

/**
 * The review loop: a person's answers to manual items and overrides of automatic findings, applied
 * to a stored result (it carries its own scoring basis), score and grade recomputed. Pure; answers
 * naming no item of the result are ignored; a later answer for an item replaces an earlier one.
 */
export function rescore(
  result: EvaluationResult,
  answers: readonly ManualAnswer[],
): EvaluationResult {
  const byItem = new Map<string, ManualAnswer>();
  for (const a of answers ?? []) {
    if (a && typeof a.itemId === 'string' && OUTCOMES.includes(a.outcome)) byItem.set(a.itemId, a);
  }
  const findings = result.findings.map((f) => {
    const a = byItem.get(f.itemId);
    return a ? override(f, a) : f;
  });
  const manualAnswers: AnsweredManualItem[] = [];
  const pendingManualItems = [];
  for (const m of [...result.manualAnswers, ...result.pendingManualItems]) {
    const a = byItem.get(m.itemId);
    const item = itemOf(m);
    if (a)
      manualAnswers.push({
        ...item,
        outcome: a.outcome,
        ...(a.reason ? { reason: a.reason } : {}),
      });
    else if ('outcome' in m) manualAnswers.push(m as AnsweredManualItem);
    else pendingManualItems.push(item);
  }
  const outcomeOf = new Map<string, Outcome>();
  for (const f of findings) outcomeOf.set(f.itemId, f.outcome);
  for (const m of manualAnswers) outcomeOf.set(m.itemId, m.outcome);
  const summary = aggregateScore(
    result.basis,
    result.basis.items.map((i) => outcomeOf.get(i.itemId)),
  );
  const forbidden = findings.find((f) => f.ruleId === 'forbidden.phrases');
  const forbiddenPhraseCount =
    forbidden?.outcome === 'fail' ? Math.max(1, forbidden.evidence.length) : 0;
  return {
    ...result,
    ...summary,
    findings,
    pendingManualItems,
    manualAnswers,
    metrics: { ...result.metrics, forbiddenPhraseCount },
  };
}
