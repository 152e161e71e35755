import { detectComplaint } from '../complaint/detect-complaint';
import { recordCallWork } from '../limits/call-work';
import { notApplicable, RuleResult } from '../rules/rule-definition';
import type { CompiledScorecard } from '../scorecard/compile-scorecard';
import { aggregateScore } from '../scoring/aggregate-score';
import { DEFAULT_SECONDS_PER_RING, type EvaluationContext } from '../types/call.types';
import type { EvaluationResult, Finding, PendingManualItem } from '../types/evaluation.types';
import type { Outcome } from '../types/outcome.types';
import { RuleContext } from './rule-context';

// One context for every call: the engine is synchronous, so no two evaluations overlap.
const ctx = new RuleContext();
const ABANDONED = 'abandoned: nobody answered';

function run(
  compiled: CompiledScorecard,
  call: unknown,
  context: EvaluationContext,
): EvaluationResult {
  const view = ctx.view.load(call);
  ctx.companyName = typeof context?.companyName === 'string' ? context.companyName.trim() : '';
  const spr = Number(context?.secondsPerRing);
  ctx.secondsPerRing = Number.isFinite(spr) && spr > 0 ? spr : DEFAULT_SECONDS_PER_RING;
  ctx.rings = view.rings(ctx.secondsPerRing);
  ctx.hits.fill(compiled.automaton, view.texts, view.count, view.silent);
  const version = compiled.version;
  const findings: Finding[] = [];
  const pendingManualItems: PendingManualItem[] = [];
  const outcomes: (Outcome | undefined)[] = new Array(compiled.items.length);
  let forbiddenPhraseCount = -1;
  for (let i = 0; i < compiled.items.length; i++) {
    const c = compiled.items[i];
    const rule = c.rule;
    if (rule === null) {
      pendingManualItems.push({
        itemId: c.id,
        sectionId: c.sectionId,
        question: String(c.item.question ?? c.item.name ?? c.id),
        points: c.points,
        critical: c.critical,
      });
      continue;
    }
    let r: RuleResult;
    if (view.abandoned && rule.judgesAbandoned !== true) r = notApplicable(ABANDONED);
    else {
      try {
        r = rule.evaluate(ctx, c.config);
      } catch {
        r = notApplicable('the rule could not read this call');
      }
    }
    outcomes[i] = r.outcome;
    const finding: Finding = {
      ruleId: c.ruleId,
      itemId: c.id,
      sectionId: c.sectionId,
      section: c.sectionName,
      outcome: r.outcome,
      critical: c.critical,
      evidence: r.evidence,
      scorecardVersion: version,
      // Always present (undefined drops out of JSON): one object shape for every finding.
      note: r.note,
    };
    findings.push(finding);
    if (forbiddenPhraseCount < 0 && c.ruleId === 'forbidden.phrases') {
      forbiddenPhraseCount = r.outcome === 'fail' ? r.evidence.length : 0;
    }
  }
  const summary = aggregateScore(compiled.scoring, outcomes, compiled.sectionOf);
  const complaint = detectComplaint(ctx, compiled.complaintList, compiled.complaintExceptions);
  recordCallWork(ctx.hits, view.count);
  const handleMs = view.endedMs - view.answeredMs;
  return {
    scorecardId: compiled.id,
    scorecardVersion: version,
    score: summary.score,
    grade: summary.grade,
    scored: summary.scored,
    criticalFailed: summary.criticalFailed,
    sections: summary.sections,
    findings,
    pendingManualItems,
    manualAnswers: [],
    complaint,
    metrics: {
      answeredWithinThreeRings: view.abandoned || ctx.rings === null ? null : ctx.rings <= 3,
      ringCount: ctx.rings,
      forbiddenPhraseCount: Math.max(0, forbiddenPhraseCount),
      handleSeconds: handleMs > 0 ? Math.min(Math.round(handleMs / 1000), 1e7) : 0,
    },
    basis: compiled.basis,
  };
}

/**
 * Scores one call with a compiled scorecard: one automaton pass per segment, then every item's rule
 * over the hit table, the score and the complaint signal. Never throws: a call it cannot read at
 * all is scored as an empty one.
 */
export function evaluateCall(
  compiled: CompiledScorecard,
  call: unknown,
  context: EvaluationContext,
): EvaluationResult {
  try {
    return run(compiled, call, context);
  } catch {
    return run(compiled, {}, { companyName: '', secondsPerRing: DEFAULT_SECONDS_PER_RING });
  }
}
