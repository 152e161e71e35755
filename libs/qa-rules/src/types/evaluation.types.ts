import type { Outcome } from './outcome.types';
import type { GradeBand, ScorecardSection } from './scorecard.types';

/**
 * What a piece of evidence is to its finding: `trigger` made the rule apply (the customer's
 * complaint, a silence, a late answer), `match` is what the rule looked for and found (or, on a
 * failure, the offending words), `missing` is where something required was not said.
 */
export type EvidenceRole = 'trigger' | 'match' | 'missing';

/** A quantity a timing rule measured (answer time, rings, silence, who hung up). */
export interface EvidenceMeasure {
  name: 'answerSeconds' | 'ringCount' | 'hangupBy' | 'silenceSeconds' | 'interruptions';
  value: number | string;
  /** The rule's limit it was held against, when there is one. */
  limit?: number;
}

export interface Evidence {
  role: EvidenceRole;
  /** Index into call.segments; -1 for a measurement of the whole call. */
  segment: number;
  /** UTF-16 offsets into that segment's text, end exclusive. */
  start: number;
  end: number;
  /** segments[segment].text.slice(start, end); for a measurement, the measurement in words. */
  text: string;
  /** Set on a measurement (its span is empty). */
  measure?: EvidenceMeasure;
}

export interface Finding {
  ruleId: string;
  itemId: string;
  sectionId: string;
  /** The section's name (礼仪 …). */
  section: string;
  outcome: Outcome;
  critical: boolean;
  evidence: Evidence[];
  scorecardVersion: number;
  /** Why, in a sentence a person can check (which phrase was missing, which gap was silent). */
  note?: string;
  /** Set when a person overrode the engine. */
  override?: { automaticOutcome: Outcome; reason?: string };
}

export interface SectionScore {
  sectionId: string;
  name: string;
  /** After handing the weight of not-applicable sections to the others. */
  weight: number;
  score: number;
}

export interface PendingManualItem {
  itemId: string;
  sectionId: string;
  question: string;
  points: number;
  critical: boolean;
}

export interface AnsweredManualItem extends PendingManualItem {
  outcome: Outcome;
  reason?: string;
}

export interface ComplaintSignal {
  detected: boolean;
  reason?: 'keyword' | 'purpose';
  evidence: Evidence[];
}

export interface EvaluationMetrics {
  /** null when nobody answered or the ring time is unknown. */
  answeredWithinThreeRings: boolean | null;
  /** Rings before the answer (or before the caller gave up); null when unknown. */
  ringCount: number | null;
  forbiddenPhraseCount: number;
  handleSeconds: number;
}

/** What rescore() needs besides the findings, so a stored result can be rescored on its own. */
export interface ScoringBasis {
  sections: ScorecardSection[];
  gradeBands: GradeBand[];
  items: { itemId: string; sectionId: string; points: number; critical: boolean }[];
}

export interface EvaluationResult {
  scorecardId: string;
  scorecardVersion: number;
  /** 0..100, one decimal. */
  score: number;
  grade: string;
  /** false when no item applied (e.g. an abandoned call): the score says nothing then. */
  scored: boolean;
  criticalFailed: boolean;
  sections: SectionScore[];
  findings: Finding[];
  pendingManualItems: PendingManualItem[];
  manualAnswers: AnsweredManualItem[];
  complaint: ComplaintSignal;
  metrics: EvaluationMetrics;
  basis: ScoringBasis;
}

/** A person's answer to a manual item, or an override of an automatic finding. */
export interface ManualAnswer {
  itemId: string;
  outcome: Outcome;
  reason?: string;
}
