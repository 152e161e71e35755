/**
 * Named phrase lists: data, not code (greeting, forbidden, forbiddenExceptions …). A phrase may be
 * a pattern: (a|b) alternatives, (x)? optional, <name> a synonym set, … a gap of up to 6 characters
 * (…{n}: up to n ≤ 20) that never spans the end of a sentence; \ escapes a mark.
 */
export type PhraseLists = Record<string, string[]>;

export interface ScorecardSection {
  id: string;
  /** 礼仪 / 沟通 / 问题解决 / 效率 … */
  name: string;
  /** Sections' weights sum to 100. */
  weight: number;
}

export interface ScorecardItem {
  id: string;
  sectionId: string;
  kind: 'auto' | 'manual';
  /** Display label. */
  name?: string;
  /** Automatic items: a rule id from RULE_IDS. */
  ruleId?: string;
  /** Rule settings (thresholds; the expression of a custom.phrase item). */
  params?: Record<string, unknown>;
  /**
   * Phrase lists this item reads. They shadow the scorecard's lists of the same name for this
   * item; other items can still refer to them by name when no scorecard list has that name.
   */
  phrases?: PhraseLists;
  /** Manual items: what the QA person answers. */
  question?: string;
  /** Weight inside its section. */
  points: number;
  /** 致命项: failing it sets the call score to 0. */
  critical?: boolean;
  /**
   * Automatic items only: the engine's fails are held out of the score (not applicable) until a
   * person confirms them in a review.
   */
  needsHumanReview?: boolean;
}

/** The band with the highest `min` not above the score names the grade. */
export interface GradeBand {
  min: number;
  grade: string;
}

export interface ScorecardDefinition {
  id: string;
  version: number;
  name: string;
  sections: ScorecardSection[];
  items: ScorecardItem[];
  gradeBands: GradeBand[];
  /** Lists shared by every item and by complaint detection (complaint, complaintExceptions). */
  phraseLists?: PhraseLists;
  /**
   * Synonym sets a phrase pattern names as `<name>` (帮: 帮, 帮助, 协助): plain words, not scanned
   * on their own.
   */
  synonyms?: PhraseLists;
}

export interface ScorecardValidationError {
  /** Dotted path of the offending field, e.g. `items.3.phrases.forbidden.2`. */
  path: string;
  message: string;
}
