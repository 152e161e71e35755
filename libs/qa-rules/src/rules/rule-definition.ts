import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import type { Outcome } from '../types/outcome.types';
import type { ScorecardValidationError } from '../types/scorecard.types';

export interface RuleResult {
  outcome: Outcome;
  evidence: Evidence[];
  note?: string;
}

/** List name → list id for one item (its own lists first, then the scorecard's); -1 if none. */
export type ListResolver = (name: string) => number;

export interface RuleDefinition<C = unknown> {
  id: string;
  /** Phrase lists the rule cannot work without (validation names the missing ones). */
  requiredLists: readonly string[];
  /** Whether the rule judges abandoned calls itself; otherwise they are not applicable. */
  judgesAbandoned?: boolean;
  /** Reads the item's params once, at compile time; problems go to `issues` (paths under params). */
  configure(
    params: Record<string, unknown>,
    lists: ListResolver,
    issues: ScorecardValidationError[],
  ): C;
  evaluate(ctx: RuleContext, config: C): RuleResult;
}

export const pass = (evidence: Evidence[] = [], note?: string): RuleResult => ({
  outcome: 'pass',
  evidence,
  note,
});

export const fail = (evidence: Evidence[] = [], note?: string): RuleResult => ({
  outcome: 'fail',
  evidence,
  note,
});

export const notApplicable = (note: string, evidence: Evidence[] = []): RuleResult => ({
  outcome: 'not_applicable',
  evidence,
  note,
});

/** A numeric param with its default; out-of-range values are reported and the default kept. */
export function numberParam(
  params: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  issues: ScorecardValidationError[],
): number {
  const v = params[name];
  if (v === undefined) return fallback;
  if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
  issues.push({ path: `params.${name}`, message: `${name} must be a number in ${min}..${max}` });
  return fallback;
}
