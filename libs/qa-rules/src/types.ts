export type Speaker = 'agent' | 'customer';
export type Outcome = 'pass' | 'fail' | 'not_applicable';

export interface SegmentInput {
  speaker: Speaker;
  startMs: number;
  endMs: number;
  text: string;
}

/** The call as DESIGN.md describes it; the engine tolerates any deviation from this shape. */
export interface CallInput {
  callId: string;
  tenantId: string;
  direction: 'inbound' | 'outbound';
  purpose: 'service' | 'complaint' | 'callback';
  agentId: string;
  teamId: string;
  customer?: { phone?: string; id?: string };
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  ringCount?: number;
  hangupBy: 'customer' | 'agent' | 'system';
  segments: SegmentInput[];
  recordingUrl?: string;
  csat?: number;
  relatedCallIds?: string[];
}

export interface EvaluationContext {
  /** The tenant's company name, looked for in the greeting. */
  companyName: string;
  secondsPerRing: number;
}

export interface ScorecardSection {
  id: string;
  name: string;
  weight: number;
}

export interface ScorecardItem {
  id: string;
  sectionId: string;
  kind: 'auto' | 'manual';
  /** For automatic items: a rule id from RULE_IDS. */
  ruleId?: string;
  /** Rule parameters; `lists` renames the phrase lists a rule reads. */
  params?: Record<string, unknown>;
  /** For manual items: what the QA person answers. */
  question?: string;
  points: number;
  /** 致命项: failing it sets the call score to 0. */
  critical?: boolean;
}

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
  /** Descending by min; the first band whose min ≤ score names the grade. */
  gradeBands: GradeBand[];
  /** Named phrase lists (data, not code): forbidden, greeting, farewellThanks … */
  phraseLists: Record<string, string[]>;
}

export interface Evidence {
  segment: number;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  ruleId: string;
  itemId: string;
  section: string;
  outcome: Outcome;
  critical: boolean;
  evidence: Evidence[];
  scorecardVersion: number;
  /** A short reason a person can read (which phrase was missing, which gap was silent). */
  note?: string;
}

export interface SectionScore {
  sectionId: string;
  name: string;
  weight: number;
  score: number;
}

export interface PendingManualItem {
  itemId: string;
  sectionId: string;
  question: string;
  points: number;
}

export interface ComplaintSignal {
  detected: boolean;
  reason?: 'keyword' | 'purpose';
  evidence: Evidence[];
}

export interface EvaluationMetrics {
  answeredWithinThreeRings: boolean | null;
  ringCount: number | null;
  forbiddenPhraseCount: number;
  handleSeconds: number;
}

export interface EvaluationResult {
  scorecardId: string;
  scorecardVersion: number;
  score: number;
  grade: string;
  criticalFailed: boolean;
  sections: SectionScore[];
  findings: Finding[];
  pendingManualItems: PendingManualItem[];
  complaint: ComplaintSignal;
  metrics: EvaluationMetrics;
}

/** A person's answer to a manual item or override of an automatic one. */
export interface ManualAnswer {
  itemId: string;
  outcome: Outcome;
  reason?: string;
}
