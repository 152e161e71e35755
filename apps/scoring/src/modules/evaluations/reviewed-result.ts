import { EvaluationResult, ManualAnswer, rescore } from '@qa/qa-rules';
import type { ReviewState } from './entities/evaluation.entity';

/**
 * Fails of needs-human-review items that no person has confirmed yet: they count as not
 * applicable. Finalizing confirms what it did not override, so a final evaluation holds nothing.
 */
export function heldItems(
  auto: EvaluationResult,
  state: ReviewState,
  reviewItems: readonly string[],
  final: boolean,
): string[] {
  if (final || reviewItems.length === 0) return [];
  const flagged = new Set(reviewItems);
  return auto.findings
    .filter((f) => flagged.has(f.itemId) && f.outcome === 'fail' && !state.decisions[f.itemId])
    .map((f) => f.itemId);
}

/**
 * The engine's result with people's decisions applied (rescore) and held items left out of the
 * score. Findings keep the outcome people gave them (a held fail still shows as a fail); score,
 * grade, sections and metrics are computed without the held items.
 */
export function reviewedResult(
  auto: EvaluationResult,
  state: ReviewState,
  reviewItems: readonly string[],
  final: boolean,
): EvaluationResult {
  const answers: ManualAnswer[] = Object.values(state.decisions).map((d) => ({
    itemId: d.itemId,
    outcome: d.outcome,
    ...(d.reason ? { reason: d.reason } : {}),
  }));
  const reviewed = answers.length > 0 ? rescore(auto, answers) : auto;
  const held = heldItems(auto, state, reviewItems, final);
  if (held.length === 0) return reviewed;
  const scored = rescore(
    reviewed,
    held.map((itemId) => ({ itemId, outcome: 'not_applicable' })),
  );
  return { ...scored, findings: reviewed.findings };
}
