export { CALL_PURPOSES, DEFAULT_SECONDS_PER_RING } from './types/call.types';
export type {
  CallDirection,
  CallInput,
  CallPurpose,
  EvaluationContext,
  HangupBy,
  SegmentInput,
  Speaker,
} from './types/call.types';
export type {
  GradeBand,
  PhraseLists,
  ScorecardDefinition,
  ScorecardItem,
  ScorecardSection,
  ScorecardValidationError,
} from './types/scorecard.types';
export type {
  AnsweredManualItem,
  ComplaintSignal,
  EvaluationMetrics,
  EvaluationResult,
  Evidence,
  EvidenceMeasure,
  EvidenceRole,
  Finding,
  ManualAnswer,
  PendingManualItem,
  ScoringBasis,
  SectionScore,
} from './types/evaluation.types';
export type { Outcome } from './types/outcome.types';
export type { PhraseExpression } from './rules/phrase-expression';
export type { CompiledScorecard } from './scorecard/compile-scorecard';
export { compileScorecard } from './scorecard/compile-scorecard';
export { getCompiledScorecard } from './scorecard/compiled-scorecard-cache';
export { defaultScorecard } from './scorecard/default-scorecard';
export { validateScorecard } from './scorecard/validate-scorecard';
export { evaluateCall } from './engine/evaluate-call';
export { rescore } from './scoring/rescore';
export { aggregateScore } from './scoring/aggregate-score';
export type { ScoreSummary } from './scoring/aggregate-score';
export {
  ENGINE_LIMITS,
  MAX_CHARS_PER_CALL,
  MAX_EXPRESSION_NODES,
  MAX_HITS_PER_CALL,
  MAX_HITS_PER_SEGMENT,
  MAX_ITEMS,
  MAX_PHRASE_LENGTH,
  MAX_PHRASES_PER_LIST,
  MAX_PHRASES_PER_SCORECARD,
} from './limits/engine-limits';
export type { EngineLimit } from './limits/engine-limits';
export { heaviestCallWork, MAX_PROBES_PER_HIT, resetCallWork } from './limits/call-work';
export type { CallWork } from './limits/call-work';
